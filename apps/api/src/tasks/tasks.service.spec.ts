import type { Client } from '@temporalio/client';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { apiHttpAdapter, initApi } from '../edge/http';
import request from 'supertest';
import type { PrismaClient } from '../../../../libs/db/prisma';
import { governmentOf, pathOf, Role, WEEKDAY_CALENDAR, type Deadline, type OpenTask, type Organisation } from '../../../../libs/domain';
import { deadlinesQuery, tasksQuery } from '../../../../workflows';
import { API_EDGE_PROVIDERS } from '../app.module';
import { TasksController } from './tasks.controller';
import { daysLeft, TasksService } from './tasks.service';
import type { AuthorityService } from '../authority/authority.service';
import type { ScopeService } from '../authority/scope.service';

// Unit tier: the service over a fake database and a fake Temporal client that counts its queries.
const ORGS: Organisation[] = [
  { id: 'hz', name: '杭州市人民政府', kind: 'government', parentId: null },
  { id: 'hz-bgt', name: '杭州市人民政府办公厅', kind: 'general_office', parentId: 'hz' },
  { id: 'hz-jtj', name: '杭州市交通运输局', kind: 'department', parentId: 'hz' },
  { id: 'hz-jtj-fgc', name: '杭州市交通运输局政策法规处', kind: 'office', parentId: 'hz-jtj' },
  { id: 'hz-sfj', name: '杭州市司法局', kind: 'legality_review_body', parentId: 'hz' },
  { id: 'nb', name: '宁波市人民政府', kind: 'government', parentId: null },
  { id: 'nb-jtj', name: '宁波市交通运输局', kind: 'department', parentId: 'nb' },
];
const T0 = Date.parse('2026-11-25T10:00:00+08:00'); // a Wednesday
const appointment = (personId: string, role: string, organisationId: string, extra: object = {}) => ({
  id: `ap-${personId}-${role}-${organisationId}`,
  personId,
  personName: `${personId}的姓名`,
  role,
  organisationId,
  validFrom: new Date('2026-01-01T00:00:00Z'),
  validTo: new Date('2030-01-01T00:00:00Z'),
  endedAt: null,
  ...extra,
});
const reviewDeadline: Deadline = {
  id: 'legality-review-max-v1',
  label: '合法性审查时限 (legality review time limit)',
  basis: { source: 'decree-713', article: 27 },
  type: 'maximum',
  unit: 'working',
  days: 15,
  startedAt: T0 - 86_400_000,
  dueAt: Date.parse('2026-12-01T00:00:00+08:00'), // last day Monday 30 November
  reminded: false,
  status: 'running',
  calendarVersion: 'test',
  provisional: false,
  tolled: [],
};

/** Each decision's open tasks, as its workflow answers them (the rules' own tests prove which are open when). */
const REVIEW_AND_DRAFT: OpenTask[] = [{ role: Role.LegalityReviewer, action: 'issueLegalityOpinion' }, { role: Role.UndertakingUnit, action: 'submitDraft' }];

