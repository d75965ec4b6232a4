import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { Prisma, type PrismaClient } from '../../../../libs/db/prisma';
import { isPersonId, type AccountabilityItem, type AccountabilityPage, type DiscussionMember } from '../../../../libs/domain';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { ScopeService } from '../authority/scope.service';
import { decodeAccountabilityCursor, encodeAccountabilityCursor } from './accountability-cursor';
import { DEFAULT_ACCOUNTABILITY_PAGE_SIZE, type AccountabilityQueryDto } from './accountability.dto';

interface Row {
  decisionId: string;
  title: string;
  seq: number;
  action: string;
  at: Date;
  articles: string[];
  entryHash: string | null;
  actorId: string;
  actorRole: string;
  actorOrganisation: string;
  office: { appointmentId?: unknown; path?: { name?: unknown }[] } | null;
  minutes: { meeting?: { date?: unknown; presidingId?: unknown; chiefExecutiveId?: unknown }; members?: unknown } | null;
}

/**
 * 责任倒查 (Art. 38: 倒查责任，实行终身责任追究): every part a person had in the decisions the caller sees, from the
 * record in PostgreSQL. The steps they signed (by decision_steps' actor index), and the deciding organ's meetings whose
 * minutes name them presiding or as a member (by the index of migration 20261207200000), each with the view minuted:
 * the leaders who agreed to a decision share its responsibility though they signed nothing, and one who spoke against a
 * decision that proves seriously wrong has it reduced (Art. 38 para. 3). What is outside the caller's scope is not
 * counted nor said to exist, as everywhere.
 */
@Injectable()
export class AccountabilityService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly scopes: ScopeService,
  ) {}

  async of(callerId: string, personId: string, q: AccountabilityQueryDto): Promise<AccountabilityPage> {
    if (!isPersonId(personId) || personId.length > 100) {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [`personId：不是人员编号（登录名），例如 u-zhang（personId is not a person's id, e.g. u-zhang）`] });
    }
    // The person as the registrars appointed them, in whatever case they are asked of (U-ZHANG is u-zhang).
    const appointed = await this.prisma.$queryRaw<{ id: string }[]>`SELECT DISTINCT person_id AS id FROM appointments WHERE lower(person_id) = lower(${personId})`;
    // Said as the registrars wrote it (retest: the spelling asked was repeated); searched for as asked too.
    const knownAs = appointed.length ? appointed.map((a) => a.id) : [personId];
    const searched = [...new Set([personId, ...knownAs])];
    const lowered = [...new Set(searched.map((id) => id.toLowerCase()))];
    const seen = this.scopes.sqlCondition(await this.scopes.scopeOf(callerId));
    const pageSize = q.pageSize ?? DEFAULT_ACCOUNTABILITY_PAGE_SIZE;
    const after = q.cursor === undefined ? undefined : decodeAccountabilityCursor(q.cursor);
    const cursor = after
      ? Prisma.sql`AND (s.at, s.decision_id, s.seq) < (${after.at}, ${after.decisionId}, ${after.seq})`
      : Prisma.empty;
    const hits = partsOf(searched, lowered);
    const [[{ total }], rows] = await Promise.all([
      this.prisma.$queryRaw<{ total: number }[]>`
        SELECT count(*)::int AS total FROM (${hits}) h JOIN decisions d ON d.id = h.decision_id WHERE ${seen}`,
      this.prisma.$queryRaw<Row[]>`
        SELECT s.decision_id AS "decisionId", d.title, s.seq, s.action, s.at, s.articles, s.entry_hash AS "entryHash",
               s.actor_id AS "actorId", s.actor_role AS "actorRole", s.actor_organisation AS "actorOrganisation",
               CASE WHEN s.entry IS NULL THEN NULL ELSE s.entry::jsonb -> 'office' END AS office,
               CASE WHEN s.action = 'recordDiscussion' THEN jsonb_build_object('meeting', s.payload -> 'meeting', 'members', s.payload -> 'members') END AS minutes
          FROM (${hits}) h JOIN decision_steps s ON s.decision_id = h.decision_id AND s.seq = h.seq JOIN decisions d ON d.id = s.decision_id
         WHERE ${seen} ${cursor}
         ORDER BY s.at DESC, s.decision_id DESC, s.seq DESC
         LIMIT ${pageSize + 1}`,
    ]);
    const items = rows.slice(0, pageSize).map((r) => item(r, searched, lowered));
    const last = rows.length > pageSize ? rows[pageSize - 1] : undefined;
    return { personId, knownAs, items, total, nextCursor: last ? encodeAccountabilityCursor({ at: last.at, decisionId: last.decisionId, seq: last.seq }) : null };
  }
}

/**
 * The steps (decision_id, seq) in which the person had a part: signed under one of `knownAs`, or named by the minutes
 * under one of `lowered` (lower-cased). Each arm by its own index (test/db/scope-indexes.spec.ts).
 */
export const partsOf = (knownAs: readonly string[], lowered: readonly string[]): Prisma.Sql => Prisma.sql`
  SELECT decision_id, seq FROM decision_steps WHERE actor_id = ANY(${[...knownAs]}::text[])
  UNION SELECT decision_id, seq FROM decision_steps WHERE action = 'recordDiscussion' AND "minuted_people"(payload) && ${[...lowered]}::text[]`;

const named = (id: unknown, lowered: readonly string[]): boolean => typeof id === 'string' && lowered.includes(id.toLowerCase());

/** One row as the person's part in it: signed, minuted, or both (a secretary who sat in the meeting they minuted). */
function item(r: Row, knownAs: readonly string[], lowered: readonly string[]): AccountabilityItem {
  const office = r.office && typeof r.office.appointmentId === 'string' ? { appointmentId: r.office.appointmentId, organisation: String(r.office.path?.[0]?.name ?? r.actorOrganisation) } : null;
  const meeting = r.minutes?.meeting;
  const members = Array.isArray(r.minutes?.members) ? (r.minutes.members as Partial<DiscussionMember>[]) : [];
  const member = members.find((m) => named(m?.id, lowered));
  const presiding = named(meeting?.presidingId, lowered);
  const date = meeting?.date;
  return {
    decisionId: r.decisionId,
    title: r.title,
    seq: r.seq,
    action: r.action,
    at: r.at.toISOString(),
    articles: r.articles,
    entryHash: r.entryHash,
    signed: knownAs.includes(r.actorId) ? { role: r.actorRole, organisation: r.actorOrganisation, office } : null,
    minuted:
      member || presiding
        ? {
            meetingDate: typeof date === 'string' ? date : typeof date === 'number' ? new Date(date).toISOString() : null,
            presiding,
            chiefExecutive: named(meeting?.chiefExecutiveId, lowered),
            member: member ? { present: member.present === true, view: typeof member.view === 'string' ? member.view : null, statement: typeof member.statement === 'string' ? member.statement : null } : null,
          }
        : null,
  };
}
