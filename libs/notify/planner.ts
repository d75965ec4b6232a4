import { loadWorkdayCalendar } from '../../activities/calendar.activities';
import type { PrismaClient } from '../db/prisma';
import {
  apply,
  basisOf,
  cstDay,
  daysLeft,
  initialState,
  namedOrganisations,
  officeActsInDecision,
  openTasks,
  taskIsFor,
  type OpenTask,
  pathOf,
  PER_DECISION_ROLES,
  profileAsKeptBefore,
  Role,
  standsAt,
  taskDeadline,
  tick,
  type DecisionAuthority,
  type Command,
  type Organisation,
  type PathStep,
  type ProcedureProfile,
  type ProcedureState,
  type WorkdayCalendar,
} from '../domain';
import type { RecordEntry } from '../record/chain';
import { composeNotice, type NotificationKind } from './messages';

/** One planner at a time across processes: planning reads, then writes what it read from. */
const PLAN_LOCK = 7_130_000_011;
/**
 * Steps recorded, and clock events due, longer ago than this are not looked at again (the notifier was off that long:
 * their news is stale). So what was planned a day longer ago than this can be forgotten: nothing will ask for it.
 */
const STEP_WINDOW = "interval '7 days'";
const FORGET_AFTER = "interval '8 days'";
const BATCH = 200;
/**
 * How long a step's transaction may take to commit after it began (its recorded_at) and still be planned by a pass
 * that started later: a step is appended by one statement, so minutes are ample.
 */
const COMMIT_MARGIN = "interval '10 minutes'";

/** A notice to plan: who (by office), about what, why, and against which time limit. */
interface Planned {
  decisionId: string;
  /** Whom the decision's steps named as its execution unit, evaluator or third-party assessor, and whether its rules name them. */
  naming: { organActs: boolean; named: Map<string, string[]>; authority?: DecisionAuthority };
  source: string;
  kind: NotificationKind;
  task: OpenTask;
  state: ProcedureState;
  at: number;
}

export interface PlanOptions {
  appUrl: string;
  /** Whether e-mail notices are made at all (an SMTP server is configured). */
  email: boolean;
}

/**
 * Turns what the record holds into notices, each once. New entries in
 * decision_steps: the tasks they open (the procedure replayed from the record,
 * its open tasks after the step less those before it), for the officials
 * whose standing offices act in the decision in the task's role. Clock
 * events: a reminder or a missed time limit for those whose open task runs
 * against that deadline; a minimum period that ran out, the tasks it opens.
 * Only officials who chose a channel are notified; each step and clock event
 * is marked planned, notices or not. Returns how many notices it made.
 */