function fakes(appointments: ReturnType<typeof appointment>[], decisionCount = 3, tasks: OpenTask[] = REVIEW_AND_DRAFT) {
  const decisions = [
    ...Array.from({ length: decisionCount }, (_, i) => ({ id: `HZ-${i}`, title: `杭州决策${i}`, undertakingDepartment: 'hz-jtj', phase: 'legality_review', profile: 'national', registeredAt: new Date(T0 - i * 1000) })),
    { id: 'NB-0', title: '宁波决策', undertakingDepartment: 'nb-jtj', phase: 'legality_review', profile: 'national', registeredAt: new Date(T0) },
    { id: 'HZ-closed', title: '已结束', undertakingDepartment: 'hz-jtj', phase: 'closed', profile: 'national', registeredAt: new Date(T0) },
  ];
  const prisma = {
    $queryRaw: async () => [], // no expert panels here (scope.e2e proves an expert's tasks)
    appointment: { findMany: async ({ where }: { where: { personId: string } }) => appointments.filter((a) => a.personId === where.personId) },
    calendarOverride: { findMany: async () => [] },
    decision: {
      findMany: jest.fn(async ({ where, skip, take }: { where: { undertakingDepartment: { in: string[] }; phase: { not: string } }; skip: number; take: number }) =>
        decisions
          .filter((d) => where.undertakingDepartment.in.includes(d.undertakingDepartment) && d.phase !== where.phase.not)
          .sort((a, b) => b.registeredAt.getTime() - a.registeredAt.getTime() || b.id.localeCompare(a.id))
          .slice(skip, skip + take),
      ),
    },
  };
  const queried: string[] = [];
  const temporal = {
    workflow: {
      getHandle: (id: string) => ({
        query: async (q: unknown) => {
          queried.push(`${id}:${q === tasksQuery ? 'tasks' : q === deadlinesQuery ? 'deadlines' : '?'}`);
          if (q === tasksQuery) return tasks;
          return [reviewDeadline];
        },
      }),
    },
  };
  // Decisions registered before the organ's acts: no office waits to be named (the end-to-end tests prove the naming).
  const scopes = { namingOf: async () => ({ organActs: false, named: new Map<string, string[]>() }) };
  // The organisations' paths, and those a government governs (test/db/organisation-path.spec.ts proves the statement).
  const byId = new Map(ORGS.map((o) => [o.id, o]));
  const governedBy = jest.fn(async (governments: readonly string[]) => ORGS.filter((o) => governments.includes(governmentOf(pathOf(o.id, byId)!)!.id)));
  const authority = { pathOf: async (id: string) => pathOf(id, byId), governedBy };
  return { service: new TasksService(temporal as unknown as Client, prisma as unknown as PrismaClient, scopes as unknown as ScopeService, authority as unknown as AuthorityService), queried, prisma, governedBy };
}

