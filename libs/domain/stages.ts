/**
 * The stages of a major administrative decision (重大行政决策), in the order of
 * State Council Decree No. 713. Each stage names the articles that govern it, so
 * a refusal can cite them.
 */
export const Stage = {
  /** 决策启动: the organ decided to start and named the undertaking unit (Art. 10, 11). */
  Initiated: 'initiated',
  /** 拟订决策草案: the undertaking unit drafts (Art. 12, 13). */
  Drafting: 'drafting',
} as const;

export type Stage = (typeof Stage)[keyof typeof Stage];

export const STAGE_ARTICLES: Record<Stage, readonly number[]> = {
  [Stage.Initiated]: [3, 10, 11],
  [Stage.Drafting]: [12, 13],
};

export const STAGE_LABELS: Record<Stage, { zh: string; en: string }> = {
  [Stage.Initiated]: { zh: '决策启动', en: 'initiation' },
  [Stage.Drafting]: { zh: '拟订决策草案', en: 'drafting' },
};
