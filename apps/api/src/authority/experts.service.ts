import { BadRequestException, ConflictException, ForbiddenException, Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { PrismaClient } from '../../../../libs/db/prisma';
import { art, governmentOf, inUsablePool, isPersonId, NOT_NEUTRAL_ROLES, opinionDisqualification, ORGANISATION_ID_PATTERN, panelDisqualification, panelMemberInOffice, panelOutsidePool, poolDisqualification, poolStanding, refusal, RefusalCode, usableEntry, type ExpertPoolEntryFacts, type ProcedureProfile } from '../../../../libs/domain';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { expertDisqualificationMessage, expertPoolEndMessage, expertPoolEntryMessage } from '../../../../libs/record/endorsement';
import { canonicalize } from '../../../../libs/record/jcs';
import { LOG_APPEND_LOCK } from '../../../../libs/record/log-store';
import { ProcedureRefusedError } from '../errors';
import { assertNoPersonCaseTwin, AuthorityService, standingAt } from './authority.service';
import type { DisqualifyExpertDto, EndExpertPoolEntryDto, EnterExpertPoolDto } from './dto/authority.dto';
import type { DisqualificationQueryDto } from './dto/lists.dto';
import { localNames, namesBody } from './organisation-names';
import { RegistrarsService } from './registrars.service';
import { DEFAULT_PAGE, pageOf } from '../edge/paging';
import { ScopeService } from './scope.service';

/**
 * The expert pools of Art. 21 (决策咨询论证专家库): a government's registrar enters experts into its pool and ends their
 * membership (退出), each on its signature, never altered; a decision may use its government's pool and those above it
 * (para. 3). Where the decision's profile asks for it (`expertsFromPool`, not the decree's baseline), a panel names
 * only experts in force in such a pool.
 *
 * The expert pools' disqualifications (Arts. 21, 41): an expert or institution that breached professional ethics or the
 * decree with serious consequences loses the qualification (取消评估资格, Art. 41). A registrar of the government whose
 * pool it concerns enters it on its signature; no panel of a decision of that government, or of a government below it
 * (which may use the pool above, Art. 21 para. 3), names the expert while it is in force.
 */
@Injectable()
export class ExpertsService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly registrars: RegistrarsService,
    private readonly authority: AuthorityService,
    private readonly scopes: ScopeService,
  ) {}

  async disqualify(dto: DisqualifyExpertDto) {
    const path = await this.authority.pathOf(dto.governmentId);
    if (!path || path[0].kind !== 'government') throw unprocessable(`governmentId：${dto.governmentId} 不是已登记的人民政府`, `governmentId: ${dto.governmentId} is not a registered government`);
    const validFrom = new Date(dto.validFrom);
    const validTo = dto.validTo ? new Date(dto.validTo) : null;
    if (validTo && validTo <= validFrom) throw unprocessable('validTo：终止时间必须晚于起始时间', 'validTo must be after validFrom');
    const record = { id: dto.id, expertId: dto.expertId, expertName: dto.expertName, governmentId: dto.governmentId, reason: dto.reason, basisHash: dto.basisHash ?? null, validFrom, validTo };
    const registrar = await this.registrars.endorsed(
      dto.endorsement,
      expertDisqualificationMessage(record),
      { zh: `取消专家${dto.expertName}（${dto.expertId}）的评估资格`, en: `the disqualification of expert ${dto.expertId}` },
      { id: path[0].id, name: path[0].name },
    );
    await this.assertOneName(dto.expertId, dto.expertName, dto.id);
    // Entered under the log's lock, after every panel naming the expert and every opinion of theirs recorded: one on its
    // way is recorded before it or refused (append_record_entry), and none recorded is voided by it (attacker: a disqualification between a
    // panel's check and its entry left a record that never verified again).
    const { count } = await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOG_APPEND_LOCK})`;
      const [{ last }] = await tx.$queryRaw<{ last: Date | null }[]>`
        SELECT max(at) AS last FROM decision_steps
        WHERE (action = 'appointExpertPanel' AND payload -> 'experts' @> ${JSON.stringify([{ id: dto.expertId }])}::jsonb)
           OR (action = 'submitExpertOpinion' AND actor_id = ${dto.expertId})`;
      const now = new Date();
      const registeredAt = last && last >= now ? new Date(last.getTime() + 1) : now;
      return tx.expertDisqualification.createMany({ data: [{ ...record, endorsedBy: registrar.keyId, endorsement: dto.endorsement.value, registeredAt }], skipDuplicates: true });
    });
    const stored = await this.prisma.expertDisqualification.findUniqueOrThrow({ where: { id: dto.id } });
    // The same disqualification sent again is answered as the first time.
    if (!count && canonicalize(recordOf(stored)) !== canonicalize(recordOf(record))) {
      throw new ConflictException({ statusCode: 409, error: 'Conflict', message: `编号 ${dto.id} 已用于另一取消资格记录（id ${dto.id} is already used for another disqualification）` });
    }
    return stored;
  }

  /**
   * Each expert of a panel is one person, named as the registers know them: not an id differing only in case from
   * another of the panel or from a person registered (e-liu and E-LIU on one panel; the argumentation then waited for an
   * opinion "刘专家" had given), nor under another name than a register gives them (attacker: e-liu as 王五).
   */
  private async assertNamedAsRegistered(experts: unknown[]): Promise<void> {
    const refuse = (zh: string, en: string): never => {
      throw new ProcedureRefusedError(refusal(RefusalCode.InvalidPayload, { zh, en }, art(19), art(20)));
    };
    const seen = new Map<string, number>();
    for (const [i, e] of experts.entries()) {
      const { id, name } = (e ?? {}) as { id?: unknown; name?: unknown };
      if (typeof id !== 'string') continue;
      const twin = seen.get(id.toLowerCase());
      if (twin !== undefined && (experts[twin] as { id: string }).id !== id) {
        refuse(`experts.${i}.id：${id} 与 experts.${twin}.id 只有大小写不同，是同一人员编号的两种写法；同一专家只列一次`, `experts.${i}.id: ${id} differs only in case from experts.${twin}.id; list each expert once`);
      }
      seen.set(id.toLowerCase(), i);
      const [known] = await this.prisma.$queryRaw<{ id: string; name: string | null }[]>`
        SELECT k.id, k.name FROM (
          SELECT person_id AS id, person_name AS name FROM appointments WHERE lower(person_id) = lower(${id})
          UNION ALL
          SELECT expert_id AS id, expert_name AS name FROM expert_pool_entries WHERE lower(expert_id) = lower(${id})
          UNION ALL
          SELECT expert_id AS id, expert_name AS name FROM expert_disqualifications WHERE lower(expert_id) = lower(${id})
          UNION ALL
          SELECT actor_id AS id, NULL AS name FROM actor_keys WHERE lower(actor_id) = lower(${id})) k
        ORDER BY k.id = ${id} DESC, k.name IS NULL LIMIT 1`;
      if (!known) continue;
      if (known.id !== id) {
        refuse(`experts.${i}.id：${id} 与已登记的${known.name ? `${known.name}（${known.id}）` : known.id}只有大小写不同，专家凭其人员编号签署论证意见：请按登记的编号 ${known.id} 填写`, `experts.${i}.id: ${id} differs only in case from ${known.id} (${known.name}), registered; experts sign as their registered id`);
      }
      if (typeof name === 'string' && known.name !== null && name !== known.name) {
        refuse(`experts.${i}.name：${id} 经登记的姓名为${known.name}，专家组名单写作“${name}”，应当按登记的姓名填写`, `experts.${i}.name: ${id} is registered as ${known.name}, not "${name}"`);
      }
    }
  }

  /** A page of the disqualifications (DisqualificationQueryDto) in the order of their ids. */
  async list(q: DisqualificationQueryDto) {
    const limit = q.limit ?? DEFAULT_PAGE;
    const found = await this.prisma.expertDisqualification.findMany({ where: { ...(q.expertId ? { expertId: q.expertId } : {}), ...(q.after ? { id: { gt: q.after } } : {}) }, orderBy: { id: 'asc' }, take: limit + 1 });
    return pageOf(found, limit, (d) => d.id);
  }

  /**
   * Art. 41 (with Arts. 20, 21): refused when the panel names an expert disqualified, at `at`, for the pool of the
   * decision's government or of one above it; a decision registered before offices were checked knows no government,
   * so every pool's disqualifications hold for it.
   */
  async assertEligible(decisionId: string, experts: unknown, at = new Date(), profile?: ProcedureProfile): Promise<void> {
    if (!Array.isArray(experts)) return;
    // An expert signs their opinion as the id the panel names (their sign-in subject): an id no one can sign in as
    // ('m-li ', with a zero-width space) slipped past the checks, and left the argumentation waiting for good (retest).
    const unsignable = experts.findIndex((e) => typeof (e as { id?: unknown } | null)?.id === 'string' && !isPersonId((e as { id: string }).id));
    if (unsignable >= 0) {
      throw new ProcedureRefusedError(
        refusal(RefusalCode.InvalidPayload, {
          zh: `experts.${unsignable}.id：必须是专家的人员编号（即其登录账号，专家凭此签署论证意见），使用半角字符，不得含有空格、零宽字符等`,
          en: `experts.${unsignable}.id must be the expert's person id (their sign-in subject, which signs the opinion), in half-width characters, with no white space or invisible characters`,
        }, art(19), art(20)),
      );
    }
    await this.assertNotOfUndertakingUnit(decisionId, experts);
    const ids = experts.map((e) => (e as { id?: unknown } | null)?.id).filter((id): id is string => typeof id === 'string');
    if (!ids.length) return;
    const governments = await this.governmentsOfDecision(decisionId);
    // The register's entries for these experts, in the order entered; the rule (shared with the offline verifier) decides.
    const entered = (await this.disqualificationsOf(ids)).map(({ registeredAt: _, ...d }) => d);
    await this.assertNeutral(decisionId, experts, at);
    await this.assertNamedAsRegistered(experts);
    if (panelDisqualification(experts, entered, governments, at.getTime())) {
      // Refused: said again with the governments' names, looked up only now.
      const names = new Map((await this.prisma.organisation.findMany({ where: { id: { in: [...new Set(entered.map((d) => d.governmentId))] } }, select: { id: true, name: true } })).map((o) => [o.id, o.name]));
      throw new ProcedureRefusedError(panelDisqualification(experts, entered, governments, at.getTime(), (id) => names.get(id))!);
    }
    // Where the decision's profile asks for it (not the decree's baseline): the experts come from a pool it may use (Art. 21).
    if (!profile?.expertsFromPool?.value) return;
    const outside = panelOutsidePool(profile, experts, await this.poolEntriesOf({ expertId: { in: ids } }), entered, governments, at.getTime());
    if (outside) throw new ProcedureRefusedError(outside);
  }

  /**
   * Art. 41: an expert disqualified, at `at`, for the pool of the decision's government or one above it after the panel
   * was named gives no further opinion and signs no minutes of the expert meeting (the panel's check saw the register as
   * it was then). `experts`: each with the field that names it.
   */
  async assertStillEligible(decisionId: string, experts: readonly { id: string; field: string }[], at = new Date()): Promise<void> {
    if (!experts.length) return;
    const entered = (await this.disqualificationsOf(experts.map((e) => e.id))).map(({ registeredAt: _, ...d }) => d);
    if (!entered.length) return;
    const governments = await this.governmentsOfDecision(decisionId);
    const refused = experts.find((e) => opinionDisqualification(e, entered, governments, at.getTime()));
    if (!refused) return;
    const names = new Map((await this.prisma.organisation.findMany({ where: { id: { in: [...new Set(entered.map((d) => d.governmentId))] } }, select: { id: true, name: true } })).map((o) => [o.id, o.name]));
    throw new ProcedureRefusedError(opinionDisqualification(refused, entered, governments, at.getTime(), (id) => names.get(id), refused.field)!);
  }

  /**
   * Arts. 19 para. 2, 20: no one who takes the decision through its procedure (drafts it, reviews its legality or advises
   * on it, decides or minutes it) argues it as an expert, nor one of those units as an expert institution: checked when
   * the panel is named and again when an expert's opinion comes (an appointment may have come in between). `experts`
   * as the payload names them ({id, name}); the rules cannot look appointments up.
   */
  async assertNeutral(decisionId: string, experts: readonly unknown[], at = new Date(), field: 'experts' | 'actor' = 'experts'): Promise<void> {
    const ids = experts.map((e) => (e as { id?: unknown } | null)?.id).filter((id): id is string => typeof id === 'string');
    if (!ids.length) return;
    const inOffice = await this.scopes.actingOffice(decisionId, ids, at, NOT_NEUTRAL_ROLES, true);
    if (!inOffice) return;
    const index = experts.findIndex((e) => (e as { id?: unknown } | null)?.id === inOffice.id);
    const named = (experts[index] as { name?: unknown } | null)?.name;
    throw new ProcedureRefusedError(panelMemberInOffice(field === 'actor' ? 'actor.id' : `experts.${index}.id`, { id: inOffice.id, name: typeof named === 'string' ? named : undefined }, inOffice));
  }

  /**
   * Art. 21: an expert entered into the decision-consulting expert pool of a government, on the signature of a
   * registrar of that government over exactly the record; never altered.
   */
  async enter(dto: EnterExpertPoolDto) {
    const government = await this.government(dto.governmentId, 'unprocessable');
    const validFrom = new Date(dto.validFrom);
    const validTo = dto.validTo ? new Date(dto.validTo) : null;
    if (validTo && validTo <= validFrom) throw unprocessable('validTo：终止时间必须晚于起始时间', 'validTo must be after validFrom');
    const record = { id: dto.id, expertId: dto.expertId, expertName: dto.expertName, governmentId: dto.governmentId, fields: dto.fields, institution: dto.institution ?? null, validFrom, validTo };
    const registrar = await this.registrars.endorsed(
      dto.endorsement,
      expertPoolEntryMessage(record),
      { zh: `专家${dto.expertName}（${dto.expertId}）入选${government.name}决策咨询论证专家库`, en: `the entry of expert ${dto.expertId} into the expert pool of ${dto.governmentId}` },
      government,
    );
    await this.assertOneName(dto.expertId, dto.expertName, dto.id);
    const count = await this.prisma.$transaction(async (tx) => {
      await assertNoPersonCaseTwin(tx, dto.expertId, 'expertId');
      return (await tx.expertPoolEntry.createMany({ data: [{ ...record, endorsedBy: registrar.keyId, endorsement: dto.endorsement.value }], skipDuplicates: true })).count;
    });
    const stored = await this.prisma.expertPoolEntry.findUniqueOrThrow({ where: { id: dto.id } });
    // The same entry sent again is answered as the first time.
    if (!count && canonicalize(entryRecordOf(stored)) !== canonicalize(entryRecordOf(record))) {
      throw new ConflictException({ statusCode: 409, error: 'Conflict', message: `编号 ${dto.id} 已用于另一专家库记录（id ${dto.id} is already used for another pool entry）` });
    }
    return stored;
  }

  /**
   * One expert, one name: panels, pools and disqualifications name the expert by id and name, and a refusal under
   * Art. 41 quotes the name entered; the same id entered under another name while a record under the first is in
   * force (a pool entry not ended, a disqualification not expired) is refused, naming that record.
   */
  private async assertOneName(expertId: string, expertName: string, exceptId: string): Promise<void> {
    const now = new Date();
    const inForce = { expertId, expertName: { not: expertName }, id: { not: exceptId }, OR: [{ validTo: null }, { validTo: { gt: now } }] };
    const [entry, disqualification] = await Promise.all([
      this.prisma.expertPoolEntry.findFirst({ where: { ...inForce, NOT: { end: { endedAt: { lte: now } } } }, select: { id: true, expertName: true } }),
      this.prisma.expertDisqualification.findFirst({ where: inForce, select: { id: true, expertName: true } }),
    ]);
    const other = entry ?? disqualification;
    if (!other) return;
    throw new ConflictException({
      statusCode: 409,
      error: 'Conflict',
      message: `专家 ${expertId} 在记录 ${other.id} 中的姓名是${other.expertName}，本记录写的是${expertName}；同一专家应以同一姓名登记（expert ${expertId} is ${other.expertName} in record ${other.id}, not ${expertName}: one expert is entered under one name）`,
    });
  }

  /**
   * Art. 21 (退出机制): the expert leaves the pool from a moment on, signed by a registrar of the pool's government. An
   * end takes effect from now on, never backdated (a panel chosen from the pool before stands); one end per entry.
   */
  async endEntry(id: string, dto: EndExpertPoolEntryDto) {
    const entry = await this.prisma.expertPoolEntry.findUnique({ where: { id }, include: { end: true } });
    if (!entry) throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `没有编号为 ${id} 的专家库记录（no expert pool entry ${id}）` });
    const endedAt = new Date(dto.endedAt);
    const end = { entryId: id, endedAt, reason: dto.reason };
    if (entry.end) {
      // The same end sent again gets the same answer; another is refused.
      if (canonicalize(endRecordOf(entry.end)) === canonicalize(endRecordOf(end))) return { ...entry, end: entry.end };
      throw new ConflictException({ statusCode: 409, error: 'Conflict', message: `专家库记录 ${id} 已于 ${entry.end.endedAt.toISOString()} 退出（pool entry ${id} ended on ${entry.end.endedAt.toISOString()}）` });
    }
    // A minute's grace for the time the signed end took to arrive.
    if (endedAt.getTime() < Date.now() - 60_000) {
      throw badRequest('endedAt：退出不得追溯到已经过去的时间，请以当前或者以后的时间重新签署', 'a pool membership cannot be ended in the past: panels already chosen from it stand; sign an end from now or later');
    }
    const government = await this.government(entry.governmentId, 'unprocessable');
    const registrar = await this.registrars.endorsed(
      dto.endorsement,
      expertPoolEndMessage(end),
      { zh: `专家${entry.expertName}（${entry.expertId}）退出${government.name}决策咨询论证专家库`, en: `the end of pool entry ${id}` },
      government,
    );
    const { count } = await this.prisma.expertPoolEnd.createMany({ data: [{ ...end, endorsedBy: registrar.keyId, endorsement: dto.endorsement.value }], skipDuplicates: true });
    const stored = await this.prisma.expertPoolEntry.findUniqueOrThrow({ where: { id }, include: { end: true } });
    if (!count && canonicalize(endRecordOf(stored.end!)) !== canonicalize(endRecordOf(end))) {
      throw new ConflictException({ statusCode: 409, error: 'Conflict', message: `专家库记录 ${id} 已退出（pool entry ${id} has already ended）` });
    }
    return stored;
  }

  /**
   * A government's pool and the pools above it, which its decisions may use (Art. 21 para. 3), each entry with where it
   * stands now: in force, not yet, expired, ended, or taken out by a disqualification under Art. 41 of its pool's
   * government or one above it. Read by those who hold an office in one of these governments (their officials and
   * inspectors, and the inspectors above them); anyone else is refused (403).
   */
  async pool(governmentId: unknown, personId: string, at = new Date()) {
    if (typeof governmentId !== 'string' || !ORGANISATION_ID_PATTERN.test(governmentId)) {
      throw badRequest('governmentId：必须是人民政府的机构编号', 'governmentId must be the organisation id of a government');
    }
    const government = await this.government(governmentId, 'not-found');
    const path = await this.governmentsOf(governmentId);
    if (!(await this.holdsOfficeIn(personId, path, at))) {
      throw new ForbiddenException({
        statusCode: 403,
        error: 'Forbidden',
        message: `${government.name}可以使用的专家库只向该政府及其上级政府的工作人员和监督人员公开（the expert pools ${governmentId} may use are shown to officials and inspectors of it and of the governments above it）`,
      });
    }
    const entries = await this.poolEntriesOf({ governmentId: { in: path } });
    const disqualifications = (await this.disqualificationsOf([...new Set(entries.map((e) => e.expertId))])).map(({ registeredAt: _, ...d }) => d);
    const names = new Map((await this.prisma.organisation.findMany({ where: { id: { in: path } }, select: { id: true, name: true } })).map((o) => [o.id, o.name]));
    const rank = (e: { governmentId: string }) => path.indexOf(e.governmentId);
    return {
      governmentId,
      at: at.toISOString(),
      pools: path.map((id) => ({ governmentId: id, name: names.get(id) ?? id })),
      entries: entries
        .sort((a, b) => rank(a) - rank(b))
        .map((e) => ({ ...e, standing: poolStanding(e, disqualifications, path, at.getTime()), disqualificationId: poolDisqualification(e, disqualifications, path, at.getTime())?.id ?? null })),
    };
  }

  /**
   * The experts the decision's panels name, each with whether they are now in force in a pool the decision may use
   * (Art. 21 para. 3), and whether its profile asks it of them (`expertsFromPool`).
   */
  async panel(decisionId: string, at = new Date()) {
    const steps = await this.prisma.decisionStep.findMany({ where: { decisionId, OR: [{ seq: 0 }, { action: 'appointExpertPanel' }] }, select: { seq: true, payload: true, entry: true }, orderBy: { seq: 'asc' } });
    let profile: ProcedureProfile | undefined;
    try {
      profile = (JSON.parse(steps.find((x) => x.seq === 0)?.entry ?? '{}') as { profile?: ProcedureProfile }).profile;
    } catch {
      profile = undefined;
    }
    const named = new Map<string, { id: string; name: string; institution: boolean }>();
    for (const s of steps.filter((x) => x.seq !== 0)) {
      const experts = (s.payload as { experts?: unknown } | null)?.experts;
      for (const e of Array.isArray(experts) ? experts : []) {
        const x = (e ?? {}) as { id?: unknown; name?: unknown; institution?: unknown };
        if (typeof x.id === 'string') named.set(x.id, { id: x.id, name: typeof x.name === 'string' ? x.name : x.id, institution: x.institution === true });
      }
    }
    const governments = await this.governmentsOfDecision(decisionId);
    const ids = [...named.keys()];
    const entries = ids.length ? await this.poolEntriesOf({ expertId: { in: ids } }) : [];
    const disqualifications = ids.length ? (await this.disqualificationsOf(ids)).map(({ registeredAt: _, ...d }) => d) : [];
    return {
      at: at.toISOString(),
      fromPoolRequired: !!profile?.expertsFromPool?.value,
      governments: governments ?? null,
      experts: [...named.values()].map((e) => {
        const usable = inUsablePool(e.id, entries, disqualifications, governments, at.getTime());
        return { ...e, inUsablePool: usable.length > 0, entries: entries.filter((x) => x.expertId === e.id && usableEntry(x, governments)).map((x) => ({ id: x.id, governmentId: x.governmentId, standing: poolStanding(x, disqualifications, governments, at.getTime()) })) };
      }),
    };
  }

  /** The governments whose pools a decision of this government may use: it and those above it, itself first. */
  private async governmentsOf(governmentId: string): Promise<string[]> {
    return ((await this.authority.pathOf(governmentId)) ?? []).filter((o) => o.kind === 'government').map((o) => o.id);
  }

  /** The decision's government and those above it; undefined for a decision registered before offices were checked. */
  /**
   * Art. 20 (中立性): no expert of the unit that drafts the decision, as the panel names the expert's organisation: the
   * department that undertakes it (the unit, or the department an office undertaking it is part of), or any office or
   * body registered under that department, by id or registered name, the name found within what is typed
   * (深圳市交通运输局（政策法规处）), or by the department's name as said within its government (市交通运输局,
   * 交通运输局) (statute testers: an expert of 深圳市交通运输局, then of its 政策法规处, argued the bureau's draft).
   * Officials appointed there are refused by their office (assertNeutral); this catches the expert entered by name alone.
   */
  private async assertNotOfUndertakingUnit(decisionId: string, experts: readonly unknown[]): Promise<void> {
    const decision = await this.prisma.decision.findUnique({ where: { id: decisionId }, select: { undertakingDepartment: true } });
    const path = decision && (await this.authority.pathOf(decision.undertakingDepartment));
    if (!path) return;
    const atGovernment = path.findIndex((p) => p.kind === 'government');
    const department = path[Math.max(0, atGovernment - 1)];
    // Where the government's place name begins their names, the department and its offices as its officials say them.
    const government = atGovernment >= 0 ? path[atGovernment].name : '';
    const bodies = await this.prisma.$queryRaw<{ id: string; name: string }[]>`
      WITH RECURSIVE under(id) AS (SELECT ${department.id}::text UNION SELECT o.id FROM organisations o JOIN under u ON o.parent_id = u.id)
      SELECT o.id, o.name FROM organisations o JOIN under USING (id)`;
    // Its offices first, each named as its own where the text gives it (杭州市交通运输局政策法规处 holds the bureau's name).
    const unit = [...bodies.filter((b) => b.id !== department.id).map((b) => ({ ...b, aliases: localNames(b.name, government) })), { ...department, prefixes: localNames(department.name, government) }];
    experts.forEach((e, i) => {
      const organisation = (e as { organisation?: unknown } | null)?.organisation;
      const body = typeof organisation === 'string' ? unit.find((b) => namesBody(organisation, b)) : undefined;
      if (!body) return;
      const within = body.id === department.id ? '' : `（${department.name}所属）`;
      throw new ProcedureRefusedError(
        refusal(RefusalCode.InvalidPayload, {
          zh: `experts.${i}.organisation：专家所在单位“${organisation as string}”是本决策的承办单位${body.name}${within}，其人员论证本单位起草的决策草案，不符合选择专家的中立性要求；请另选专家`,
          en: `experts.${i}.organisation: the expert's organisation, "${organisation as string}", is ${body.name}${body.id === department.id ? '' : `, part of ${department.name},`} the undertaking unit that drafted the decision: not a neutral expert; choose another`,
        }, art(20)),
      );
    });
  }

  private async governmentsOfDecision(decisionId: string): Promise<string[] | undefined> {
    const decision = await this.prisma.decision.findUnique({ where: { id: decisionId }, select: { governmentId: true } });
    return decision?.governmentId ? this.governmentsOf(decision.governmentId) : undefined;
  }

  /** A registered government, or the refusal: 422 for a record naming it, 404 for a read. */
  private async government(id: string, otherwise: 'unprocessable' | 'not-found') {
    const path = await this.authority.pathOf(id);
    if (path && path[0].kind === 'government') return { id: path[0].id, name: path[0].name };
    if (otherwise === 'not-found') throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `没有编号为 ${id} 的人民政府（no government ${id}）` });
    throw unprocessable(`governmentId：${id} 不是已登记的人民政府`, `governmentId: ${id} is not a registered government`);
  }

  /** Whether the person holds, standing at `at`, an office whose government is one of `governments`. */
  private async holdsOfficeIn(personId: string, governments: readonly string[], at: Date): Promise<boolean> {
    const appointments = await this.prisma.appointment.findMany({ where: { personId, ...standingAt(at) }, select: { organisationId: true } });
    for (const a of appointments) {
      const path = await this.authority.pathOf(a.organisationId);
      const government = path && governmentOf(path)?.id;
      if (government && governments.includes(government)) return true;
    }
    return false;
  }

  private disqualificationsOf(expertIds: string[]) {
    return this.prisma.expertDisqualification.findMany({ where: { expertId: { in: expertIds } }, orderBy: [{ registeredAt: 'asc' }, { id: 'asc' }] });
  }

  /** Pool entries with their ends, as the rules read them (`endedAt`), in the order entered. */
  private async poolEntriesOf(where: { expertId?: { in: string[] }; governmentId?: { in: string[] } }) {
    const rows = await this.prisma.expertPoolEntry.findMany({ where, include: { end: true }, orderBy: [{ registeredAt: 'asc' }, { id: 'asc' }] });
    return rows.map(({ end, ...e }) => ({ ...e, endedAt: end?.endedAt ?? null, endReason: end?.reason ?? null, endRegisteredAt: end?.registeredAt ?? null }) satisfies ExpertPoolEntryFacts & Record<string, unknown>);
  }
}

