import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type PrismaClient } from '../../../../libs/db/prisma';
import { governmentOf, isWithin, MEETING_MEMBER, namedOrganisations, officeActsInDecision, OrganisationKind, Role, type DecisionAuthority, type MeetingMemberView, type PathStep } from '../../../../libs/domain';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { AuthorityService, standingAt } from './authority.service';

/**
 * Who sees which decisions (issue 9), from the person's standing appointments:
 * - an inspector: every decision of the government of their organisation and of every government under it;
 * - officers of a government's deciding organ, general office or legality review body, and its legal advisers
 *   and public lawyers: every decision of that government;
 * - staff of a department (or an office of it): the decisions the department, or an office of it, undertakes, and those
 *   the deciding organ gave it to share as a co-unit (decideToStart `coUnits`, Art. 11): read as the undertaking unit's;
 * - anyone: the decisions they acted on, whose expert panel names them, or whose steps named their organisation to act
 *   in it (the execution unit designated, the evaluator commissioned, the third party engaged).
 * Everyone else is answered as if the decision did not exist (404, never 403).
 */
export interface Scope {
  /** Governments all of whose decisions the person sees. */
  governments: string[];
  /** Undertaking units whose decisions the person sees. */
  units: string[];
  personId: string;
}

const GOVERNMENT_WIDE_ROLES: readonly string[] = [Role.ChiefExecutive, Role.MeetingSecretary, Role.LegalityReviewer, Role.LegalAdviser, Role.PublicLawyer];
const GOVERNMENT_WIDE_KINDS: readonly string[] = [OrganisationKind.Government, OrganisationKind.GeneralOffice, OrganisationKind.LegalityReviewBody];
/**
 * An office in a department, or in its 办公室 or 法制机构 (Art. 42): the department's head, office and legal body act for
 * the department in its own decisions, and see its decisions as its staff do, not their government's. Legal advisers and
 * public lawyers keep the government's (Art. 28: the reviewing body organises them), as do inspectors.
 */
const ofDepartment = (role: string, path: readonly PathStep[]): boolean =>
  role !== Role.LegalAdviser && role !== Role.PublicLawyer && path.some((p) => p.kind === OrganisationKind.Department);
/** A step that is an expert panel naming the person (indexed: migration 20261204200000). */
const namesOnPanel = (personId: string): Prisma.Sql => Prisma.sql`action = 'appointExpertPanel' AND payload -> 'experts' @> ${JSON.stringify([{ id: personId }])}::jsonb`;
/** A step that is the organ's start naming one of the units as co-unit (indexed: migration 20261204220000). */
const namesCoUnit = (units: Prisma.Sql): Prisma.Sql => Prisma.sql`action = 'decideToStart' AND jsonb_typeof(payload -> 'coUnits') = 'array' AND payload -> 'coUnits' ?| ${units}`;
/**
 * The offices standing at `at` (of one of `roles`, where given) of the people `ids` name in any case (U-ZHANG for
 * u-zhang), each with the id it was found for. By the index on lower(person_id) (migration 20261206100000): asked on
 * every panel and expert opinion, where a case-insensitive match through Prisma (ILIKE) read every appointment.
 */
export const standingAsNamed = (ids: readonly string[], at: Date, roles?: readonly string[]): Prisma.Sql => Prisma.sql`
  SELECT i.id AS asked, a.role, a.organisation_id AS "organisationId"
  FROM unnest(${[...ids]}::text[]) AS i(id) JOIN appointments a ON lower(a.person_id) = lower(i.id)
  WHERE a.valid_from <= ${at} AND a.valid_to > ${at} AND (a.ended_at IS NULL OR a.ended_at > ${at})
    ${roles ? Prisma.sql`AND a.role = ANY(${[...roles]}::text[])` : Prisma.empty}`;

/** The decisions the person acted on, whose expert panel names them, or that name one of their units as co-unit. */
const touchedBy = (scope: Scope): Prisma.Sql => Prisma.sql`
  SELECT decision_id FROM decision_steps WHERE actor_id = ${scope.personId}
  UNION SELECT decision_id FROM decision_steps WHERE ${namesOnPanel(scope.personId)}
  UNION SELECT decision_id FROM decision_steps WHERE ${namesCoUnit(Prisma.sql`${scope.units}::text[]`)}`;

/** The department (or body) an organisation is, or belongs to: a department's 办公室 or 法制机构 (registered under it as general_office, legality_review_body) belongs to the department. */
const unitOf = (path: readonly PathStep[]): string =>
  (path.find((p) => p.kind === OrganisationKind.Department) ?? path.find((p) => p.kind !== OrganisationKind.Office) ?? path[0]).id;
/** `units`: the units and every office under each, as a common table expression to start a statement with. */
const unitsUnder = (roots: readonly string[]): Prisma.Sql => Prisma.sql`
  WITH RECURSIVE units(id) AS (
    SELECT id FROM organisations WHERE id = ANY(${roots}::text[])
    UNION SELECT o.id FROM organisations o JOIN units u ON o.parent_id = u.id WHERE o.kind = 'office')`;

/**
 * Whether an organisation is one of the units or an office under one (unitsUnder's `units`, from its path, nearest
 * first): a root itself, or an office whose parent is.
 */
function underUnits(path: readonly PathStep[], roots: readonly string[]): boolean {
  for (const step of path) {
    if (roots.includes(step.id)) return true;
    if (step.kind !== OrganisationKind.Office) return false;
  }
  return false;
}

/** Where a decision stands: its government (null for one registered before governments were kept) and its undertaking unit. */
interface Placed {
  governmentId: string | null;
  undertakingDepartment: string;
}
/** Decisions whose place a process keeps (a few MB); past that, the first kept are forgotten first. */
const PLACES_KEPT = 100_000;

/** The bound on a hierarchy's breadth walked for an inspector: every government under a province fits. */
const MAX_GOVERNMENTS = 100_000;

@Injectable()
export class ScopeService {
  private readonly placed = new Map<string, Placed>();

  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly authority: AuthorityService,
  ) {}

  async scopeOf(personId: string, at = new Date()): Promise<Scope> {
    const { governments, unitRoots } = await this.reachOf(personId, at);
    const units = unitRoots.length ? await this.prisma.$queryRaw<{ id: string }[]>`${unitsUnder(unitRoots)} SELECT id FROM units` : [];
    return { governments, units: units.map((u) => u.id), personId };
  }

  /**
   * The governments the person sees whole, and the units whose decisions they see (each with the offices under it,
   * unitsUnder): from their standing appointments, one query (an inspector's governments below, one more).
   */
  private async reachOf(personId: string, at: Date): Promise<{ governments: string[]; unitRoots: string[] }> {
    const appointments = await this.authority.standingAppointments(personId, at);
    const governments = new Set<string>();
    const unitRoots = new Set<string>();
    const paths = await Promise.all(appointments.map((a) => this.authority.pathOf(a.organisationId)));
    for (const [i, a] of appointments.entries()) {
      const path = paths[i];
      if (!path) continue;
      const government = governmentOf(path)?.id;
      if (a.role === 'inspector' && government) {
        for (const g of await this.governmentsUnder(government)) governments.add(g);
      } else if (government && !ofDepartment(a.role, path) && (GOVERNMENT_WIDE_ROLES.includes(a.role) || GOVERNMENT_WIDE_KINDS.includes(path[0].kind))) {
        governments.add(government);
      } else {
        unitRoots.add(unitOf(path));
      }
    }
    return { governments: [...governments], unitRoots: [...unitRoots] };
  }

  /**
   * The scope as a condition on the decisions table under the alias `d`, for counting in SQL over however many
   * decisions it covers (a national inspector's millions): the decisions the person touched are a subquery, asked once,
   * not a list carried into the statement. A union of what each arm finds by its own index: as an OR with a
   * subquery, no index could serve it, and a department's 18 decisions were counted by reading every decision and,
   * for the year's figures, every step (5 s on 6M steps; 3.6 ms so: the audit of the sixteenth session).
   */
  sqlCondition(scope: Scope): Prisma.Sql {
    return Prisma.sql`d.id IN (
      SELECT id FROM decisions WHERE government_id = ANY(${scope.governments}::text[])
      UNION SELECT id FROM decisions WHERE undertaking_department = ANY(${scope.units}::text[])
      UNION ${touchedBy(scope)})`;
  }

  /**
   * Whether the person sees the decision: `where`'s condition, asked of this decision alone (its own steps, not
   * every decision's the person touched), in one query.
   */
  async canSee(personId: string, decisionId: string): Promise<boolean> {
    // Where the decision stands and what the person reaches, asked at once. Seen through the government or the unit
    // (the officials of almost every step and read): answered from those two, and the organisations' paths.
    const [{ governments, unitRoots }, placed] = await Promise.all([this.reachOf(personId, new Date()), this.placeOf(decisionId)]);
    if (!placed) return false;
    if (placed.governmentId !== null && governments.includes(placed.governmentId)) return true;
    const unitPath = unitRoots.length ? await this.authority.pathOf(placed.undertakingDepartment) : undefined;
    if (unitPath && underUnits(unitPath, unitRoots)) return true;
    // Else by its steps (acted on it, named on its panel, a co-unit), in one statement with the units' offices.
    const [{ sees }] = await this.prisma.$queryRaw<{ sees: boolean }[]>`
      ${unitsUnder(unitRoots)}
      SELECT EXISTS (
        SELECT 1 FROM decisions d
         WHERE d.id = ${decisionId}
           AND (d.government_id = ANY(${governments}::text[]) OR d.undertaking_department IN (SELECT id FROM units)
                OR EXISTS (SELECT 1 FROM decision_steps s WHERE s.decision_id = d.id AND (
                     s.actor_id = ${personId} OR (${namesOnPanel(personId)}) OR (${namesCoUnit(Prisma.sql`ARRAY(SELECT id FROM units)`)}))))
      ) AS sees`;
    return sees || this.ofNamedOrganisation(personId, decisionId);
  }

  /**
   * Whether one of the person's standing offices is in an organisation the decision's steps named to act in it: the
   * execution unit designated (Art. 34), the evaluator commissioned (Art. 36), the third party engaged (Art. 23). Their
   * tasks were offered in 我的待办 while the decision itself answered 404 until their first step (statute tester).
   */
  private async ofNamedOrganisation(personId: string, decisionId: string): Promise<boolean> {
    const named = [...(await this.namingOf(decisionId)).named.values()].flat();
    if (!named.length) return false;
    const offices = await this.prisma.appointment.findMany({ where: { AND: [{ personId }, standingAt(new Date())] }, select: { organisationId: true } });
    for (const { organisationId } of offices) {
      const path = await this.authority.pathOf(organisationId);
      if (path && named.some((o) => isWithin(path, o))) return true;
    }
    return false;
  }

  /**
   * The government and the undertaking unit of a decision (undefined: no such decision), which never change once it is
   * registered: kept, bounded, so a step or a read of a decision asks them once per process.
   */
  private async placeOf(decisionId: string): Promise<Placed | undefined> {
    const known = this.placed.get(decisionId);
    if (known) return known;
    const row = await this.prisma.decision.findUnique({ where: { id: decisionId }, select: { governmentId: true, undertakingDepartment: true } });
    if (!row) return undefined;
    if (this.placed.size >= PLACES_KEPT) this.placed.delete(this.placed.keys().next().value!);
    this.placed.set(decisionId, row);
    return row;
  }

  /**
   * Whether the person may send a step to the decision: they see it, or one
   * of their standing offices acts in it (the execution unit the organ
   * designated, before its first report, say; under the organ's acts an
   * outside body acts only once named, officeActsInDecision). Anyone else is answered as
   * for a decision that does not exist. A decision whose undertaking unit is no
   * registered organisation (registered before offices were checked) takes
   * steps as it did then, its offices unchecked.
   */
  async mayAct(personId: string, decisionId: string, at = new Date()): Promise<boolean> {
    if (await this.canSee(personId, decisionId)) return true;
    return (await this.officeActs(personId, decisionId, at)) ?? true;
  }

  /**
   * Whether the person holds, standing now, an office of the given role that acts in the decision (officeActsInDecision):
   * the undertaking unit's officials for the work only they sign, say. A decision whose undertaking unit is no registered
   * organisation (registered before offices were checked) asks only that the person may act in it.
   */
  async actsAs(personId: string, decisionId: string, role: string, at = new Date()): Promise<boolean> {
    return (await this.officeActs(personId, decisionId, at, role)) ?? this.mayAct(personId, decisionId, at);
  }

  /**
   * Whether one of the person's standing offices (of `role`, where given) acts in the decision; undefined where the
   * decision's undertaking unit is no registered organisation, so offices cannot be related to it; false where there is
   * no such decision.
   */
  private async officeActs(personId: string, decisionId: string, at: Date, role?: string): Promise<boolean | undefined> {
    const found = await this.actingOffice(decisionId, [personId], at, role ? [role] : undefined);
    return found === undefined ? undefined : found !== null;
  }

  /**
   * Of the ids, in their order, the first that holds, standing at `at`, an office (of one of `roles`, where given) that
   * acts in the decision, with the role and where it is held: a person by their appointments (by id as given, or with
   * `asNamed` also in another case: the same name on a panel, U-ZHANG for u-zhang), and with `asNamed` an organisation
   * itself (a unit named as an expert institution) where an office of one of `roles` in it would act. Null where none
   * does (or there is no such decision); undefined where the decision's undertaking unit is no registered organisation,
   * so offices cannot be related to it.
   */
  async actingOffice(
    decisionId: string,
    ids: readonly string[],
    at: Date,
    roles?: readonly string[],
    asNamed = false,
  ): Promise<{ id: string; role: string; organisation: PathStep } | null | undefined> {
    const decision = await this.placeOf(decisionId);
    if (!decision) return null;
    const unitPath = await this.authority.pathOf(decision.undertakingDepartment);
    if (!unitPath) return undefined;
    // Each standing office with the id it was found for (`asked`).
    const appointments = asNamed
      ? await this.prisma.$queryRaw<{ asked: string; role: string; organisationId: string }[]>(standingAsNamed(ids, at, roles))
      : (
          await this.prisma.appointment.findMany({
            // AND: standingAt has an OR of its own, which a spread would put in place of the ids' (every standing office read).
            where: { AND: [{ personId: { in: [...ids] } }, standingAt(at)], ...(roles ? { role: { in: [...roles] } } : {}) },
            select: { personId: true, role: true, organisationId: true },
          })
        ).map((a) => ({ asked: a.personId, role: a.role, organisationId: a.organisationId }));
    const organisations = asNamed ? await Promise.all(ids.map((id) => this.authority.pathOf(id))) : [];
    if (!appointments.length && !organisations.some(Boolean)) return null;
    const naming = await this.namingOf(decisionId);
    for (const [i, id] of ids.entries()) {
      for (const a of appointments.filter((x) => x.asked === id)) {
        const path = await this.authority.pathOf(a.organisationId);
        if (path && officeActsInDecision(a.role, path, unitPath, naming)) return { id, role: a.role, organisation: path[0] };
      }
      const own = organisations[i];
      const role = own && (roles ?? []).find((r) => officeActsInDecision(r, own, unitPath, naming));
      if (own && role) return { id, role, organisation: own[0] };
    }
    return null;
  }

  /**
   * Who sits in the decision's deciding organ's meeting at `at`: the standing chief executives and meeting members whose
   * office acts in the decision (Art. 30; a department's leadership for its own decisions, Art. 42), for the minutes form
   * to offer, as `checkMeetingMembers` will take them. The organ is on the undertaking unit's path, so only offices there
   * are read. Empty where the unit is no registered organisation.
   */
  async meetingMembers(decisionId: string, at: Date): Promise<MeetingMemberView[]> {
    const decision = await this.placeOf(decisionId);
    const unitPath = decision && (await this.authority.pathOf(decision.undertakingDepartment));
    if (!unitPath) return [];
    const offices = await this.prisma.appointment.findMany({
      where: { AND: [{ organisationId: { in: unitPath.map((p) => p.id) } }, standingAt(at)], role: { in: [Role.ChiefExecutive, MEETING_MEMBER] } },
      select: { personId: true, personName: true, role: true, organisationId: true },
      orderBy: [{ role: 'asc' }, { validFrom: 'asc' }, { personId: 'asc' }],
    });
    const naming = await this.namingOf(decisionId);
    const sitting: MeetingMemberView[] = [];
    for (const a of offices) {
      const path = unitPath.slice(unitPath.findIndex((p) => p.id === a.organisationId));
      if (officeActsInDecision(a.role, path, unitPath, naming)) sitting.push({ personId: a.personId, personName: a.personName, role: a.role, organisation: path[0] });
    }
    // The chief executives first (Art. 30: the one who decides speaks last, but is looked for first), each person once.
    return sitting.filter((m, i) => sitting.findIndex((x) => x.personId === m.personId) === i);
  }

  /**
   * Whether the decision's rules name the execution unit, the evaluator and a third-party assessor
   * (the profile it was registered under, kept in its registration), and whom its steps named.
   */
  async namingOf(decisionId: string): Promise<{ organActs: boolean; named: Map<string, string[]>; authority?: DecisionAuthority }> {
    const steps = await this.prisma.decisionStep.findMany({
      where: { decisionId, OR: [{ seq: 0 }, { action: { in: ['designateExecutionUnit', 'commissionEvaluation', 'engageRiskAssessor'] } }] },
      select: { seq: true, action: true, payload: true, entry: true },
      orderBy: { seq: 'asc' },
    });
    const registration = steps.find((x) => x.seq === 0);
    let organActs = false;
    let authority: DecisionAuthority | undefined;
    try {
      const entry = JSON.parse(registration?.entry ?? '{}') as { profile?: { organActs?: boolean }; authority?: DecisionAuthority };
      organActs = !!entry.profile?.organActs;
      authority = entry.authority;
    } catch {
      organActs = false;
    }
    // Whose organ acts (Art. 42: a department's head and office in its own decisions), as the registration fixed it.
    // A later designation, or commission, replaces the earlier (Arts. 34, 36): the unit it replaced neither reads the decision
    // nor is offered its steps, which the rules would refuse (retest); every engagement stands.
    const replacing = ['designateExecutionUnit', 'commissionEvaluation'];
    const standing = steps.filter((x, i) => x.seq !== 0 && !(replacing.includes(x.action) && steps.slice(i + 1).some((y) => y.action === x.action)));
    return { organActs, named: namedOrganisations(standing), authority };
  }

  /**
   * Whether the person may put documents into the record: an official who
   * holds an office that takes steps (an inspector reads and takes none), or
   * an expert named on a panel. Documents are addressed by their hash, not by
   * a decision, so this is the office, not the decision, that is asked.
   */
  async mayUpload(personId: string, at = new Date()): Promise<boolean> {
    const acting = await this.prisma.appointment.count({ where: { personId, role: { notIn: ['inspector', MEETING_MEMBER] }, ...standingAt(at) } });
    if (acting > 0) return true;
    const [{ named }] = await this.prisma.$queryRaw<{ named: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM decision_steps WHERE ${namesOnPanel(personId)}) AS named`;
    return named;
  }

  /** A government and every government under it. */
  private async governmentsUnder(root: string): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`
      WITH RECURSIVE under(id) AS (
        SELECT id FROM organisations WHERE id = ${root}
        UNION SELECT o.id FROM organisations o JOIN under u ON o.parent_id = u.id WHERE o.kind = 'government'
      ) SELECT id FROM under LIMIT ${MAX_GOVERNMENTS}`;
    return rows.map((r) => r.id);
  }
}
