/**
 * What the undertaking department submits to register a decision: the catalog
 * item it comes from (Art. 3), the undertaking unit named at initiation
 * (Art. 11) and the legal basis it relies on.
 */
export interface DecisionRegistration {
  /** Business id; also the id of the decision's workflow. */
  id: string;
  title: string;
  undertakingDepartment: string;
  catalogRef: string;
  legalBasis: string[];
  /** The procedure profile the decision is kept under for its whole life. */
  profile: string;
}

/** Business ids: letters, digits, '.', '_' and '-', 3 to 64 characters. */
export const DECISION_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;

export const NATIONAL_PROFILE = 'national';

/** What the registry returns once a registration is stored. */
export interface RegistrationReceipt {
  id: string;
  workflowId: string;
  runId: string;
  registeredAt: string;
}