function entryRecordOf(e: { id: string; expertId: string; expertName: string; governmentId: string; fields: readonly string[]; institution: string | null; validFrom: Date; validTo: Date | null }) {
  return { id: e.id, expertId: e.expertId, expertName: e.expertName, governmentId: e.governmentId, fields: [...e.fields], institution: e.institution, validFrom: e.validFrom.toISOString(), validTo: e.validTo?.toISOString() ?? null };
}

function endRecordOf(e: { entryId: string; endedAt: Date; reason: string }) {
  return { entryId: e.entryId, endedAt: e.endedAt.toISOString(), reason: e.reason };
}

const badRequest = (zh: string, en: string) => new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [`${zh}（${en}）`] });

function recordOf(d: { id: string; expertId: string; expertName: string; governmentId: string; reason: string; basisHash: string | null; validFrom: Date; validTo: Date | null }) {
  return { id: d.id, expertId: d.expertId, expertName: d.expertName, governmentId: d.governmentId, reason: d.reason, basisHash: d.basisHash, validFrom: d.validFrom.toISOString(), validTo: d.validTo?.toISOString() ?? null };
}

const unprocessable = (zh: string, en: string) => new UnprocessableEntityException({ statusCode: 422, error: 'Unprocessable Entity', message: `${zh}（${en}）` });
