import type { ReactNode } from 'react';

/**
 * A wide table on a narrow screen: it keeps its columns at their width and scrolls sideways instead of squeezing
 * (a phone at 375px cut the last column off). The region takes focus, so a keyboard user scrolls it with the arrow
 * keys (WCAG 2.1.1; axe's scrollable-region-focusable), and its name says what it holds.
 */
export function ScrollRegion({ label, minWidth, children }: { label: string; minWidth: number; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className="scroll-region" style={{ overflowX: 'auto' }}>
      <div style={{ minWidth }}>{children}</div>
    </div>
  );
}
