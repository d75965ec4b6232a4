import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { WORKFLOW_BUNDLE_OPTIONS } from '../../apps/worker/src/workflow-source';
import { PROJECT_ROOT } from '../../infra/paths';

/**
 * Every committed history under test/histories/ must replay against the
 * current workflow code: a change to a running workflow that is not guarded
 * by patched() fails here before it reaches a running decision.
 */
const HISTORIES_DIR = join(PROJECT_ROOT, 'test', 'histories');
const histories = readdirSync(HISTORIES_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((file) => ({ workflowId: file.replace(/\.json$/, ''), history: historyFromJSON(JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8'))) }));

describe('replay of committed histories', () => {
  let current: WorkflowBundleWithSourceMap;
  beforeAll(async () => {
    current = await bundleWorkflowCode({ ...WORKFLOW_BUNDLE_OPTIONS, logger: quiet });
  });

  it('there are committed histories to replay', () => {
    expect(histories.length).toBeGreaterThan(0);
  });

  it.each(histories.map((h) => [h.workflowId, h] as const))('%s replays against the current workflows', async (_id, h) => {
    await Worker.runReplayHistory({ workflowBundle: current, replayName: h.workflowId }, h.history, h.workflowId);
  });

  it('an unpatched incompatible change is caught', async () => {
    const changed = await bundleWorkflowCode({ workflowsPath: join(PROJECT_ROOT, 'test', 'fixtures', 'workflows-changed', 'index.ts'), logger: quiet });
    const h = histories.find((x) => x.workflowId === 'registration-slice')!;
    await expect(Worker.runReplayHistory({ workflowBundle: changed }, h.history, h.workflowId)).rejects.toBeInstanceOf(DeterminismViolationError);
  });

  // A decision postponed before the review date became a timer (recorded on the code before it) replays above; here,
  // the same history against the workflow that forces the new rule on it fails: only the profile it started under keeps it.
  it('the review-date timer forced on a decision postponed before it is caught', async () => {
    const ungated = await bundleWorkflowCode({ workflowsPath: join(PROJECT_ROOT, 'test', 'fixtures', 'workflows-review-timer-ungated', 'index.ts'), logger: quiet });
    const h = histories.find((x) => x.workflowId === 'decision-postponed-before-review-dates')!;
    await expect(Worker.runReplayHistory({ workflowBundle: ungated }, h.history, h.workflowId)).rejects.toBeInstanceOf(DeterminismViolationError);
  });
});

const noop = () => undefined;
const quiet = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };
