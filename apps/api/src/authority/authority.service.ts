import { BadRequestException, ConflictException, ForbiddenException, Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { hotQuery, Prisma, type PrismaClient } from '../../../../libs/db/prisma';
import {
  art,
  checkDecidingOrgan,
  creditCodeAreaProblem,
  GOVERNMENT_LEVELS,
  governmentOf,
  noOffice,
  officeBasis,
  OrganisationKind,
  PER_DECISION_ROLES,
  refusal,
  RefusalCode,
  registeringGovernment,
  undertakingUnitProblem,
  Role,
  type Actor,
  type DecisionAuthority,
  type GovernmentFacts,
  type OfficeHeld,
  type Organisation,
  type PathStep,
} from '../../../../libs/domain';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { appointmentEndMessage, appointmentEndorsementMessage, organisationEndorsementMessage } from '../../../../libs/record/endorsement';
import { canonicalize } from '../../../../libs/record/jcs';
import { appointmentEndEventBody, appointmentEventBody, organisationEventBody } from '../../../../libs/record/authority-log';
import { appendAuthorityEvent } from '../../../../libs/record/authority-log-store';
import { LOG_APPEND_LOCK } from '../../../../libs/record/log-store';
import { appointmentInfo, organisationInfo } from '../../../../libs/record/export';
import { ProcedureRefusedError } from '../errors';
import type { AppointDto, EndAppointmentDto, RegisterOrganisationDto } from './dto/authority.dto';
import type { AppointmentQueryDto, OrganisationQueryDto } from './dto/lists.dto';
import { DEFAULT_PAGE, pageOf } from '../edge/paging';
import { RegistrarsService } from './registrars.service';
import { isoInstant } from '../decisions/presenters';

/** Kinds an organisation of each kind may belong to. */
const PARENT_KINDS: Record<Organisation['kind'], readonly Organisation['kind'][]> = {
  government: ['government'],
  // A department's 办公室 and its 法制机构 may be registered as such under it: they act for the department where it is
  // the deciding organ of its own matter (Art. 42), as the general office and the legality review body do for a government.
  general_office: ['government', 'department', 'legality_review_body'],
  department: ['government'],
  legality_review_body: ['government', 'department'],
  outside_body: ['government'],
  office: ['department', 'legality_review_body', 'general_office', 'office'],
};

/** The bound on a hierarchy's depth: a walk up never takes longer. */
const MAX_DEPTH = 16;
/** Organisations whose path is kept in memory (a province's offices number in the tens of thousands). */
const PATHS_KEPT = 50_000;

/** What the checks read of a standing appointment. */
export interface StandingAppointment {
  id: string;
  personName: string;
  role: string;
  organisationId: string;
  validFrom: Date;
  validTo: Date;
  endedAt: Date | null;
}

/** Organisations and appointments: who holds which office, and the office a signer relies on for a step. */
@Injectable()
export class AuthorityService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly registrars: RegistrarsService,
  ) {}

  /**
   * Paths found, by organisation id. The API's role may only insert organisations, never change one (migration
   * 20261125150000), and a parent is registered before its children: a path once found stays true, in every API
   * process. Only found paths are kept; an id not registered yet is asked again.
   */
  private readonly paths = new Map<string, readonly PathStep[]>();
  /** Standing appointments being read, by person: the checks of a step that ask at once share one query. */
  private readonly standingAsked = new Map<string, Promise<StandingAppointment[]>>();

  async registerOrganisation(dto: RegisterOrganisationDto) {
    const bad = (zh: string, en: string): never => {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [`${zh}（${en}）`] });
    };
    const isGovernment = dto.kind === OrganisationKind.Government;
    if (isGovernment !== (dto.level !== undefined)) bad('level：政府必须载明层级，其他机构不得载明', 'level: a government states its level, no other organisation does');
    if (!dto.parentId && !isGovernment) bad('parentId：除最上级政府外，机构都必须载明所属机构', 'parentId: every organisation but a government at the top belongs to another');
    const parentPath = dto.parentId ? await this.pathOf(dto.parentId) : [];
    if (!parentPath) throw unprocessable(`所属机构 ${dto.parentId} 尚未登记`, `the parent organisation ${dto.parentId} is not registered`);
    if (parentPath.length && !PARENT_KINDS[dto.kind].includes(parentPath[0].kind)) {
      bad(`parentId：${dto.kind} 类机构不能隶属于 ${parentPath[0].kind} 类机构`, `parentId: an organisation of kind ${dto.kind} cannot belong to one of kind ${parentPath[0].kind}`);
    }
    // The justice bureau, a department of its government, has its 办公室 as any department (Art. 42); a department's own
    // 法制机构 has none.
    if (dto.kind === OrganisationKind.GeneralOffice && parentPath[0]?.kind === OrganisationKind.LegalityReviewBody && parentPath[1]?.kind !== OrganisationKind.Government) {
      bad(`parentId：办公厅（室）可以隶属于政府、政府部门或者本级政府的司法行政部门，不能隶属于部门的法制机构 ${dto.parentId}`, `parentId: a general office belongs to a government, a department or the government's legality review body, not to a department's legal office ${dto.parentId}`);
    }
    if (isGovernment && dto.parentId) {
      // A government lies below the one it belongs to: a province under the state, a city under a province, and so on.
      const parent = await this.prisma.organisation.findUnique({ where: { id: dto.parentId }, select: { level: true } });
      const rank = (l: string | null | undefined) => GOVERNMENT_LEVELS.indexOf(l as (typeof GOVERNMENT_LEVELS)[number]);
      if (rank(dto.level) <= rank(parent?.level)) bad(`level：${dto.level} 级政府不能隶属于 ${parent?.level} 级政府`, `level: a ${dto.level} government cannot belong to a ${parent?.level} government`);
    }
    // A code names one organisation: a second organisation under it would share its area and its identity.
    if (dto.creditCode) {
      const holder = await this.prisma.organisation.findFirst({ where: { creditCode: dto.creditCode, id: { not: dto.id } }, select: { id: true, name: true } });
      if (holder) throw conflict(`creditCode：统一社会信用代码 ${dto.creditCode} 已登记为${holder.name}（${holder.id}）的代码，一个代码只对应一个机构`, `creditCode: ${dto.creditCode} is already registered for ${holder.id}; a code names one organisation`);
    }
    // A government's or an organ's code lies in the area of the nearest code above it; an outside body's is its own affair.
    if (dto.creditCode && dto.kind !== OrganisationKind.OutsideBody && parentPath.length) {
      const coded = await this.prisma.organisation.findMany({ where: { id: { in: parentPath.map((p) => p.id) }, creditCode: { not: null } }, select: { id: true, name: true, creditCode: true } });
      const nearest = parentPath.map((p) => coded.find((c) => c.id === p.id)).find((c) => c !== undefined);
      const elsewhere = creditCodeAreaProblem(dto.creditCode, nearest);
      if (elsewhere) bad(`creditCode：${elsewhere.zh}`, `creditCode: ${elsewhere.en}`);
    }
    const record = { id: dto.id, name: dto.name, kind: dto.kind, parentId: dto.parentId ?? null, level: dto.level ?? null, creditCode: dto.creditCode ?? null };
    const path: PathStep[] = [{ id: dto.id, name: dto.name, kind: dto.kind }, ...parentPath];
    const government = registeringGovernment(path)!;
    const registrar = await this.registrars.endorsed(dto.endorsement, organisationEndorsementMessage(record), { zh: `机构 ${dto.id} 的登记`, en: `the registration of organisation ${dto.id}` }, government);
    // The registration and its event in the global log commit together.
    const { count, stored } = await this.prisma.$transaction(async (tx) => {
      await this.noCaseTwin(tx, dto.id);
      if (dto.kind === OrganisationKind.LegalityReviewBody) await this.onlyReviewBody(tx, dto.id, dto.parentId!);
      const { count } = await tx.organisation.createMany({ data: [{ ...record, endorsedBy: registrar.keyId, endorsement: dto.endorsement.value }], skipDuplicates: true });
      const stored = await tx.organisation.findUniqueOrThrow({ where: { id: dto.id } });
      if (count) await appendAuthorityEvent(tx, { kind: 'organisation', subjectId: stored.id, body: organisationEventBody(organisationInfo(stored)) });
      return { count, stored };
    });
    // The same registration sent again is answered as the first time.
    if (!count && canonicalize(organisationRecord(stored)) !== canonicalize(record)) throw conflict(`机构编号 ${dto.id} 已登记为另一机构`, `organisation id ${dto.id} is already registered for another organisation`);
    return stored;
  }

  /**
   * Ids differing only in case name one organisation to a reader (hz-gjjt, HZ-GJJT): a second one so named would be taken
   * for the first in the record and in the offices' lists (fresh-eyes tester). Two sent at once are taken in turn.
   */
  private async noCaseTwin(tx: Prisma.TransactionClient, id: string): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`organisation-id:${id.toLowerCase()}`}))`;
    const [twin] = await tx.$queryRaw<{ id: string; name: string }[]>`SELECT id, name FROM organisations WHERE lower(id) = lower(${id}) AND id <> ${id} LIMIT 1`;
    if (twin) {
      throw conflict(
        `id：机构编号 ${id} 与已登记的${twin.name}（${twin.id}）只有大小写不同，容易混同；请另取编号`,
        `id: ${id} differs only in case from ${twin.id}, already registered; choose another id`,
      );
    }
  }

  /**
   * A government, or a department, has one legality review body (Arts. 25, 42): a second one registered under it left no
   * one to review its decisions, and every registration in it was refused, with no way back through the API (fresh-eyes
   * tester). Refused here instead, naming the one it has; two sent at once are taken one after the other.
   */
  private async onlyReviewBody(tx: Prisma.TransactionClient, id: string, parentId: string): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`legality-review-body:${parentId}`}))`;
    const other = await tx.organisation.findFirst({ where: { parentId, kind: OrganisationKind.LegalityReviewBody, id: { not: id } }, select: { id: true, name: true } });
    if (other) {
      throw conflict(
        `kind：${parentId} 已登记合法性审查机构${other.name}（${other.id}），一级政府或者一个部门只有一个合法性审查机构（第二十五条、第四十二条）；机构更名或者改设的，请联系系统运维人员`,
        `kind: ${parentId} already has its legality review body, ${other.id}; a government or a department has one (Arts. 25, 42)`,
      );
    }
  }

  async appoint(dto: AppointDto) {
    const validFrom = new Date(dto.validFrom);
    const validTo = new Date(dto.validTo);
    if (validTo <= validFrom) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['validTo：任期终止时间必须晚于起始时间（validTo must be after validFrom）'] });
    const path = await this.pathOf(dto.organisationId);
    if (!path) throw unprocessable(`机构 ${dto.organisationId} 尚未登记`, `organisation ${dto.organisationId} is not registered`);
    const government = governmentOf(path)!;
    const registrar = await this.registrars.endorsed(
      dto.endorsement,
      appointmentEndorsementMessage({ ...dto, validFrom, validTo }),
      { zh: `${dto.personName}在${path[0].name}担任 ${dto.role} 的任职`, en: `the appointment of ${dto.personId} as ${dto.role} in ${dto.organisationId}` },
      government,
    );
    const data = { id: dto.id, personId: dto.personId, personName: dto.personName, role: dto.role, organisationId: dto.organisationId, validFrom, validTo };
    const { count, stored } = await this.prisma.$transaction(async (tx) => {
      await assertNoPersonCaseTwin(tx, dto.personId, 'personId');
      // One person, one name: a step is signed under the name appointed (officeFor), so one id held under two names at
      // once would leave the record unclear about who signed. A new name comes after the old appointments end. Asked
      // under the person's lock (attacker: three appointments under three names, sent at once, were all taken).
      const now = new Date();
      const otherName = await tx.appointment.findFirst({
        where: { personId: dto.personId, personName: { not: dto.personName }, id: { not: dto.id }, validTo: { gt: now }, OR: [{ endedAt: null }, { endedAt: { gt: now } }] },
        select: { id: true, personName: true },
      });
      if (otherName) {
        throw conflict(
          `人员 ${dto.personId} 以姓名${otherName.personName}担任任职 ${otherName.id}，本任职写的是${dto.personName}；同一人员应以同一姓名任职，姓名变更的，先终止原任职`,
          `person ${dto.personId} holds appointment ${otherName.id} under the name ${otherName.personName}, not ${dto.personName}: one person is appointed under one name; end the old appointments first when the name changes`,
        );
      }
      const { count } = await tx.appointment.createMany({ data: [{ ...data, endorsedBy: registrar.keyId, endorsement: dto.endorsement.value }], skipDuplicates: true });
      const stored = await tx.appointment.findUniqueOrThrow({ where: { id: dto.id } });
      if (count) await appendAuthorityEvent(tx, { kind: 'appointment', subjectId: stored.id, body: appointmentEventBody(appointmentInfo(stored)) });
      return { count, stored };
    });
    const same = canonicalize({ ...data, validFrom: validFrom.toISOString(), validTo: validTo.toISOString() }) === canonicalize(appointmentRecord(stored));
    if (!count && !same) throw conflict(`任职编号 ${dto.id} 已用于另一任职`, `appointment id ${dto.id} is already used for another appointment`);
    return stored;
  }

  async endAppointment(id: string, dto: EndAppointmentDto) {
    const appointment = await this.prisma.appointment.findUnique({ where: { id } });
    if (!appointment) throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `没有编号为 ${id} 的任职（no appointment ${id}）` });
    if (appointment.endedAt) {
      // An end signed for a later time has not taken effect yet: said so, not as an end past (fresh-eyes tester).
      const at = isoInstant(appointment.endedAt.getTime());
      if (appointment.endedAt.getTime() > Date.now()) {
        throw conflict(`任职 ${id} 已签署于 ${at} 终止，尚未生效，在此之前仍然在任；已签署的终止不能更改或者提前`, `appointment ${id} is signed to end at ${at}, not yet in effect: the office stands until then; a signed end is not changed or brought forward`);
      }
      throw conflict(`任职 ${id} 已于 ${at} 终止`, `appointment ${id} ended at ${at}`);
    }
    const endedAt = new Date(dto.endedAt);
    // Steps already taken in the office stand: an end takes effect from now on, never before.
    // A minute's grace for the time the signed end took to arrive.
    if (endedAt.getTime() < Date.now() - 60_000) {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [`endedAt：免职不得追溯到已经过去的时间，请以当前或者以后的时间重新签署（an appointment cannot be ended in the past: steps already taken in the office stand; sign an end from now or later）`] });
    }
    const path = (await this.pathOf(appointment.organisationId))!;
    const government = governmentOf(path)!;
    const registrar = await this.registrars.endorsed(dto.endorsement, appointmentEndMessage({ appointmentId: id, endedAt, reason: dto.reason }), { zh: `任职 ${id} 的终止`, en: `the end of appointment ${id}` }, government);
    // Only an appointment not yet ended is ended: two ends sent at once cannot both land.
    const ended = await this.prisma.$transaction(async (tx) => {
      // Nor before a step already taken in the office (the minute's grace would let it): under the log's lock, so no
      // step is appended meanwhile.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOG_APPEND_LOCK})`;
      const [{ last }] = await tx.$queryRaw<{ last: Date | null }[]>(lastStepInOffice(appointment));
      if (last && endedAt.getTime() <= last.getTime()) {
        throw new BadRequestException({
          statusCode: 400,
          error: 'Bad Request',
          message: [`endedAt：此任职已于 ${last.toISOString()} 办理步骤，免职时间不得早于该时间，请以之后的时间重新签署（a step was taken in this office at ${last.toISOString()}; the end cannot come before it: sign an end after it）`],
        });
      }
      const { count } = await tx.appointment.updateMany({
        where: { id, endedAt: null },
        data: { endedAt, endReason: dto.reason, endEndorsedBy: registrar.keyId, endEndorsement: dto.endorsement.value },
      });
      if (!count) return undefined;
      const stored = await tx.appointment.findUniqueOrThrow({ where: { id } });
      await appendAuthorityEvent(tx, { kind: 'appointment-end', subjectId: id, body: appointmentEndEventBody(appointmentInfo(stored)) });
      return stored;
    });
    if (!ended) throw conflict(`任职 ${id} 已终止`, `appointment ${id} has already ended`);
    return ended;
  }

  /** A page of the organisations (OrganisationQueryDto) in the order of their ids: those named, one's children, or the roots. */
  async organisations(q: OrganisationQueryDto) {
    const limit = q.limit ?? DEFAULT_PAGE;
    const found = await this.prisma.organisation.findMany({
      where: { AND: [q.ids ? { id: { in: q.ids } } : {}, q.parentId ? { parentId: q.parentId } : {}, q.roots ? { parentId: null } : {}, q.after ? { id: { gt: q.after } } : {}] },
      orderBy: { id: 'asc' },
      take: limit + 1,
    });
    return pageOf(found, limit, (o) => o.id);
  }

  /** A page of the appointments (AppointmentQueryDto) in the order of their ids: one person's, one organisation's, or all. */
  async appointments(q: AppointmentQueryDto) {
    const limit = q.limit ?? DEFAULT_PAGE;
    const found = await this.prisma.appointment.findMany({
      where: { ...(q.personId ? { personId: q.personId } : {}), ...(q.organisationId ? { organisationId: q.organisationId } : {}), ...(q.after ? { id: { gt: q.after } } : {}) },
      orderBy: { id: 'asc' },
      take: limit + 1,
    });
    return pageOf(found, limit, (a) => a.id);
  }

  /** The organisation and every one above it, nearest first; undefined when it is not registered. */
  /**
   * The organisations the governments govern themselves: each government and all registered under it, down to (not
   * into) the governments under it, each with its parent. An office acts only for units of its own government
   * (officeMayActForUnit), so these are all the units a person's offices may act for (我的待办).
   */
  async governedBy(governments: readonly string[]): Promise<Organisation[]> {
    if (!governments.length) return [];
    return this.prisma.$queryRaw<Organisation[]>`
      WITH RECURSIVE governed AS (
        SELECT id, name, kind, parent_id FROM organisations WHERE id = ANY(${governments}::text[])
        UNION
        SELECT o.id, o.name, o.kind, o.parent_id FROM organisations o JOIN governed g ON o.parent_id = g.id WHERE o.kind <> 'government')
      SELECT id, name, kind, parent_id AS "parentId" FROM governed`;
  }

  async pathOf(id: string): Promise<PathStep[] | undefined> {
    // One statement for the whole walk (every step of every request asks it, often more than once): a query a level
    // made it the slowest of the checks before a step is sent. No registered id holds NUL (PostgreSQL's text cannot).
    if (id.includes('\u0000')) return undefined;
    const known = this.paths.get(id);
    if (known) return known as PathStep[];
    const rows = await this.prisma.$queryRaw<{ id: string; name: string; kind: string; parent_id: string | null }[]>`
      WITH RECURSIVE up AS (
        SELECT id, name, kind, parent_id, 1 AS depth FROM organisations WHERE id = ${id}
        UNION ALL
        SELECT o.id, o.name, o.kind, o.parent_id, up.depth + 1 FROM organisations o JOIN up ON o.id = up.parent_id WHERE up.depth < ${MAX_DEPTH})
      SELECT id, name, kind, parent_id FROM up ORDER BY depth`;
    const last = rows[rows.length - 1];
    // A parent named but not there (the walk stopped short of the bound): no path, as for an unknown organisation.
    if (!last || (last.parent_id !== null && rows.length < MAX_DEPTH)) return undefined;
    const path = Object.freeze(rows.map((o) => Object.freeze({ id: o.id, name: o.name, kind: o.kind as PathStep['kind'] })));
    if (this.paths.size >= PATHS_KEPT) this.paths.delete(this.paths.keys().next().value!);
    this.paths.set(id, path);
    return path as PathStep[];
  }

  /**
   * The person's appointments standing at `at`. Asked while the same person's are being read (the scope of a step and
   * the office it relies on are checked at once), the answer of that read: taken at its instant, microseconds before.
   */
  standingAppointments(personId: string, at = new Date()): Promise<StandingAppointment[]> {
    const asked = this.standingAsked.get(personId);
    if (asked) return asked;
    // On every sign-off: one statement straight to the pool (libs/db/prisma.ts, hotQuery); the conditions are standingAt's
    // (test/db/standing-appointments.spec.ts holds them to the same answers).
    const read = hotQuery<StandingAppointment>(
      this.prisma,
      `SELECT id, person_name AS "personName", role, organisation_id AS "organisationId", valid_from AS "validFrom", valid_to AS "validTo", ended_at AS "endedAt"
       FROM appointments WHERE person_id = $1 AND valid_from <= $2 AND valid_to > $2 AND (ended_at IS NULL OR ended_at > $2)`,
      [personId, at],
    ).finally(() => this.standingAsked.delete(personId));
    this.standingAsked.set(personId, read);
    return read;
  }

  /**
   * The office the actor relies on for a step now: a standing appointment of
   * this person to this role in this organisation. Experts act by the panel
   * that names them (none needed). Refused with the role's article otherwise.
   */
  async officeFor(actor: Actor, at = new Date()): Promise<OfficeHeld | undefined> {
    if (PER_DECISION_ROLES.includes(actor.role)) return undefined;
    const held = (await this.standingAppointments(actor.id, at)).filter((a) => a.role === actor.role && a.organisationId === actor.organisation);
    const appointment = held.sort((a, b) => b.validFrom.getTime() - a.validFrom.getTime())[0];
    const path = appointment && (await this.pathOf(appointment.organisationId));
    if (!appointment || !path) throw new ProcedureRefusedError(noOffice(actor, (await this.pathOf(actor.organisation))?.[0]?.name));
    // The record names the person as the registrar appointed them: a step signed under another name is not theirs to sign so.
    if (appointment.personName !== actor.name) {
      throw new ProcedureRefusedError(
        refusal(
          RefusalCode.NoOffice,
          { zh: `任职记录中 ${actor.id} 的姓名是${appointment.personName}，步骤载明的是${actor.name}；请按任职记录署名`, en: `the appointment names ${actor.id} ${appointment.personName}, the step says ${actor.name}; sign under the name appointed` },
          officeBasis(actor.role),
        ),
      );
    }
    // An appointment ended later still bounds the office's validity.
    const validTo = appointment.endedAt && appointment.endedAt < appointment.validTo ? appointment.endedAt : appointment.validTo;
    return { appointmentId: appointment.id, validFrom: appointment.validFrom.toISOString(), validTo: validTo.toISOString(), path };
  }

  /**
   * The catalog is published by the deciding organ (Art. 3): its chief executive, or its general office (办公厅（室）),
   * which publishes for it; a department's own catalog (Art. 42), by its head or its 办公室. Anyone else, however signed
   * in, is refused (403) with the article. Answers the organ whose catalog it is (kept as the item's government_id): the
   * one the publisher serves; one who serves several organs cannot say which (422).
   */
  async assertCatalogPublisher(personId: string | undefined, at = new Date()): Promise<string> {
    const offices = personId
      ? await this.prisma.appointment.findMany({
          where: { personId, ...standingAt(at) },
          select: { role: true, organisation: { select: { id: true, kind: true, parentId: true, parent: { select: { kind: true } } } } },
        })
      : [];
    const governments = new Set<string>();
    // The organs whose catalog the person publishes: a government's, by its chief executive or its general office; a
    // department's own (Art. 42 applies Art. 3 para. 3 to a department deciding its own matters), by its head or its 办公室.
    // The government's legality review body is one of its departments too (司法局), which may decide its own matters.
    const publishes = (kind: string | undefined, parentKind: string | undefined) =>
      kind === OrganisationKind.Government || kind === OrganisationKind.Department || (kind === OrganisationKind.LegalityReviewBody && parentKind === OrganisationKind.Government);
    for (const { role, organisation: o } of offices) {
      if (role === Role.ChiefExecutive && publishes(o.kind, o.parent?.kind)) governments.add(o.id);
      // The general office's own staff (its meeting secretaries), not every office held there: an outside legal adviser
      // appointed to it published the organ's catalog (retest).
      else if (role === Role.MeetingSecretary && o.kind === OrganisationKind.GeneralOffice && o.parentId && publishes(o.parent?.kind, OrganisationKind.Government)) governments.add(o.parentId);
    }
    // Art. 42 speaks of the departments of governments at county level or above: a township's department decides nothing
    // as an organ, so it has no catalog of its own.
    for (const id of [...governments]) {
      const o = await this.prisma.organisation.findUnique({ where: { id }, select: { kind: true, parent: { select: { level: true } } } });
      if (o?.kind !== OrganisationKind.Government && o?.parent?.level === 'township') governments.delete(id);
    }
    if (!governments.size) {
      // Named as the registers name them (fresh-eyes tester: "u-zhang此时没有这样的任职").
      const named = personId && (await this.prisma.appointment.findFirst({ where: { personId }, orderBy: { validFrom: 'desc' }, select: { personName: true } }))?.personName;
      throw new ForbiddenException({
        statusCode: 403,
        error: 'Forbidden',
        message: `决策事项目录由决策机关公布：应当由行政首长或者政府办公厅（室）的工作人员办理（部门决定本部门事项的，由部门负责人或者部门办公室办理），${personId ? (named ? `${named}（${personId}）` : personId) : '（未登录）'}此时没有这样的任职（《重大行政决策程序暂行条例》第三条、第四十二条）（the catalog is published by the deciding organ: its chief executive or its general office, or for a department deciding its own matters its head or its office; ${personId ?? 'no one'} holds no such office now (Decree No. 713, Arts. 3, 42)）`,
      });
    }
    if (governments.size > 1) {
      const list = [...governments].sort();
      // A refusal like a step's: its code and article, as the forms place them.
      throw new ProcedureRefusedError(
        refusal(
          RefusalCode.WrongOffice,
          {
            zh: `${personId}此时在多个决策机关（${list.join('、')}）任职，无法确定所公布的是哪一决策机关的决策事项目录；请由只在该决策机关任职的人员公布`,
            en: `${personId} serves several deciding organs now (${list.join(', ')}), so whose catalog this is cannot be told; have it published by one who serves that organ alone`,
          },
          art(3),
        ),
      );
    }
    return [...governments][0];
  }

  /** A government and every government above it, nearest first, with their 统一社会信用代码 (what checkProfileArea reads). */
  async governmentsFrom(governmentId: string): Promise<GovernmentFacts[]> {
    const found: GovernmentFacts[] = [];
    for (let at: string | null = governmentId; at !== null && found.length < MAX_DEPTH; ) {
      const o: { id: string; name: string; kind: string; parentId: string | null; creditCode: string | null } | null = await this.prisma.organisation.findUnique({
        where: { id: at },
        select: { id: true, name: true, kind: true, parentId: true, creditCode: true },
      });
      if (!o) break;
      if (o.kind === OrganisationKind.Government) found.push({ id: o.id, name: o.name, creditCode: o.creditCode });
      at = o.parentId;
    }
    return found;
  }

  /**
   * Whose decision a department's is: its government, which decides, and that government's legality review body
   * (Arts. 2, 11, 25). Or, where the registration names a department of that government as `decidingOrgan`, that
   * department deciding its own matter (Art. 42), its undertaking unit one of its internal offices (checkDecidingOrgan),
   * reviewed by its own 法制机构 where it has one registered, else by the government's (the decree is silent on which:
   * Art. 25 says only 负责合法性审查的部门).
   */
  async authorityFor(undertakingDepartment: string, decidingOrgan?: string): Promise<DecisionAuthority> {
    const path = await this.pathOf(undertakingDepartment);
    if (!path) {
      throw new ProcedureRefusedError(refusal(RefusalCode.WrongOffice, { zh: `决策承办单位 ${undertakingDepartment} 不是已登记的机构`, en: `the undertaking unit ${undertakingDepartment} is not a registered organisation` }, art(11)));
    }
    const ofGovernment = governmentOf(path);
    if (decidingOrgan !== undefined && ofGovernment && decidingOrgan !== ofGovernment.id) {
      const level = (await this.prisma.organisation.findUnique({ where: { id: ofGovernment.id }, select: { level: true } }))?.level;
      const wrongOrgan = checkDecidingOrgan(path, decidingOrgan, level);
      if (wrongOrgan) throw new ProcedureRefusedError(wrongOrgan);
      const own = await this.prisma.organisation.findMany({ where: { parentId: decidingOrgan, kind: OrganisationKind.LegalityReviewBody }, select: { id: true } });
      if (own.length > 1) {
        throw new ProcedureRefusedError(
          refusal(RefusalCode.PrerequisiteMissing, { zh: `${decidingOrgan}登记了不止一个法制机构，决策无法确定由谁审查`, en: `${decidingOrgan} has more than one registered legality review body, so no one could review the decision` }, art(25), art(42)),
        );
      }
      if (own.length === 1) return { government: ofGovernment.id, decidingOrgan, legalityReviewBody: own[0].id };
      const { legalityReviewBody } = await this.governmentReviewer(ofGovernment);
      return { government: ofGovernment.id, decidingOrgan, legalityReviewBody };
    }
    const wrongUnit = undertakingUnitProblem(path);
    if (wrongUnit) throw new ProcedureRefusedError(wrongUnit);
    const government = governmentOf(path)!;
    const { legalityReviewBody } = await this.governmentReviewer(government);
    return { government: government.id, decidingOrgan: government.id, legalityReviewBody };
  }

  /** The government's one legality review body (Art. 25); refused where it has none registered, or several. */
  private async governmentReviewer(government: PathStep): Promise<{ legalityReviewBody: string }> {
    const reviewers = await this.prisma.organisation.findMany({ where: { parentId: government.id, kind: OrganisationKind.LegalityReviewBody }, select: { id: true } });
    if (reviewers.length !== 1) {
      throw new ProcedureRefusedError(
        refusal(
          RefusalCode.PrerequisiteMissing,
          { zh: `${government.name}${reviewers.length ? '登记了不止一个' : '尚未登记'}合法性审查机构，决策无法确定由谁审查`, en: `${government.id} has ${reviewers.length ? 'more than one' : 'no'} registered legality review body, so no one could review the decision` },
          art(25),
        ),
      );
    }
    return { legalityReviewBody: reviewers[0].id };
  }
}

/**
 * The appointments that stand at an instant: begun, not expired, not ended (the database's form of standsAt). Said in SQL
 * too, by standingAppointments on the hot path; test/db/standing-appointments.spec.ts holds the two to the same answers.
 */
/**
 * When a step was last taken in an appointment's office. Asked under the log's lock, which holds up every append of
 * every decision meanwhile: so only the appointee's own steps are read (by actor_id's index; a step in an office is
 * signed by its appointee, which the offline verifier checks), not the whole record's text.
 */
export const lastStepInOffice = (appointment: { id: string; personId: string }): Prisma.Sql => Prisma.sql`
  SELECT max(at) AS last FROM decision_steps WHERE actor_id = ${appointment.personId} AND (entry::jsonb -> 'office' ->> 'appointmentId') = ${appointment.id}`;

export const standingAt = (at: Date) => ({ validFrom: { lte: at }, validTo: { gt: at }, OR: [{ endedAt: null }, { endedAt: { gt: at } }] });

function organisationRecord(o: { id: string; name: string; kind: string; parentId: string | null; level: string | null; creditCode: string | null }) {
  return { id: o.id, name: o.name, kind: o.kind, parentId: o.parentId, level: o.level, creditCode: o.creditCode };
}

function appointmentRecord(a: { id: string; personId: string; personName: string; role: string; organisationId: string; validFrom: Date; validTo: Date }) {
  return { id: a.id, personId: a.personId, personName: a.personName, role: a.role, organisationId: a.organisationId, validFrom: a.validFrom.toISOString(), validTo: a.validTo.toISOString() };
}

/**
 * Person ids differing only in case are one person to a reader, and to the lookups of meeting members and panels, which
 * fold case (fresh-eyes tester: U-ZHANG appointed beside u-zhang; M-LI entered in a pool, and a key enrolled for it,
 * beside m-li appointed). Refused wherever a registrar names a person (an appointment, a pool entry, a key); two sent at
 * once are taken in turn.
 */
export async function assertNoPersonCaseTwin(tx: Prisma.TransactionClient, personId: string, field: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`person-id:${personId.toLowerCase()}`}))`;
  const [twin] = await tx.$queryRaw<{ id: string; name: string }[]>`
    (SELECT person_id AS id, person_name AS name FROM appointments WHERE lower(person_id) = lower(${personId}) AND person_id <> ${personId} LIMIT 1)
    UNION ALL
    (SELECT expert_id AS id, expert_name AS name FROM expert_pool_entries WHERE lower(expert_id) = lower(${personId}) AND expert_id <> ${personId} LIMIT 1)
    UNION ALL
    (SELECT actor_id AS id, actor_id AS name FROM actor_keys WHERE lower(actor_id) = lower(${personId}) AND actor_id <> ${personId} LIMIT 1)
    LIMIT 1`;
  if (twin) {
    throw conflict(
      `${field}：人员编号 ${personId} 与已登记的${twin.name}（${twin.id}）只有大小写不同，容易混同；同一人员请用原编号，另一人员请另取编号`,
      `${field}: ${personId} differs only in case from ${twin.id}, already registered; use that id for the same person, another for another`,
    );
  }
}

const conflict = (zh: string, en: string) => new ConflictException({ statusCode: 409, error: 'Conflict', message: `${zh}（${en}）` });
const unprocessable = (zh: string, en: string) => new UnprocessableEntityException({ statusCode: 422, error: 'Unprocessable Entity', message: `${zh}（${en}）` });
