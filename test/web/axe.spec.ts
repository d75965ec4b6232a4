import type { Page } from 'playwright-core';
import { axeViolations, expectAccessible, expectAccessibleAt, NARROW } from '../support/axe';
import { startBrowser } from '../support/browser';
import { focusIndicatorWidth } from '../support/keyboard';

/**
 * The accessibility check the browser tests run on every page must be able to
 * fail: on a tiny page in Chromium, an input with no label, an image with no
 * alt text and a button with no name are each caught as serious or critical;
 * the same page with them named passes.
 */
jest.setTimeout(60_000);

describe('expectAccessible (axe-core in Chromium)', () => {
  let browser: Awaited<ReturnType<typeof startBrowser>>;
  let page: Page;
  const doc = (body: string) => `<!doctype html><html lang="zh-CN"><head><title>测试</title></head><body><main><h1>测试页</h1>${body}</main></body></html>`;

  beforeAll(async () => {
    browser = await startBrowser();
    page = browser.page;
  });
  afterAll(() => browser?.close());

  it('fails on an unlabelled input, naming the rule and the element', async () => {
    await page.setContent(doc('<form><input id="who" type="text"><button type="submit">提交</button></form>'));
    await expect(expectAccessible(page, '未标注的输入框')).rejects.toThrow(/未标注的输入框: 1 serious or critical[\s\S]*\[critical\] label:[\s\S]*#who/);
  });

  it('fails on an image without alt text and on a button without a name', async () => {
    await page.setContent(doc('<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="10" height="10"><button type="button"></button>'));
    const ids = (await axeViolations(page)).map((v) => `${v.id}:${v.impact}`).sort();
    expect(ids).toEqual(['button-name:critical', 'image-alt:critical']);
    await expect(expectAccessible(page, '无名按钮')).rejects.toThrow(/button-name/);
  });

  it('fails on text with too little contrast', async () => {
    await page.setContent(doc('<p style="color:#bbb;background:#fff">浅灰色的文字</p>'));
    await expect(expectAccessible(page, '低对比度')).rejects.toThrow(/\[serious\] color-contrast/);
  });

  it('passes the same page with the input labelled, the image described and the button named; after a navigation it injects axe again', async () => {
    const good = doc('<form><label for="who">姓名</label><input id="who" type="text"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="徽标" width="10" height="10"><button type="submit">提交</button></form>');
    await page.setContent(good);
    expect(await expectAccessible(page, '已标注')).toEqual([]);
    await page.setContent(doc('<input type="text">'));
    await expect(expectAccessible(page, '新文档')).rejects.toThrow(/label/);
  });
  it('at a phone\'s width, catches what only a phone shows, and puts the viewport back', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    // Pale text under 480 pixels only: fine on a desk, unreadable on a phone.
    await page.setContent(doc('<style>.note { color: #333; background: #fff } @media (max-width: 480px) { .note { color: #bbb } }</style><p class="note">窄屏下变浅的文字</p>'));
    expect(await expectAccessible(page, '宽屏')).toEqual([]);
    await expect(expectAccessibleAt(page, '窄屏')).rejects.toThrow(new RegExp(`窄屏 \\(${NARROW.width}×${NARROW.height}\\): 1 serious[\\s\\S]*color-contrast`));
    expect(page.viewportSize()).toEqual({ width: 1280, height: 800 });
  });

  it('measures the focus indicator: a 1px outline is 1, a 3px one 3, a 2px ring drawn as a shadow 2, none 0', async () => {
    await page.setContent(
      doc(
        '<div id="thin" tabindex="-1" style="outline:1px dotted #000">回执</div><div id="thick" tabindex="-1" style="outline:3px solid #0b4ea2">回执</div>' +
          '<button id="ring" style="outline:none;box-shadow:0 2px 0 rgba(0,0,0,0.02), 0 0 0 2px #1677ff">按钮</button><div id="none" tabindex="-1" style="outline:none">无</div>',
      ),
    );
    const width = async (id: string) => {
      await page.focus(`#${id}`);
      return focusIndicatorWidth(page);
    };
    expect([await width('thin'), await width('thick'), await width('ring'), await width('none')]).toEqual([1, 3, 2, 0]);
  });
});
