import type { WorkflowMonitor } from '@isobar/cylc-client';
import assert from 'node:assert/strict';
import type { WorkflowControl as PlayCommand } from '../../src/control/play';
import type { WorkflowControl, WorkflowSource } from '../../src/graphql/source';

// Checked when this file compiles: the real implementations plug in as they are.
type MonitorIsASource = WorkflowMonitor extends WorkflowSource ? true : false;
type PlayCommandIsAControl = PlayCommand extends WorkflowControl ? true : false;
const monitorIsASource: MonitorIsASource = true;
const playCommandIsAControl: PlayCommandIsAControl = true;

describe('GraphQL source interfaces', () => {
  it('are satisfied by the workflow monitor and the play command', () => {
    assert.ok(monitorIsASource);
    assert.ok(playCommandIsAControl);
  });
});