describe('TasksService: a person’s open steps across decisions', () => {
  it("a legality reviewer of the city's review body sees the review of its government's decisions only, with its time limit in working days", async () => {
    const { service, queried, governedBy } = fakes([appointment('j-li', 'legality_reviewer', 'hz-sfj')], 2);
    const page = await service.forPerson({ personId: 'j-li' }, T0);
    // The units looked at are those of the office's own government, not every organisation in the country.
    expect(governedBy.mock.calls).toEqual([[['hz']]]);
    expect(page.offices).toEqual([{ appointmentId: 'ap-j-li-legality_reviewer-hz-sfj', role: 'legality_reviewer', organisationId: 'hz-sfj', organisationName: '杭州市司法局' }]);
    expect(page.items.map((t) => [t.decisionId, t.action])).toEqual([['HZ-0', 'issueLegalityOpinion'], ['HZ-1', 'issueLegalityOpinion']]);
    expect(page.items[0]).toMatchObject({
      role: 'legality_reviewer',
      actor: { id: 'j-li', name: 'j-li的姓名', role: 'legality_reviewer', organisation: 'hz-sfj' },
      overdue: false,
      deadline: { id: 'legality-review-max-v1', unit: 'working', lastDay: '2026-11-30', basis: expect.stringContaining('第二十七条') },
    });
    // Thursday, Friday and Monday after Wednesday (chinese-days: no holiday then).
    expect(page.items[0].deadline!.daysLeft).toBe(3);
    expect(queried.sort()).toEqual(['HZ-0:deadlines', 'HZ-0:tasks', 'HZ-1:deadlines', 'HZ-1:tasks']);
  });

  it("the undertaking unit's official, in an office under the department, sees the department's decisions; a closed one is not asked", async () => {
    const { service, queried } = fakes([appointment('u-zhang', 'undertaking_unit', 'hz-jtj-fgc')], 1);
    const page = await service.forPerson({ personId: 'u-zhang' }, T0);
    expect(page.items).toEqual([expect.objectContaining({ decisionId: 'HZ-0', action: 'submitDraft', deadline: null, actor: expect.objectContaining({ organisation: 'hz-jtj-fgc' }) })]);
    expect(queried).toEqual(['HZ-0:tasks', 'HZ-0:deadlines']);
  });

  it('lists each open step once, however many of the person’s offices may take it: the first standing office signs it', async () => {
    const { service } = fakes(
      [
        appointment('u-zhang', 'undertaking_unit', 'hz-jtj', { validFrom: new Date('2025-01-01T00:00:00Z') }),
        appointment('u-zhang', 'undertaking_unit', 'hz-jtj-fgc'),
        appointment('u-zhang', 'legality_reviewer', 'hz-sfj'),
      ],
      2,
    );
    const page = await service.forPerson({ personId: 'u-zhang' }, T0);
    expect(page.offices).toHaveLength(3);
    expect(page.items.map((t) => [t.decisionId, t.action, t.actor.organisation]).sort()).toEqual([
      ['HZ-0', 'issueLegalityOpinion', 'hz-sfj'],
      ['HZ-0', 'submitDraft', 'hz-jtj'],
      ['HZ-1', 'issueLegalityOpinion', 'hz-sfj'],
      ['HZ-1', 'submitDraft', 'hz-jtj'],
    ]);
  });

  it('no standing office, no work: an ended appointment, or none, asks no workflow', async () => {
    const { service, queried, prisma } = fakes([appointment('x', 'legality_reviewer', 'hz-sfj', { endedAt: new Date(T0 - 1000) })]);
    expect(await service.forPerson({ personId: 'x' }, T0)).toMatchObject({ offices: [], items: [], nextPage: null });
    expect(await service.forPerson({ personId: 'nobody' }, T0)).toMatchObject({ offices: [], items: [] });
    expect(queried).toEqual([]);
    expect(prisma.decision.findMany).not.toHaveBeenCalled();
  });

  it('is bounded: a person with many decisions gets one page of them, pageSize workflows asked, and the next page named', async () => {
    const { service, queried } = fakes([appointment('j-li', 'legality_reviewer', 'hz-sfj')], 45);
    const first = await service.forPerson({ personId: 'j-li', pageSize: 20 }, T0);
    expect(first).toMatchObject({ decisions: 20, pageSize: 20, page: 1, nextPage: 2 });
    expect(queried.filter((q) => q.endsWith(':tasks'))).toHaveLength(20);
    const last = await service.forPerson({ personId: 'j-li', pageSize: 20, page: 3 }, T0);
    expect(last).toMatchObject({ decisions: 5, nextPage: null });
    expect(last.items.map((t) => t.decisionId)).toEqual(['HZ-40', 'HZ-41', 'HZ-42', 'HZ-43', 'HZ-44']);
  });

  it('lists what is to do: not the withdrawal the organ may make at any time, the postponement only beside the decision it defers (statute tester: two rows for every decision)', async () => {
    const chief = [appointment('m-1', 'chief_executive', 'hz')];
    const options: OpenTask[] = [{ role: Role.ChiefExecutive, action: 'withdraw' }, { role: Role.ChiefExecutive, action: 'postpone' }];
    expect((await fakes(chief, 2, options).service.forPerson({ personId: 'm-1' }, T0)).items).toEqual([]);
    const deciding = await fakes(chief, 1, [...options, { role: Role.ChiefExecutive, action: 'decide' }]).service.forPerson({ personId: 'm-1' }, T0);
    expect(deciding.items.map((t) => t.action).sort()).toEqual(['decide', 'postpone']);
  });

  it('a task waiting for a time (a hearing not yet held) says so until then, and no more after', async () => {
    const hearing = Date.parse('2026-12-20T09:00:00+08:00');
    const waiting: OpenTask[] = [{ role: Role.UndertakingUnit, action: 'recordHearing', waitingFor: { zh: '听证会 H1 定于2026年12月20日9时举行，举行后提交听证会记录', en: 'hearing H1 …', basis: '第十七条', until: hearing } }];
    const unit = [appointment('u-zhang', 'undertaking_unit', 'hz-jtj')];
    expect((await fakes(unit, 1, waiting).service.forPerson({ personId: 'u-zhang' }, T0)).items[0].waitingFor).toEqual({ zh: '听证会 H1 定于2026年12月20日9时举行，举行后提交听证会记录', en: 'hearing H1 …', basis: '第十七条' });
    expect((await fakes(unit, 1, waiting).service.forPerson({ personId: 'u-zhang' }, hearing)).items[0].waitingFor).toBeUndefined();
  });

  it('days left: working days where the statute counts them, calendar days otherwise, negative once missed', () => {
    const due = Date.parse('2026-12-01T00:00:00+08:00'); // last day Monday 30 November
    expect(daysLeft({ unit: 'working', dueAt: due }, T0, WEEKDAY_CALENDAR)).toBe(3);
    expect(daysLeft({ unit: 'calendar', dueAt: due }, T0, WEEKDAY_CALENDAR)).toBe(5);
    expect(daysLeft({ unit: 'working', dueAt: due }, Date.parse('2026-11-30T09:00:00+08:00'), WEEKDAY_CALENDAR)).toBe(0);
    expect(daysLeft({ unit: 'working', dueAt: due }, Date.parse('2026-12-02T09:00:00+08:00'), WEEKDAY_CALENDAR)).toBe(-2);
    expect(daysLeft({ unit: 'calendar', dueAt: due }, Date.parse('2026-12-02T09:00:00+08:00'), WEEKDAY_CALENDAR)).toBe(-2);
  });
});

