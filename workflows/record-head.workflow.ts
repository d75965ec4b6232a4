import { proxyActivities } from '@temporalio/workflow';
import type { HeadActivities } from '../libs/record/head';

const { sealRecordHead } = proxyActivities<HeadActivities>({ startToCloseTimeout: '10 seconds', retry: { maximumAttempts: 3 } });

/**
 * The sealed head of a decision's record, for an export (libs/record/head.ts): a workflow of its own, short-lived, so
 * that the API asks it of the workers, which alone hold the seal key, and the decision's own history is not touched.
 */
export async function recordHead(decisionId: string) {
  return sealRecordHead(decisionId);
}
