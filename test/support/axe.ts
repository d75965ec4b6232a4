import type { Page } from 'playwright-core';

/** axe-core's own bundle (the npm package, pinned in package.json): injected into the page as it is, nothing downloaded. */
const AXE_SOURCE = (require('axe-core') as { source: string }).source;

export type Impact = 'minor' | 'moderate' | 'serious' | 'critical';

/** One rule axe found broken, with where (CSS selectors and the elements' markup, shortened). */
export interface AxeViolation {
  id: string;
  impact: Impact | null;
  help: string;
  nodes: { target: string[]; html: string; summary: string }[];
}

/** What blocks a page: a violation a screen-reader or keyboard user cannot get round. */
const BLOCKING: readonly (Impact | null)[] = ['serious', 'critical'];

/**
 * Runs axe-core (WCAG 2.x A and AA, and axe's best practices) over the page as
 * it stands, and answers every violation found. axe is injected once per
 * document; a navigation brings a new document, and it is injected again.
 * Colours are read once the page's transitions have finished (a button
 * enabled a moment ago is still fading in), or after two seconds at most
 * (a spinner turns for ever).
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // A function, not a string: a string is evaluated in the page, which the application's policy (no 'unsafe-eval') refuses,
  // and the refusal, swallowed, ran axe over transitions still under way.
  type Doc = { getAnimations(): { playState: string; effect?: { getComputedTiming(): { iterations?: number } } | null }[] };
  await page
    .waitForFunction(() => (globalThis as unknown as { document: Doc }).document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity), undefined, { timeout: 2_000 })
    .catch(() => undefined);
  if (!(await page.evaluate<boolean>('typeof window.axe === "object"'))) await page.evaluate(`${AXE_SOURCE}\n;0`); // evaluated, not a script tag: the application's policy allows no inline script
  // Browser code as text: the tests' TypeScript knows no DOM.
  return page.evaluate<AxeViolation[]>(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? null,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.map(String), html: n.html.slice(0, 200), summary: n.failureSummary ?? '' })),
  })))`);
}

/** The violations as a reader wants them in a failed test: rule, impact, what it asks, and each element. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((v) => `[${v.impact}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}  ${n.html}\n      ${n.summary.replace(/\n/g, '\n      ')}`).join('\n')}`)
    .join('\n');
}

/**
 * The page (named for the failure message) has no serious or critical
 * accessibility violation; throws, listing them, if it has. Answers the
 * moderate and minor ones left, for a test to look at or ignore.
 */
export async function expectAccessible(page: Page, name: string): Promise<AxeViolation[]> {
  const violations = await axeViolations(page);
  const blocking = violations.filter((v) => BLOCKING.includes(v.impact));
  if (blocking.length) throw new Error(`${name}: ${blocking.length} serious or critical accessibility violation(s) (axe-core):\n${describeViolations(blocking)}`);
  return violations;
}

/** A phone's width (an iPhone SE or a small Android), where the header wraps and tables scroll. */
export const NARROW = { width: 375, height: 740 } as const;

/**
 * expectAccessible at another viewport (a phone's, by default), then the
 * viewport as it was. The page is laid out again for the width (media
 * queries, Ant Design's breakpoints, which listen for the resize) before axe
 * runs; the focus stays where it was. `whileThere` runs at that size after
 * the check (a screenshot, say).
 */
export async function expectAccessibleAt(page: Page, name: string, size: { width: number; height: number } = NARROW, whileThere?: () => Promise<void>): Promise<AxeViolation[]> {
  const before = page.viewportSize();
  // Two frames: the resize's listeners have run and the page is painted at the new width.
  const settled = () => page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(undefined))))');
  await page.setViewportSize(size);
  try {
    await settled();
    const found = await expectAccessible(page, `${name} (${size.width}×${size.height})`);
    await whileThere?.();
    return found;
  } finally {
    // Back at the old width, laid out again before the test goes on (a form being filled in re-renders for it).
    if (before) {
      await page.setViewportSize(before);
      await settled();
    }
  }
}