// Controller tier: the real validation pipe over the query string.
describe('GET /tasks (query validation)', () => {
  let app: INestApplication;
  const service = { forPerson: jest.fn() };
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [TasksController], providers: [{ provide: TasksService, useValue: service }, ...API_EDGE_PROVIDERS] }).compile();
    app = moduleRef.createNestApplication(apiHttpAdapter(), { logger: false });
    // Signed in as j-li, as the auth guard would have verified (apps/api/src/auth).
    app.getHttpAdapter().getInstance().addHook('onRequest', (req: { caller?: unknown }, _reply: unknown, next: () => void) => {
      req.caller = { sub: 'j-li', issuer: 'https://idp.example', claims: { sub: 'j-li' } };
      next();
    });
    await initApi(app);
  });
  afterAll(() => app.close());
  beforeEach(() => service.forPerson.mockReset().mockResolvedValue({ items: [] }));

  it('passes the person and the page, typed; the person defaults to the caller', async () => {
    await request(app.getHttpServer()).get('/tasks').query({ personId: 'j-li', pageSize: '50', page: '2' }).expect(200);
    expect(service.forPerson).toHaveBeenCalledWith({ personId: 'j-li', pageSize: 50, page: 2 });
    await request(app.getHttpServer()).get('/tasks').expect(200);
    expect(service.forPerson).toHaveBeenLastCalledWith({ personId: 'j-li' });
  });

  it("refuses another person's tasks with 403", async () => {
    const res = await request(app.getHttpServer()).get('/tasks').query({ personId: 'u-zhang' }).expect(403);
    expect(res.body.message).toMatch(/只能查看本人的待办/);
    expect(service.forPerson).not.toHaveBeenCalled();
  });

  it.each([[{ personId: '' }], [{ personId: 'j-li', pageSize: '51' }], [{ personId: 'j-li', pageSize: '0' }], [{ personId: 'j-li', page: 'x' }]])('refuses %j with 400, in Chinese first', async (query) => {
    const res = await request(app.getHttpServer()).get('/tasks').query(query).expect(400);
    expect(String(res.body.message)).toMatch(/[\u4e00-\u9fff]/);
    expect(service.forPerson).not.toHaveBeenCalled();
  });
});
