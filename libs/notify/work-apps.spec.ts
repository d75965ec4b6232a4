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

  it('takes errcode 0 as taken and anything else as refused, with the reason', () => {
    expect(workAppRefusal({ errcode: 0, errmsg: 'ok' })).toBeUndefined();
    expect(workAppRefusal({ errcode: 310000, errmsg: 'sign not match' })).toBe('the work app refused the message: errcode 310000 sign not match');
    expect(workAppRefusal(undefined)).toBe('the work app did not answer with an errcode');
    expect(workAppRefusal('ok')).toBe('the work app did not answer with an errcode');
  });
});