export async function planNotifications(prisma: PrismaClient, opts: PlanOptions): Promise<number> {
  return prisma.$transaction(
    async (tx) => {
      const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${PLAN_LOCK}) AS locked`;
      if (!locked) return 0; // another process is planning
      // From where the last pass that planned every step left off (less the margin), within the week: a pass reads the
      // steps recorded since, not the week's million across the country every few seconds.
      const steps = await tx.$queryRawUnsafe<{ decision_id: string; seq: number }[]>(
        `SELECT s.decision_id, s.seq FROM decision_steps s
          WHERE s.recorded_at > greatest(now() - ${STEP_WINDOW}, (SELECT caught_up - ${COMMIT_MARGIN} FROM notification_marks WHERE kind = 'steps'))
            AND NOT EXISTS (SELECT 1 FROM notification_sources n WHERE n.source = 'step:' || s.decision_id || ':' || s.seq)
          ORDER BY s.recorded_at, s.decision_id, s.seq LIMIT ${BATCH}`,
      );
      // Every step recorded before this pass began is planned by it: the next starts from here. (A full batch leaves
      // more to plan: the mark stays.)
      if (steps.length < BATCH) {
        await tx.$executeRawUnsafe(`INSERT INTO notification_marks (kind, caught_up) VALUES ('steps', now()) ON CONFLICT (kind) DO UPDATE SET caught_up = excluded.caught_up`);
      }
      // Within the window only, in the order of the index on at: the planner's work does not grow with all the clock
      // events ever recorded (ordered by id, it walked them all from the first: the audit of the sixteenth session). A
      // clock event's time is the deadline's, which may lie before it is recorded: no mark, the week is read.
      const clocks = await tx.$queryRawUnsafe<{ id: bigint; decision_id: string; deadline_id: string; kind: string; at: Date }[]>(
        `SELECT c.id, c.decision_id, c.deadline_id, c.kind, c.at FROM clock_events c
          WHERE c.at > now() - ${STEP_WINDOW}
            AND NOT EXISTS (SELECT 1 FROM notification_sources n WHERE n.source = 'clock:' || c.id)
          ORDER BY c.at, c.id LIMIT ${BATCH}`,
      );
      // What was planned before the window is asked for no more: forgotten, so the marks do not grow for ever.
      await tx.$executeRawUnsafe(`DELETE FROM notification_sources WHERE planned_at < now() - ${FORGET_AFTER}`);
      if (!steps.length && !clocks.length) return 0;

      const planned: Planned[] = [];
      // Nobody has chosen a channel: nothing to work out, only the sources to mark.
      const anyone = (await tx.notificationPreference.count()) > 0;
      for (const decisionId of anyone ? new Set([...steps.map((s) => s.decision_id), ...clocks.map((c) => c.decision_id)]) : []) {
        const entries = (await tx.decisionStep.findMany({ where: { decisionId }, orderBy: { seq: 'asc' }, select: { entry: true } }))
          .map((r) => (r.entry ? (JSON.parse(r.entry) as RecordEntry) : undefined))
          .filter((e): e is RecordEntry => !!e);
        const replay = replayer(entries);
        if (!replay) continue; // recorded before the chain: nothing to replay
        // The organ's officers are the department's where the department decides its own matter (Art. 42).
        const naming = { organActs: !!replay.profile.organActs, named: namedOrganisations(entries), authority: entries[0]?.authority };
        for (const s of steps.filter((x) => x.decision_id === decisionId)) {
          const around = replay.aroundStep(s.seq);
          if (!around) continue;
          for (const task of newTasks(around.before, around.after, replay.profile)) planned.push({ decisionId, naming, source: `step:${s.seq}`, kind: 'new_task', task, state: around.after, at: around.at });
        }
        for (const c of clocks.filter((x) => x.decision_id === decisionId)) {
          const at = c.at.getTime();
          const before = replay.at(at - 1);
          const after = tick(before, at).state;
          if (c.kind === 'elapsed') {
            for (const task of newTasks(before, after, replay.profile)) planned.push({ decisionId, naming, source: `clock:${c.deadline_id}`, kind: 'new_task', task, state: after, at });
          } else {
            for (const task of openTasks(after, replay.profile).filter((t) => taskDeadline(t.action, after.deadlines)?.id === c.deadline_id)) {
              planned.push({ decisionId, naming, source: `clock:${c.deadline_id}`, kind: c.kind as NotificationKind, task, state: after, at });
            }
          }
        }
      }

      const rows = planned.length ? await noticesFor(tx as unknown as PrismaClient, planned, opts) : [];
      const made = rows.length ? (await tx.notification.createMany({ data: rows, skipDuplicates: true })).count : 0;
      await tx.notificationSource.createMany({
        data: [...steps.map((s) => ({ source: `step:${s.decision_id}:${s.seq}` })), ...clocks.map((c) => ({ source: `clock:${c.id}` }))],
        skipDuplicates: true,
      });
      return made;
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

/** The tasks open after that were not open before, by role and action, under the rules the decision started with. */
function newTasks(before: ProcedureState | undefined, after: ProcedureState, profile: ProcedureProfile): OpenTask[] {
  const had = new Set((before ? openTasks(before, profile) : []).map((t) => `${t.role}:${t.action}`));
  // The experts' opinions are a task from the declaration on, but it is theirs only once a panel names them: a new
  // panel makes it new for its members.
  const panelOf = (s: ProcedureState | undefined) => JSON.stringify(s?.expert ? [s.expert.draftVersion, s.expert.panel.map((m) => m.id)] : null);
  if (after.expert && panelOf(before) !== panelOf(after)) had.delete(`${Role.Expert}:submitExpertOpinion`);
  return openTasks(after, profile).filter((t) => !had.has(`${t.role}:${t.action}`));
}

/**
 * The procedure replayed from a decision's record (as the inspectors' verifier
 * replays it, without checking): the state around each step, and at any time.
 */
function replayer(entries: RecordEntry[]) {
  const reg = entries[0];
  if (!reg || reg.seq !== 0 || reg.action !== 'register') return undefined;
  const registered = reg.payload as { profile?: string; undertakingDepartment?: string; catalogRef?: string; matterTypes?: string[] };
  const profile = (reg.profile as ProcedureProfile | undefined) ?? profileAsKeptBefore(String(registered.profile));
  if (!profile || typeof registered.undertakingDepartment !== 'string') return undefined;
  const first = initialState({ decisionId: reg.decisionId, profileId: profile.id, undertakingUnit: registered.undertakingDepartment, catalogRef: registered.catalogRef, authority: reg.authority, matterTypes: registered.matterTypes, registeredBy: (reg.actor as { id?: string } | undefined)?.id });
  // Each step: the state just before it (clocks advanced to its time) and after it.
  // The registration opens the first tasks: before it, nothing was open.
  const states: { seq: number; at: number; before?: ProcedureState; after: ProcedureState }[] = [{ seq: 0, at: Date.parse(reg.at), after: first }];
  let state = first;
  for (const e of entries.slice(1)) {
    if (e.action === 'archiveHistory') continue;
    const at = Date.parse(e.at);
    const before = tick(state, at).state;
    try {
      state = apply(before, { action: e.action, actor: e.actor, payload: e.payload, office: e.office } as Command, { now: at, profile }, e.periods ?? []);
    } catch {
      break; // a record the rules do not follow (the verifier says so): plan nothing from here on
    }
    states.push({ seq: e.seq, at, before, after: state });
  }
  return {
    profile,
    aroundStep: (seq: number) => states.find((x) => x.seq === seq),
    at: (ms: number) => {
      const last = [...states].reverse().find((x) => x.at <= ms);
      return tick(last?.after ?? first, ms).state;
    },
  };
}

/** The notices for the planned events: one per official acting in the task's role, per channel they chose. */
async function noticesFor(prisma: PrismaClient, planned: Planned[], opts: PlanOptions) {
  const decisions = new Map((await prisma.decision.findMany({ where: { id: { in: [...new Set(planned.map((p) => p.decisionId))] } }, select: { id: true, title: true, undertakingDepartment: true } })).map((d) => [d.id, d]));
  const organisations = await prisma.organisation.findMany({ select: { id: true, name: true, kind: true, parentId: true } });
  const byId = new Map(organisations.map((o) => [o.id, o as Organisation]));
  const preferences = await prisma.notificationPreference.findMany();
  const wants = new Map(preferences.map((p) => [p.personId, p]));
  const now = Date.now();
  const appointments = (await prisma.appointment.findMany({ where: { personId: { in: [...wants.keys()] } } }))
    .filter((a) => standsAt({ validFrom: a.validFrom.toISOString(), validTo: a.validTo.toISOString(), endedAt: a.endedAt?.toISOString() }, now))
    .map((a) => ({ ...a, path: pathOf(a.organisationId, byId) }))
    .filter((a): a is typeof a & { path: PathStep[] } => !!a.path);
  const calendar: WorkdayCalendar = await loadWorkdayCalendar(prisma);
  const rows = [];
  for (const p of planned) {
    const decision = decisions.get(p.decisionId);
    const unitPath = decision && pathOf(decision.undertakingDepartment, byId);
    if (!decision || !unitPath) continue;
    const deadline = taskDeadline(p.task.action, p.state.deadlines);
    const recipients = PER_DECISION_ROLES.includes(p.task.role) ? panelRecipients(p) : new Map<string, string>();
    for (const a of appointments) if (a.role === p.task.role && officeActsInDecision(a.role, a.path, unitPath, p.naming) && !recipients.has(a.personId)) recipients.set(a.personId, a.personName);
    for (const [personId, personName] of recipients) {
      if (!wants.has(personId) || !taskIsFor(p.task, personId)) continue;
      const notice = composeNotice({
        kind: p.kind,
        decision: { id: decision.id, title: decision.title },
        action: p.task.action,
        role: p.task.role,
        personName,
        deadline: deadline?.dueAt !== undefined ? { id: deadline.id, lastDay: cstDay(deadline.dueAt - 1), daysLeft: daysLeft(deadline, p.at, calendar), unit: deadline.unit, basis: deadline.basis } : undefined,
        basis: basisOf(p.task.action),
        appUrl: opts.appUrl,
      });
      const pref = wants.get(personId)!;
      const channels = [...(opts.email && pref.email ? [['email', pref.email]] : []), ...(pref.webhookUrl ? [['webhook', pref.webhookUrl]] : [])];
      for (const [channel, target] of channels) {
        rows.push({
          key: [p.decisionId, p.source, p.task.action, personId, p.kind, channel].join('|'),
          decisionId: p.decisionId,
          source: p.source,
          action: p.task.action,
          personId,
          kind: p.kind,
          channel,
          target,
          subject: notice.subject,
          body: notice.text,
          payload: notice.payload as object,
        });
      }
    }
  }
  return rows;
}

/**
 * Experts hold no office: an expert's task (an opinion to give, Art. 20) goes to the members of the decision's panel
 * (appointExpertPanel) who have not given theirs yet.
 */
function panelRecipients(p: Planned): Map<string, string> {
  const panel = p.state.expert;
  if (!panel || p.task.action !== 'submitExpertOpinion') return new Map();
  const given = new Set(panel.opinions.map((o) => o.expertId));
  return new Map(panel.panel.filter((m) => !given.has(m.id)).map((m) => [m.id, m.name]));
}
