import type { Locator, Page } from 'playwright-core';

/**
 * Gestures of a person with a keyboard only: Tab (or Shift+Tab) until the
 * focus is on, or inside, the element wanted, and each stop on the way must
 * show where the focus is. No click, no element focused by script.
 */

/** The focused element, for a failure message: tag, role, name or text. */
export function focusedElement(page: Page): Promise<string> {
  return page.evaluate<string>(`(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '(nothing: the page itself)';
    const name = el.getAttribute('aria-label') || el.getAttribute('data-testid') || (el.textContent || '').trim().slice(0, 40) || el.getAttribute('placeholder') || '';
    return el.tagName.toLowerCase() + (el.getAttribute('role') ? '[role=' + el.getAttribute('role') + ']' : '') + ' "' + name + '"';
  })()`);
}

/**
 * Whether the focused element shows it is focused: an outline, a focus ring
 * (box shadow), or, for a text field, a caret in a field whose border or
 * shadow changed on focus (Ant Design's inputs). Read from the element and
 * the wrapper Ant Design draws around an input.
 */
export function focusVisible(page: Page): Promise<boolean> {
  return page.evaluate<boolean>(`(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return false;
    const shows = (e) => {
      const s = getComputedStyle(e);
      return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none');
    };
    if (shows(el)) return true;
    // Ant Design draws the focus of an input, select or picker on its wrapper (…-focused, …-outlined with a shadow).
    const wrapper = el.closest('.ant-input-affix-wrapper, .ant-input-number, .ant-select, .ant-picker, .ant-input-textarea-affix-wrapper');
    return !!wrapper && (shows(wrapper) || /-focused/.test(wrapper.className));
  })()`);
}

/**
 * How thick the focused element's focus indicator is, in CSS pixels: its outline (where drawn), or the widest
 * spread of its box shadows (a focus ring drawn as a shadow). 0 where it shows none of either.
 */
export function focusIndicatorWidth(page: Page): Promise<number> {
  return page.evaluate<number>(`(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 0;
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' ? parseFloat(s.outlineWidth) || 0 : 0;
    // "rgb(…) 0px 0px 0px 3px, …": the fourth length of each shadow is its spread.
    const spreads = s.boxShadow === 'none' ? [] : s.boxShadow.split(/,(?![^(]*\\))/).map((sh) => parseFloat((sh.replace(/rgba?\\([^)]*\\)/, '').match(/-?[\\d.]+px/g) || [])[3] || '0'));
    return Math.max(outline, ...spreads, 0);
  })()`);
}

/** The element as the browser sees it, for the little asked of it here (the tests' TypeScript knows no DOM). */
type InPage = { contains(other: unknown): boolean; ownerDocument: { activeElement: unknown } };

/** Whether the focus is on the element or inside it. */
export function hasFocus(target: Locator): Promise<boolean> {
  return target.evaluate((el) => {
    const e = el as unknown as InPage;
    return e === e.ownerDocument.activeElement || e.contains(e.ownerDocument.activeElement);
  });
}

/** Tab (Shift+Tab with `back`) until the focus is on or inside `target`; every stop must show its focus. At most `max` presses. */
export async function tabTo(page: Page, target: Locator, opts: { back?: boolean; max?: number } = {}): Promise<void> {
  await target.waitFor({ state: 'attached' });
  if ((await target.count()) !== 1) throw new Error(`${String(target)} names ${await target.count()} elements, not one`);
  const key = opts.back ? 'Shift+Tab' : 'Tab';
  const path: string[] = [];
  for (let i = 0; i < (opts.max ?? 80); i++) {
    await page.keyboard.press(key);
    const here = await focusedElement(page);
    path.push(here);
    if (here !== '(nothing: the page itself)' && !(await focusVisible(page))) throw new Error(`the focus is not visible on ${here} (after ${path.join(' → ')})`);
    if (await hasFocus(target)) return;
  }
  throw new Error(`${key} never reached the element; the focus went ${path.join(' → ')}`);
}

/**
 * An Ant Design select, by keyboard: Tab to it, open it with the down arrow,
 * move with the arrows to the option and take it with Enter.
 */
export async function chooseByKeyboard(page: Page, select: Locator, option: string): Promise<void> {
  await tabTo(page, select);
  await page.keyboard.press('ArrowDown');
  const active = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active');
  await active.waitFor();
  const seen: string[] = [];
  for (let i = 0; i < 30; i++) {
    const text = (await active.textContent())?.trim() ?? '';
    if (text === option) {
      await page.keyboard.press('Enter');
      // Closed: the next select's list is the only one open.
      // (A function, not a string, which the application's policy would refuse to evaluate.)
      await page.waitForFunction(() => (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').length === 0);
      return;
    }
    seen.push(text);
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`the arrow keys never reached ${option}; passed ${seen.join(', ')}`);
}
