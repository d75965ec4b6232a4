import { chineseDate, composeNotice } from './messages';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isInternalAddress } from './addresses';
import { post } from './post';
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
    expect(webhookUrlProblem('http://1.2.3.4:8080/hook')).toBeUndefined();
    for (const bad of ['ftp://x/y', 'file:///etc/passwd', 'data:text/plain,hi', 'not a url', 'https://u:p@host/']) expect(webhookUrlProblem(bad)).toBeDefined();
    const allow = ['oapi.dingtalk.com', 'qyapi.weixin.qq.com'];
    expect(webhookUrlProblem('https://oapi.dingtalk.com/robot/send', allow)).toBeUndefined();
    expect(webhookUrlProblem('http://169.254.169.254/latest/meta-data', allow)).toMatch(/不在允许的主机名单中/);
  });

  it('sends to no internal address unless its host is listed: the machine, the private and link-local ranges, however written (SSRF)', () => {
    const internal = [
      'http://localhost:5432/', 'http://api.localhost/', 'http://127.0.0.1:8080/hook', 'http://127.1/', 'http://2130706433/', 'http://0x7f.0.0.1/',
      'http://0.0.0.0:9200/', 'http://[::1]/', 'http://[::ffff:127.0.0.1]/', 'http://[::ffff:a9fe:a9fe]/', 'http://169.254.169.254/latest/meta-data',
      'http://10.0.0.5:8080/hook', 'http://172.20.1.1/', 'http://192.168.1.1/', 'http://100.64.0.1/', 'http://[fd00::1]/', 'http://[fe80::1]/', 'http://224.0.0.1/',
      // IPv6 forms carrying an IPv4 address, a local NAT64 prefix, the old site-local range (retest).
      'http://[::127.0.0.1]/', 'http://[::ffff:0:7f00:1]/', 'http://[64:ff9b:1::7f00:1]/', 'http://[fec0::1]/',
      // 6to4 of loopback and the metadata service, Teredo (second retest).
      'http://[2002:7f00:1::]/', 'http://[2002:a9fe:a9fe::1]/', 'http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/', 'http://[::ffff:0:0:7f00:1]/',
    ];
    for (const url of internal) expect([url, webhookUrlProblem(url)]).toEqual([url, expect.stringContaining('内部网络地址')]);
    // Public addresses, and names (resolved when the notice is sent), pass; an internal gateway listed passes.
    for (const url of ['http://8.8.8.8/', 'http://172.32.0.1/', 'http://[2400:3200::1]/', 'https://hook.sz.gov.cn/zwdd']) expect(webhookUrlProblem(url)).toBeUndefined();
    expect(webhookUrlProblem('http://10.0.0.5:8080/hook', ['10.0.0.5'])).toBeUndefined();
    expect(webhookUrlProblem('http://10.0.0.5:8080/hook', ['10.0.0.5:8080'])).toBeUndefined();
    expect(webhookUrlProblem('http://10.0.0.6:8080/hook', ['10.0.0.5'])).toMatch(/不在允许的主机名单中/);
    expect(isInternalAddress('64:ff9b::a9fe:a9fe')).toBe(true);
    expect(isInternalAddress('2400:3200::1')).toBe(false);
    // A public IPv4 address carried in IPv6 is public.
    for (const ip of ['::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1']) expect([ip, isInternalAddress(ip)]).toEqual([ip, false]);
  });

  it('refuses to connect where a name resolves to an internal address, at the send (a name registered public may later resolve to 127.0.0.1)', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const send = (url: string, publicOnly: boolean) => post(url, { headers: {}, body: '{}', timeoutMs: 5000, readLimit: 100, publicOnly });
      await expect(send(`http://localhost:${port}/`, true)).rejects.toMatchObject({ code: 'EINTERNALADDRESS', message: expect.stringContaining('解析为内部网络地址') });
      expect(requests).toBe(0);
      // Listed (no check): the same request goes.
      expect(await send(`http://localhost:${port}/`, false)).toEqual({ status: 200, text: '{}' });
      expect(requests).toBe(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
