import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { loadWorkdayCalendar } from '../../../../activities/calendar.activities';
import type { PrismaClient } from '../../../../libs/db/prisma';
import {
  daysLeft,
  formatCitation,
  governmentOf,
  namingAction,
  officeMayActForUnit,
  officeActsInDecision,
  pathOf,
  Phase,
  Role,
  standsAt,
  taskDeadline,
  taskIsFor,
  type Deadline,
  type MyTasksPage,
  type UnansweringDecision,
  type MyTaskView,
  type OpenTask,
  type OfficeView,
  type Organisation,
  type PathStep,
  type WorkdayCalendar,
} from '../../../../libs/domain';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { orLeftOut } from '../errors';
import { deadlinesQuery, procedureQuery, tasksQuery, type majorDecision } from '../../../../workflows';
import { localDay, isoInstant, timeZoneOf } from '../decisions/presenters';
import { AuthorityService } from '../authority/authority.service';
import { ScopeService } from '../authority/scope.service';
import { TEMPORAL_CLIENT } from '../temporal.module';
import { DEFAULT_TASKS_PAGE_SIZE, type MyTasksQueryDto } from './tasks.dto';

/** Kept here for its callers; it lives in the domain so that the notifier counts days left the same way. */
export { daysLeft };

/** The panels an expert's list looks at: an expert sits on a handful at a time. */
const MAX_PANELS = 100;

/** Workflow queries in flight at once for one request: enough to be quick, few enough to spare the workers. */
const QUERY_CONCURRENCY = 8;

/**
 * 我的待办: the steps a person may take now. Their standing appointments
 * (authority) say which decisions they touch (officeActsIn: the undertaking
 * unit's own, the government's for its reviewers, organ and offices); one page
 * of those decisions (newest first, closed ones left out) is read from the
 * decisions table, and only those decisions' workflows are asked for their
 * open tasks, a few at a time, and for their deadlines where a task of the
 * person's is open. A page costs at most pageSize workflow queries and a
 * handful of database reads, however many decisions the person has.
 */
