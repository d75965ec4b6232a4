import { condition, defineQuery, defineUpdate, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { DecisionRegistration, RegistrationReceipt, RegistryActivities } from '../libs/domain';
import { Stage } from '../libs/domain';

/** What a decision workflow is started with. */
export interface MajorDecisionInput {
  registration: DecisionRegistration;
}

/** What the `state` query returns. */
export interface DecisionState {
  id: string;
  stage: Stage;
  profile: string;
  registration?: RegistrationReceipt;
}

export const stateQuery = defineQuery<DecisionState>('state');
/** Completes once the registration is stored; the API starts the workflow with it (update-with-start). */
export const registeredUpdate = defineUpdate<RegistrationReceipt>('registered');

const registry = proxyActivities<RegistryActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});

/** One major administrative decision, from registration to its last evaluation. */
export async function majorDecision(input: MajorDecisionInput): Promise<void> {
  const state: DecisionState = { id: input.registration.id, stage: Stage.Initiated, profile: input.registration.profile };
  setHandler(stateQuery, () => state);
  setHandler(registeredUpdate, async () => {
    await condition(() => state.registration !== undefined);
    return state.registration!;
  });

  const { workflowId, runId } = workflowInfo();
  state.registration = await registry.recordRegistration({ ...input.registration, workflowId, runId });
  state.stage = Stage.Drafting;

  // The procedure after registration arrives with the statutory workflow;
  // until then a registered decision waits in drafting.
  await condition(() => false);
}
