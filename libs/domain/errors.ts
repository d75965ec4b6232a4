/** Error types shared by the API, the workflows and the activities (ApplicationFailure types). */
export const DomainErrorType = {
  /** The procedure refused a step; the failure's details hold the Refusal. */
  ProcedureViolation: 'ProcedureViolation',
  /** A decision names a procedure profile this engine does not have. */
  UnknownProfile: 'UnknownProfile',
  /** A stored record disagrees with what the workflow asked to store. */
  RecordConflict: 'RecordConflict',
  /** The run is closing to continue as new: send the step again, the next run takes it. */
  RunContinuing: 'RunContinuing',
} as const;

export type DomainErrorType = (typeof DomainErrorType)[keyof typeof DomainErrorType];
