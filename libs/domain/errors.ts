/** Error types shared by the API, the workflows and the activities. */
export const DomainErrorType = {
  /** A decision with this business id already exists. */
  DecisionExists: 'DecisionExists',
  /** No decision has this business id. */
  DecisionNotFound: 'DecisionNotFound',
  /** A stored record disagrees with what the workflow asked to store. */
  RecordConflict: 'RecordConflict',
} as const;

export type DomainErrorType = (typeof DomainErrorType)[keyof typeof DomainErrorType];
