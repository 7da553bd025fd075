/**
 * Opens a request client for a running workflow from its run directory:
 * contact file (host, port) plus CURVE keys. Only the owner (or root) can
 * read the keys.
 */
import { readContact } from './contact';
import type { ContactInfo } from './contact';
import { readCurveKeys } from './keys';
import { CylcRequestClient } from './request';
import type { RequestClientSettings } from './request';
import { CylcSubscriber } from './subscriber';

export interface WorkflowClient {
  readonly contact: ContactInfo;
  readonly client: CylcRequestClient;
}

export type WorkflowClientOptions = Omit<RequestClientSettings, 'host' | 'port' | 'keys'>;

export async function openWorkflowClient(runDir: string, options: WorkflowClientOptions = {}): Promise<WorkflowClient> {
  const contact = await readContact(runDir);
  const keys = await readCurveKeys(runDir);
  return { contact, client: new CylcRequestClient({ ...options, host: contact.host, port: contact.port, keys }) };
}

/** Opens a subscriber to a running workflow's published deltas (`all`, `shutdown`). */
export async function openWorkflowSubscriber(runDir: string): Promise<{ contact: ContactInfo; subscriber: CylcSubscriber }> {
  const contact = await readContact(runDir);
  const keys = await readCurveKeys(runDir);
  return { contact, subscriber: new CylcSubscriber({ host: contact.host, port: contact.publishPort, keys }) };
}
