import { composeNotice } from './messages';
import { dingTalkSignedUrl, WORK_APP_MAX_BYTES, workAppBody, workAppRefusal } from './work-apps';

describe('messages for DingTalk and WeCom group robots', () => {
  it("signs a DingTalk robot's URL as its 加签 asks (the vector computed apart, with Python's hmac and quote_plus)", () => {
    const url = dingTalkSignedUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', 'SECtestsecret0123456789', 1796400000000);
    const u = new URL(url);
    expect(u.searchParams.get('access_token')).toBe('abc');
    expect(u.searchParams.get('timestamp')).toBe('1796400000000');
    expect(url).toContain('sign=XM6yz0t%2F9tP4gF%2FAGhkV2uStKVs0qf4cdYhL9xh8TJA%3D');
  });

  it('words a notice as markdown, each line a paragraph, cut to what WeCom takes', () => {
    expect(workAppBody('dingtalk', '【新待办】票价：提交草案', '张承办：\n您有一项新的待办事项。\n\n链接')).toEqual({
      msgtype: 'markdown',
      markdown: { title: '【新待办】票价：提交草案', text: '### 【新待办】票价：提交草案\n\n张承办：\n\n您有一项新的待办事项。\n\n链接' },
    });
    const long = workAppBody('wecom', '标题', '决策'.repeat(5000)) as { markdown: { content: string } };
    expect(Buffer.byteLength(long.markdown.content)).toBeLessThanOrEqual(WORK_APP_MAX_BYTES);
    expect(long.markdown.content.endsWith('…')).toBe(true);
    expect(long.markdown.content).not.toContain('\uFFFD');
  });

  it("keeps what people wrote as text: a title's markdown, tags or line breaks change nothing in the robot's message", () => {
    const title = '票价[点此办理](http://evil.example/x) ![图](http://evil.example/i.png)\n# 已批准\n**紧急** _斜_ ~~删~~ `码` <font color="warning">红</font> <@all> > 引 | 表 \\[ &lt;b&gt;';
    const notice = composeNotice({
      kind: 'new_task',
      decision: { id: '2026_SZ-JT-001', title },
      action: 'submitDraft',
      role: 'undertaking_unit' as never,
      personName: '- 1. 张**承办**',
      basis: [{ source: 'decree-713', article: 13 }],
      appUrl: 'https://jc.example.gov.cn',
    });
    const clean = composeNotice({
      kind: 'new_task',
      decision: { id: '2026_SZ-JT-001', title: '票价' },
      action: 'submitDraft',
      role: 'undertaking_unit' as never,
      personName: '张承办',
      basis: [{ source: 'decree-713', article: 13 }],
      appUrl: 'https://jc.example.gov.cn',
    });
    // A title is one line wherever it goes: the notice has as many lines as one with a plain title.
    expect(notice.text.split('\n')).toHaveLength(clean.text.split('\n').length);
    expect(notice.subject).not.toMatch(/[\r\n]/);
    for (const format of ['dingtalk', 'wecom'] as const) {
      const body = workAppBody(format, notice.subject, notice.text) as { markdown: { title?: string; text?: string; content?: string } };
      const md = (body.markdown.text ?? body.markdown.content)!;
      // No link, image, emphasis, code, strike, tag, quote, table or escape is left for the robot to render …
      expect(md).not.toMatch(/[[\]*`<>|\\~]/);
      expect(md).not.toContain('_斜_');
      expect(md).not.toContain('&lt;');
      // … one heading (ours), and no paragraph opens a list, a rule or a heading.
      const paragraphs = md.split('\n\n');
      expect(paragraphs.filter((p) => p.startsWith('#'))).toEqual([paragraphs[0]]);
      expect(paragraphs[0].startsWith('### 【新待办】票价［点此办理］(http://evil.example/x) !［图］(http://evil.example/i.png) ＃ 已批准 ＊＊紧急＊＊')).toBe(true);
      for (const p of paragraphs) expect(p).not.toMatch(/^(\s|[-+=>]|\d+[.)])/);
      expect(paragraphs).toContain('－ 1. 张＊＊承办＊＊：');
      expect(md).toContain('＜font color="warning"＞红＜/font＞');
      // The text still reads the same, and our own link still opens the decision (its underscore kept).
      expect(md).toContain('办理入口：https://jc.example.gov.cn/app/decisions/2026_SZ-JT-001');
      expect(md.split('\n\n')).toHaveLength(clean.text.split('\n').filter((l) => l.trim()).length + 1);
      if (format === 'dingtalk') expect(body.markdown.title).toBe(notice.subject);
    }
  });

  it('takes errcode 0 as taken and anything else as refused, with the reason', () => {
    expect(workAppRefusal({ errcode: 0, errmsg: 'ok' })).toBeUndefined();
    expect(workAppRefusal({ errcode: 310000, errmsg: 'sign not match' })).toBe('the work app refused the message: errcode 310000 sign not match');
    expect(workAppRefusal(undefined)).toBe('the work app did not answer with an errcode');
    expect(workAppRefusal('ok')).toBe('the work app did not answer with an errcode');
  });
});