@Injectable()
export class TasksService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly scopes: ScopeService,
    private readonly authority: AuthorityService,
  ) {}

  async forPerson(q: MyTasksQueryDto & { personId: string }, now = Date.now()): Promise<MyTasksPage> {
    const pageSize = q.pageSize ?? DEFAULT_TASKS_PAGE_SIZE;
    const page = q.page ?? 1;
    const appointments = (await this.prisma.appointment.findMany({ where: { personId: q.personId }, orderBy: { validFrom: 'asc' } })).filter((a) =>
      standsAt({ validFrom: a.validFrom.toISOString(), validTo: a.validTo.toISOString(), endedAt: a.endedAt?.toISOString() }, now),
    );
    const paths = await Promise.all(appointments.map((a) => this.authority.pathOf(a.organisationId)));
    const standing = appointments.map((a, i) => ({ ...a, path: paths[i] })).filter((a): a is typeof a & { path: PathStep[] } => !!a.path);
    const offices: OfficeView[] = standing.map((a) => ({ appointmentId: a.id, role: a.role, organisationId: a.organisationId, organisationName: a.path[0].name }));
    // Experts hold no office: they act in the decisions whose panel names them (Art. 20), listed on the first page.
    // Decisions whose workflows did not answer: named on the page, so the person knows the list may lack their steps.
    const unanswering: UnansweringDecision[] = [];
    const asExpert = page === 1 ? await this.expertTasks(q.personId, unanswering) : [];
    const empty: MyTasksPage = { personId: q.personId, offices, items: asExpert, decisions: 0, pageSize, page, nextPage: null, unanswering };
    if (!standing.length) return empty;

    // The units whose decisions the person touches, and through which of their offices: among the organisations the
    // governments of their offices govern (an office acts only for units of its own government), not every one in the
    // country, each request. Their paths: within those, and above each government as its offices' paths run.
    const governed = await this.authority.governedBy([...new Set(standing.map((a) => governmentOf(a.path)?.id).filter((g): g is string => !!g))]);
    const byId = new Map<string, Organisation>();
    for (const a of standing) a.path.forEach((p, i) => byId.set(p.id, { id: p.id, name: p.name, kind: p.kind, parentId: a.path[i + 1]?.id ?? null }));
    for (const o of governed) byId.set(o.id, o);
    const officesFor = new Map<string, typeof standing>();
    for (const o of governed) {
      const unitPath = pathOf(o.id, byId);
      const acting = unitPath ? standing.filter((a) => officeMayActForUnit(a.role, a.path, unitPath)) : [];
      if (acting.length) officesFor.set(o.id, acting);
    }
    if (!officesFor.size) return empty;
    // Offices that act in a decision only once it names their organisation (an execution unit, an evaluator, a third
    // party: namingAction): paged over the decisions that named one of them (or whose rules have the organ name no one),
    // so the pages do not count the city's other open decisions (retest: nextPage told an outside body how many there were).
    const onlyOnceNamed = standing.every((a) => namingAction(a.role, a.path) !== undefined);
    // (The page's ids only, in the page's order: a list of every such decision could pass PostgreSQL's bind limit.)
    const namedIn = onlyOnceNamed
      ? (
          await this.prisma.$queryRaw<{ id: string }[]>`
            SELECT d.id FROM decisions d
            WHERE d.undertaking_department = ANY(${[...officesFor.keys()]}::text[]) AND d.phase <> ${Phase.Closed}
              AND (EXISTS (SELECT 1 FROM decision_steps s WHERE s.decision_id = d.id AND s.action IN ('designateExecutionUnit', 'commissionEvaluation', 'engageRiskAssessor')
                             AND (s.payload -> 'organisations' ?| ${orgIdsOf(standing)}::text[] OR s.payload ->> 'organisation' = ANY(${orgIdsOf(standing)}::text[])))
                   OR NOT COALESCE((SELECT (r.entry::jsonb -> 'profile' ->> 'organActs')::boolean FROM decision_steps r WHERE r.decision_id = d.id AND r.seq = 0), false))
            ORDER BY d.registered_at DESC, d.id DESC OFFSET ${(page - 1) * pageSize} LIMIT ${pageSize + 1}`
        ).map((r) => r.id)
      : undefined;
    const rows = await this.prisma.decision.findMany({
      where: { undertakingDepartment: { in: [...officesFor.keys()] }, phase: { not: Phase.Closed }, ...(namedIn ? { id: { in: namedIn } } : {}) },
      select: { id: true, title: true, undertakingDepartment: true, phase: true, profile: true },
      orderBy: [{ registeredAt: 'desc' }, { id: 'desc' }],
      ...(namedIn ? {} : { skip: (page - 1) * pageSize, take: pageSize + 1 }),
    });
    const decisions = rows.slice(0, pageSize);
    const calendar = await loadWorkdayCalendar(this.prisma);
    const perDecision = await inBatches(decisions, QUERY_CONCURRENCY, answeringOnly(unanswering, async (d) => {
      const handle = this.temporal.workflow.getHandle<typeof majorDecision>(d.id);
      // Offices named in one decision (an execution unit, an evaluator, a third party) only where it named them.
      const naming = await this.scopes.namingOf(d.id);
      const unitPath = pathOf(d.undertakingDepartment, byId);
      const acting = officesFor.get(d.undertakingDepartment)!.filter((a) => !unitPath || officeActsInDecision(a.role, a.path, unitPath, naming));
      if (!acting.length) return null; // not theirs: not counted either
      // Each open step once: taken in the first of the person's standing offices that may take it (the
      // earliest appointed), however many of them may; the signing page offers the others.
      const open = asToDo(firstOfEach((await handle.query(tasksQuery)).flatMap((t) => acting.filter((a) => a.role === t.role && taskIsFor(t, a.personId)).map((a) => ({ ...t, office: a }))), (t) => t.action));
      if (!open.length) return [] as MyTaskView[];
      const deadlines = await handle.query(deadlinesQuery);
      const timeZone = timeZoneOf(d.profile);
      return open.map(({ action, role, office, waitingFor }): MyTaskView => {
        const deadline = taskDeadline(action, deadlines);
        return {
          decisionId: d.id,
          title: d.title,
          undertakingDepartment: d.undertakingDepartment,
          phase: d.phase,
          action,
          role,
          actor: { id: office.personId, name: office.personName, role: office.role, organisation: office.organisationId },
          deadline: deadline ? presentDeadline(deadline, now, timeZone, calendar) : null,
          overdue: deadline?.status === 'overdue' || (deadline?.type === 'maximum' && deadline.dueAt !== undefined && deadline.status !== 'paused' && now >= deadline.dueAt),
          ...waitingNow(waitingFor, now),
        };
      });
    }));
    const items = [...perDecision.flatMap((x) => x ?? []), ...asExpert].sort((a, b) => dueOf(a) - dueOf(b));
    // Counted: the decisions the person acts in, not every open one of the units looked at (fresh-eyes tester: the bus
    // company, named in no decision, read how many the city had open).
    return { ...empty, items, decisions: perDecision.filter((x) => x !== null).length, nextPage: rows.length > pageSize ? page + 1 : null };
  }

  /** The expert's open opinions: decisions whose current panel names the person and has no opinion of theirs yet. */
  private async expertTasks(personId: string, unanswering: UnansweringDecision[]): Promise<MyTaskView[]> {
    const panelled = await this.prisma.$queryRaw<{ id: string }[]>`
      SELECT DISTINCT s.decision_id AS id FROM decision_steps s JOIN decisions d ON d.id = s.decision_id
      WHERE s.action = 'appointExpertPanel' AND d.phase <> ${Phase.Closed} AND s.payload -> 'experts' @> ${JSON.stringify([{ id: personId }])}::jsonb
      LIMIT ${MAX_PANELS}`;
    if (!panelled.length) return [];
    const rows = await this.prisma.decision.findMany({ where: { id: { in: panelled.map((p) => p.id) } }, select: { id: true, title: true, undertakingDepartment: true, phase: true } });
    const perDecision = await inBatches(rows, QUERY_CONCURRENCY, answeringOnly(unanswering, async (d): Promise<MyTaskView[]> => {
      const handle = this.temporal.workflow.getHandle<typeof majorDecision>(d.id);
      const [tasks, s] = await Promise.all([handle.query(tasksQuery), handle.query(procedureQuery)]);
      const member = s.expert?.panel.find((m) => m.id === personId);
      const open = tasks.some((t) => t.role === Role.Expert && t.action === 'submitExpertOpinion');
      if (!member || !open || s.expert!.opinions.some((o) => o.expertId === personId)) return [];
      return [{ decisionId: d.id, title: d.title, undertakingDepartment: d.undertakingDepartment, phase: d.phase, action: 'submitExpertOpinion', role: Role.Expert, actor: { id: personId, name: member.name, role: Role.Expert, organisation: member.organisation }, deadline: null, overdue: false }];
    }));
    return perDecision.flatMap((x) => x ?? []);
  }
}

