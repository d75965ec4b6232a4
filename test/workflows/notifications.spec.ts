import { cstDay, NATIONAL_BASELINE, type ProcedureProfile } from '../../libs/domain';
import { Notifier } from '../../libs/notify/notifier';
import { verifyWebhook } from '../../libs/notify/webhook';
import { deadlinesQuery } from '../../workflows';
import { eventually, startWebhookServer } from '../support/mail';
import { actors, steps } from '../support/procedure';
import { WorkflowHarness } from '../support/workflow-env';

/**
 * Reminders and missed time limits reach the official, from the clock events
 * as the workflow records them: the time-skipping Temporal test server runs a
 * legality review past its reminder and then past its time limit; the
 * notifier, run after each, plans from the record alone and posts signed
 * webhooks to a real local receiver.
 */
const harness = new WorkflowHarness();
beforeAll(() => harness.setUp(), 120_000);
afterAll(() => harness.tearDown());

/** Strict time limits (Arts. 28, 32), as a province may set them. */
const strict: ProcedureProfile = {
  ...NATIONAL_BASELINE,
  id: 'test-notify-strict',
  name: 'test profile with time limits',
  legalityReviewMaxWorkingDays: { value: 15, basis: { source: 'decree-713', article: 28 } },
  publicationDays: { value: 20, basis: { source: 'decree-713', article: 32 } },
};

it('a legality review: the reviewer is told of the new task, reminded before its time limit, and told once it is missed', async () => {
  const hook = await startWebhookServer();
  const notifier = new Notifier(harness.appPrisma, { appUrl: 'https://jc.hangzhou.gov.cn', from: 'noreply@hangzhou.gov.cn', webhookHosts: ['127.0.0.1'] });
  try {
    // The city, its transport bureau and its legality review body, and the reviewer's appointment there, as registrars entered them.
    const org = (id: string, name: string, kind: string, parentId: string | null) => ({ id, name, kind, parentId, endorsedBy: 'test-registrar', endorsement: 'test' });
    await harness.prisma.organisation.createMany({ data: [org('hz', '杭州市人民政府', 'government', null), org('hz-jtj', '杭州市交通运输局', 'department', 'hz'), org('hz-sfj', '杭州市司法局', 'legality_review_body', 'hz')] });
    await harness.prisma.appointment.create({
      data: { id: 'ap-li', personId: actors.reviewer.id, personName: actors.reviewer.name, role: 'legality_reviewer', organisationId: 'hz-sfj', validFrom: new Date('2020-01-01'), validTo: new Date('2099-01-01'), endorsedBy: 'test-registrar', endorsement: 'test' },
    });
    await harness.appPrisma.notificationPreference.create({ data: { personId: actors.reviewer.id, webhookUrl: hook.url, webhookSecret: 'whsec_reviewer' } });
    const received = (kind: string) => hook.hooks.map((h) => ({ h, body: JSON.parse(h.raw) })).filter((x) => x.body.type === kind);
    const pass = async (kind: string) => {
      await notifier.runOnce();
      await eventually(() => received(kind).length > 0, 10_000, `a ${kind} webhook`);
    };

    await harness.withWorker(async (tq) => {
      const id = 'NOTIFY-OVERDUE-1';
      const d = await harness.start(tq, id, strict);
      await d.steps(steps.draft(), steps.applicability({ pp: false, expert: false, risk: false }), steps.submitReview());
      const max = (await d.handle.query(deadlinesQuery)).find((x) => x.id === 'legality-review-max-v1')!;
      const lastDay = cstDay(max.dueAt! - 1);
      const [y, m, day] = lastDay.split('-').map(Number);

      // The submission opened the review: a new task, with its time limit.
      await pass('new_task');
      const task = received('new_task').find((x) => x.body.step.action === 'issueLegalityOpinion')!;
      expect(task.body).toMatchObject({ decision: { id }, step: { name: '出具合法性审查意见', role: 'legality_reviewer' }, deadline: { id: max.id, lastDay, lastDayZh: `${y}年${m}月${day}日`, daysLeft: 15, unit: 'working' } });
      expect(task.body.text).toContain(`办理期限：${y}年${m}月${day}日（还剩 15 个工作日）`);
      expect(task.body.text).toContain('《重大行政决策程序暂行条例》第二十八条');

      // The reminder, as the workflow recorded it.
      await harness.env.sleep(max.remindAt! - (await harness.env.currentTimeMs()) + 60_000);
      await eventually(async () => (await harness.prisma.clockEvent.count({ where: { decisionId: id, kind: 'reminder' } })) === 1, 10_000, 'the reminder recorded');
      await pass('reminder');
      const reminders = received('reminder');
      expect(reminders.map((x) => x.body.step.action).sort()).toEqual(['issueLegalityOpinion', 'pauseLegalityReview']);
      const reminder = reminders.find((x) => x.body.step.action === 'issueLegalityOpinion')!;
      expect(reminder.body.title).toMatch(new RegExp(`^【期限提醒】关于调整城市公共交通票价的决定：出具合法性审查意见，还剩 ${reminder.body.deadline.daysLeft} 个工作日$`));
      expect(reminder.body.deadline.daysLeft).toBeGreaterThan(0);
      expect(reminder.body.deadline.daysLeft).toBeLessThan(15);
      expect(reminder.body.text).toContain('您的一项待办事项即将到期');

      // Past the time limit: overdue.
      await harness.sleepPast(d.handle, max.id);
      await eventually(async () => (await harness.prisma.clockEvent.count({ where: { decisionId: id, kind: 'overdue' } })) === 1, 10_000, 'the overdue recorded');
      await pass('overdue');
      const overdue = received('overdue').find((x) => x.body.step.action === 'issueLegalityOpinion')!;
      expect(overdue.body.title).toBe('【已逾期】关于调整城市公共交通票价的决定：出具合法性审查意见');
      expect(overdue.body.text).toContain('您的一项待办事项已超过法定期限，请尽快办理。');
      expect(overdue.body.text).toMatch(new RegExp(`办理期限：${y}年${m}月${day}日（(期限已届满|已逾期 \\d+ 个工作日)）`));
      expect(overdue.body.url).toBe(`https://jc.hangzhou.gov.cn/app/decisions/${id}`);

      // Every one signed, each once; passes after these plan nothing new.
      for (const h of hook.hooks) expect(verifyWebhook('whsec_reviewer', h.raw, h.headers, Date.now())).toBeUndefined();
      const before = hook.hooks.length;
      await notifier.runOnce();
      expect(hook.hooks.length).toBe(before);
      expect(new Set(hook.hooks.map((h) => JSON.parse(h.raw).id)).size).toBe(before);
      // Nobody else holds an office here: the undertaking unit's official has no preference, and got nothing.
      expect(await harness.prisma.notification.count({ where: { personId: { not: actors.reviewer.id } } })).toBe(0);
    });
  } finally {
    notifier.close();
    await hook.close();
  }
}, 180_000);
