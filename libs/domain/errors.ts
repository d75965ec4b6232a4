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
  /**
   * The record's database refused an entry for good (a data or constraint
   * error, or a failure that outlasted its retries): the step is refused and
   * the decision stays where it was.
   */
  RecordRefused: 'RecordRefused',
} as const;

export type DomainErrorType = (typeof DomainErrorType)[keyof typeof DomainErrorType];
