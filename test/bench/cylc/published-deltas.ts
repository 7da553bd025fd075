/**
 * The reference clock for delta latency: a root-side CurveZMQ subscriber to
 * the scheduler's publish port (root can read the owner's keys), noting
 * when each `all` message arrives. The UI server's own subscriber receives
 * the same message from the same local socket at about the same moment, so
 * this time stands for "the scheduler published it". It is taken when the
 * message has been decoded (a fraction of a millisecond after receipt),
 * which if anything makes the latencies measured from it smaller.
 */
import { openWorkflowSubscriber, type CylcSubscriber } from '@isobar/cylc-client';
import { runDir } from '../../lib/cylc';
import { OWNER } from './targets';

export class PublishedDeltas {
  /** performance.now() of each `all` message while recording. */
  readonly times: number[] = [];
  shutdowns = 0;
  invalid = 0;
  private recording = false;
  private readonly loop: Promise<void>;

  private constructor(private readonly subscriber: CylcSubscriber) {
    this.loop = this.listen();
  }

  static async open(workflow: string): Promise<PublishedDeltas> {
    const { subscriber } = await openWorkflowSubscriber(runDir(OWNER, workflow));
    return new PublishedDeltas(subscriber);
  }

  private async listen(): Promise<void> {
    for await (const event of this.subscriber) {
      const at = performance.now();
      if (!this.recording) continue;
      if (event.kind === 'deltas') this.times.push(at);
      else if (event.kind === 'shutdown') this.shutdowns++;
      else this.invalid++;
    }
  }

  startRecording(): void {
    this.recording = true;
  }

  stopRecording(): void {
    this.recording = false;
  }

  async close(): Promise<void> {
    this.subscriber.close();
    await this.loop;
  }
}
