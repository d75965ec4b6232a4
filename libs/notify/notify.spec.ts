import { chineseDate, composeNotice } from './messages';
import { signWebhook, verifyWebhook, webhookUrlProblem } from './webhook';

describe('notices and webhooks', () => {
  it('writes dates as Chinese readers do', () => {
    expect(chineseDate('2026-12-04')).toBe('2026年12月4日');
    expect(chineseDate('2027-01-31')).toBe('2027年1月31日');
  });

  it('words a reminder in Chinese first: decision, step, last day and working days left, article, link', () => {
    const n = composeNotice({
      kind: 'reminder',
      decision: { id: 'D-1', title: '关于调整票价的决定' },
      action: 'issueLegalityOpinion',
      role: 'legality_reviewer' as never,
      personName: '李审查',
      deadline: { id: 'legality-review-max-v1', lastDay: '2026-12-04', daysLeft: 3, unit: 'working', basis: { source: 'decree-713', article: 28 } },
      basis: [{ source: 'decree-713', article: 27 }],
      appUrl: 'https://jc.example.gov.cn',
    });
    expect(n.subject).toBe('【期限提醒】关于调整票价的决定：出具合法性审查意见，还剩 3 个工作日');
    expect(n.text.split('\n').slice(0, 7)).toEqual([
      '李审查：',
      '您的一项待办事项即将到期，请在期限内办理。',
      '决策事项：关于调整票价的决定（编号 D-1）',
      '待办步骤：出具合法性审查意见（合法性审查部门）',
      '办理期限：2026年12月4日（还剩 3 个工作日）',
      '依据：《重大行政决策程序暂行条例》第二十八条；《重大行政决策程序暂行条例》第二十七条',
      '办理入口：https://jc.example.gov.cn/app/decisions/D-1',
    ]);
  });

  it('signs the raw body, and the receiver refuses a changed body, another secret, a stale or moved timestamp', () => {
    const body = JSON.stringify({ id: 'k', timestamp: 1_800_000_000, type: 'new_task' });
    const headers = { 'x-signature': signWebhook('s3cret', body), 'x-timestamp': '1800000000' };
    expect(headers['x-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhook('s3cret', body, headers, 1_800_000_000_000)).toBeUndefined();
    expect(verifyWebhook('s3cret', body.replace('new_task', 'overdue'), headers, 1_800_000_000_000)).toBe('bad signature');
    expect(verifyWebhook('other', body, headers, 1_800_000_000_000)).toBe('bad signature');
    expect(verifyWebhook('s3cret', body, headers, 1_800_000_000_000 + 301_000)).toBe('stale or missing timestamp');
    expect(verifyWebhook('s3cret', body, { ...headers, 'x-timestamp': '1800000001' }, 1_800_000_000_000)).toBe('timestamp header differs from the signed body');
  });

  it('takes http(s) webhook URLs only, without credentials, and only the listed hosts when a list is configured', () => {
    expect(webhookUrlProblem('https://oapi.dingtalk.com/robot/send?access_token=x')).toBeUndefined();
    expect(webhookUrlProblem('http://10.0.0.5:8080/hook')).toBeUndefined();
    for (const bad of ['ftp://x/y', 'file:///etc/passwd', 'data:text/plain,hi', 'not a url', 'https://u:p@host/']) expect(webhookUrlProblem(bad)).toBeDefined();
    const allow = ['oapi.dingtalk.com', 'qyapi.weixin.qq.com'];
    expect(webhookUrlProblem('https://oapi.dingtalk.com/robot/send', allow)).toBeUndefined();
    expect(webhookUrlProblem('http://169.254.169.254/latest/meta-data', allow)).toMatch(/不在允许的主机名单中/);
  });
});