/** Soonest due first; tasks without a time limit after, in the decisions' order. */
const dueOf = (t: MyTaskView) => (t.deadline?.dueAt && t.deadline.type === 'maximum' ? Date.parse(t.deadline.dueAt) : Number.MAX_SAFE_INTEGER);

function presentDeadline(d: Deadline, now: number, timeZone: string, calendar: WorkdayCalendar): MyTaskView['deadline'] {
  const running = d.dueAt !== undefined && d.status !== 'paused';
  return {
    id: d.id,
    label: d.label,
    basis: formatCitation(d.basis),
    type: d.type,
    unit: d.unit,
    days: d.days,
    status: d.status,
    dueAt: d.dueAt === undefined ? null : isoInstant(d.dueAt, timeZone),
    lastDay: running ? localDay(d.dueAt! - 1, timeZone) : null,
    daysLeft: running ? daysLeft(d, now, calendar) : null,
  };
}

/** The first item of each key, in the items' order. */
function firstOfEach<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(key(item)) && !!seen.add(key(item)));
}

/**
 * A decision whose workflow cannot answer (stuck, or not in Temporal) has no step to offer now: left out (errors.ts),
 * and named in `unanswering`.
 */
function answeringOnly<D extends UnansweringDecision>(unanswering: UnansweringDecision[], run: (d: D) => Promise<MyTaskView[] | null>): (d: D) => Promise<MyTaskView[] | null> {
  return async (d) => {
    const none: MyTaskView[] = [];
    const tasks = await orLeftOut(d.id, () => run(d), none);
    if (tasks === none) unanswering.push({ id: d.id, title: d.title });
    return tasks;
  };
}

async function inBatches<T, R>(items: readonly T[], size: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(run))));
  return out;
}

/** Every organisation the offices are in, and those above them: a step naming any of them names the office's. */
function orgIdsOf(offices: readonly { path: readonly PathStep[] }[]): string[] {
  return [...new Set(offices.flatMap((a) => a.path.map((p) => p.id)))];
}

/**
 * What is to do, of what may be done: the withdrawal (Art. 11) is the organ's option at any time before the decision,
 * and the postponement (暂缓, Art. 30) one beside the decision it defers; listed as tasks, they made a chief executive's
 * 我的待办 two rows for every decision of the city (statute tester). The decision's page still offers both.
 */
function asToDo<T extends { action: string }>(open: T[]): T[] {
  const deciding = open.some((t) => t.action === 'decide');
  return open.filter((t) => t.action !== 'withdraw' && (t.action !== 'postpone' || deciding));
}

/** What a task waits for, now: a wait for a time only (a hearing not yet held) is over once the time comes. */
export function waitingNow(waitingFor: OpenTask['waitingFor'], now: number): Pick<MyTaskView, 'waitingFor'> {
  if (!waitingFor || (waitingFor.until !== undefined && now >= waitingFor.until)) return {};
  return { waitingFor: { zh: waitingFor.zh, en: waitingFor.en, basis: waitingFor.basis } };
}
