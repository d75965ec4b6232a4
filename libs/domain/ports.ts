import type { DecisionRegistration, RegistrationReceipt } from './registration';

/**
 * The activities the decision workflow calls. Workflows depend on this
 * interface only; `activities/` implements it.
 */
export interface RegistryActivities {
  /** Stores the registration; storing the same registration again returns the first receipt. */
  recordRegistration(input: DecisionRegistration & { workflowId: string; runId: string }): Promise<RegistrationReceipt>;
}
