/**
 * The answers the pages read, each named where the API makes it: the domain's
 * shared answer types (libs/domain/api.ts), the workflow's state, and the
 * API's presenters (types only: nothing of the server is bundled).
 */
import type { openTasks } from '../../../../libs/domain';
import type { DecisionRecordView } from '../../../../libs/domain';
import type { presentDeadlines, presentTimeline } from '../../../api/src/decisions/presenters';
import type { DecisionState, StepResult } from '../../../../workflows/major-decision.workflow';
import type { BundleVerdict } from '../../../../libs/record/checks';

export type { DecisionState, StepResult, BundleVerdict };
export interface DecisionView {
  id: string;
  state: DecisionState;
  record: DecisionRecordView;
}
export type TimelineView = ReturnType<typeof presentTimeline>;
export type DeadlinesView = ReturnType<typeof presentDeadlines>;
export type TasksView = ReturnType<typeof openTasks>;
