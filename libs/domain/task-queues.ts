/** The task queue the decision workers poll, unless configured otherwise. */
export const DEFAULT_TASK_QUEUE = 'major-decisions';
/** The workflow type name of a decision. */
export const MAJOR_DECISION_WORKFLOW = 'majorDecision';
