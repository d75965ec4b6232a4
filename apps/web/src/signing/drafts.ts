import type { ActionName } from '../../../../libs/domain';

/**
 * What was typed into a step's form, kept in this tab (sessionStorage) as its payload until the step is signed, so that
 * a reload does not lose it (fresh-eyes tester: the reason for a withdrawal, typed and reloaded, was gone). Dropped
 * when the step is recorded, and every one at sign-out: the next person at the PC does not find another's text.
 */
const DRAFT_PREFIX = 'major-decisions.step-draft:';

export const stepDraftKey = (decisionId: string, action: ActionName): string => `${DRAFT_PREFIX}${decisionId}:${action}`;

export function readDraft(key: string): Record<string, unknown> | undefined {
  try {
    const kept = sessionStorage.getItem(key);
    return kept ? (JSON.parse(kept) as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function keepDraft(key: string, payload: unknown): void {
  try {
    sessionStorage.setItem(key, JSON.stringify(payload));
  } catch {
    // Storage full or off: the form works as before, without keeping a draft.
  }
}

export const dropDraft = (key: string): void => sessionStorage.removeItem(key);

/** Every draft of this tab. */
export function dropAllDrafts(): void {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith(DRAFT_PREFIX)) sessionStorage.removeItem(key);
}
