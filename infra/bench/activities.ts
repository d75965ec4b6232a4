/** The bench workflow's one activity: does nothing (infra/bench/workflow.ts). */
export interface BenchActivities {
  noop(): Promise<void>;
}

export const benchActivities: BenchActivities = {
  async noop() {},
};
