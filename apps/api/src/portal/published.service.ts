import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { Prisma, type PrismaClient } from '../../../../libs/db/prisma';
import { Hold, Phase, type AdoptionReportView, type ProcedureState, type PublicParticipation, type PublishedDecisionView } from '../../../../libs/domain';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { procedureQuery } from '../../../../workflows';
import { isoInstant, timeZoneOf } from '../decisions/presenters';
import { DecisionNotFoundError, orLeftOut } from '../errors';
import { TEMPORAL_CLIENT } from '../temporal.module';
import { SharedAnswer } from './shared-answer';
import type { AppConfig } from '../../../../libs/config/config';
import { APP_CONFIG } from '../../../../libs/nest/config.module';

/** How many decisions past their publication the public list looks at, newest first. */
export const MAX_PUBLISHED = 100;

/**
 * The decisions with a publication through some channel recorded, newest registered first: past publication, or back in the procedure
 * for an adjustment with the decision published before still in force (Art. 37: its phase is the new pass's, drafting
 * onwards, and its record holds the publication). By the partial index on decisions.published (migration
 * 20261206120000, set by a trigger on the record): it read every decision since the newest published one, and each one's
 * steps, most of them still in the procedure (630 ms on 500k decisions, nationally every few seconds).
 */
export const publishedRows = (limit: number): Prisma.Sql => Prisma.sql`
  SELECT d.id, d.title, d.undertaking_department AS "undertakingDepartment", d.profile FROM decisions d
  WHERE d.published ORDER BY d.registered_at DESC, d.id DESC LIMIT ${limit}`;

type Row = { id: string; title: string; undertakingDepartment: string; profile: string };
const ROW = { id: true, title: true, undertakingDepartment: true, profile: true } as const;

/**
 * Published decisions as the public sees them (Art. 32): the title, the unit,
 * when and where it was published and the published document's hash, with the
 * adoption report of its public consultation (Art. 18) where there was one.
 * Nothing else of the record: a decision is shown only once its publication
 * step is recorded, and only if it was published somewhere (a decision kept
 * from the public names no channel).
 */
@Injectable()
export class PublishedDecisionsService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  /** The list, shared by every caller for a few seconds (SharedAnswer). */
  list(): Promise<PublishedDecisionView[]> {
    return this.shared.get();
  }

  @Inject(APP_CONFIG) private readonly config!: AppConfig;
  // Made on first use, when the configuration is in place: a new draft or publication shows within PUBLIC_LIST_CACHE_SECONDS.
  private sharedAnswer?: SharedAnswer<Awaited<ReturnType<typeof this.make>>>;
  private get shared() {
    return (this.sharedAnswer ??= new SharedAnswer(() => this.make(), this.config.publicListCacheSeconds * 1000));
  }

  private async make(): Promise<PublishedDecisionView[]> {
    const rows = await this.prisma.$queryRaw<Row[]>(publishedRows(MAX_PUBLISHED));
    const [names, views] = await Promise.all([this.names(rows), Promise.all(rows.map((r) => orLeftOut(r.id, async () => this.view(r, await this.procedure(r.id)), null)))]);
    return views
      .filter((v): v is PublishedDecisionView => v !== null)
      .map((v) => ({ ...v, undertakingDepartmentName: names(v.undertakingDepartment) }))
      .sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt));
  }

  /** One published decision; 404 for an unknown id and for a decision not (or not publicly) published. */
  async one(id: string): Promise<PublishedDecisionView> {
    // Only a decision the record's trigger marked published (a publication through some channel) is asked of its workflow:
    // another answers 404 at once, as an unknown id does (attacker tester: the workflow's query timed the difference).
    const row = await this.prisma.decision.findFirst({ where: { id, published: true }, select: ROW });
    if (!row) throw new DecisionNotFoundError(id);
    const view = await this.view(row, await this.procedure(id));
    // Not yet public: answered exactly as a decision that does not exist, so the portal says nothing of it.
    if (!view) throw new DecisionNotFoundError(id);
    return { ...view, undertakingDepartmentName: (await this.names([row]))(row.undertakingDepartment) };
  }

  /**
   * The public view, from the state; where the state no longer carries what the public saw (a change published withheld,
   * and another begun since: the state carries the withheld one as in force), from the record's last publication that
   * named a channel (statute tester: the decision vanished from the portal during the second adjustment).
   */
  private async view(row: Row, s: ProcedureState): Promise<PublishedDecisionView | null> {
    const view = publishedView(row, s);
    if (view || !(s.publication ?? s.inForce?.publication)) return view;
    const [last] = await this.prisma.$queryRaw<{ channels: string[]; documentHash: string; adoptionExplanationHash: string | null; at: Date }[]>`
      SELECT payload->'channels' AS channels, payload->>'documentHash' AS "documentHash", payload->>'adoptionExplanationHash' AS "adoptionExplanationHash", at FROM decision_steps
      WHERE decision_id = ${row.id} AND action = 'publish' AND jsonb_typeof(payload->'channels') = 'array' AND jsonb_array_length(payload->'channels') > 0
      ORDER BY seq DESC LIMIT 1`;
    return last ? publishedView(row, s, { at: last.at.getTime(), channels: last.channels, documentHash: last.documentHash, ...(last.adoptionExplanationHash ? { adoptionExplanationHash: last.adoptionExplanationHash } : {}) }) : null;
  }

  private procedure(id: string): Promise<ProcedureState> {
    return this.temporal.workflow.getHandle(id).query(procedureQuery);
  }

  private async names(rows: readonly Pick<Row, 'undertakingDepartment'>[]): Promise<(id: string) => string> {
    const found = await this.prisma.organisation.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.undertakingDepartment))] } }, select: { id: true, name: true } });
    const byId = new Map(found.map((o) => [o.id, o.name]));
    return (id) => byId.get(id) ?? id;
  }
}

/** A publication through some channel, as the record keeps it. */
type PublicPublication = { at: number; channels: string[]; documentHash: string; adoptionExplanationHash?: string; further?: { channels: string[]; reference?: string; at: number }[] };

/**
 * The public part of a decision's state, or null before its publication (or when it named no channel). While an
 * adjustment takes it through the procedure again, the decision in force, as published before (Art. 37). `earlier`:
 * the last publication that named a channel, from the record, where the state carries only withheld ones since.
 */
export function publishedView(row: Row, s: ProcedureState, earlier?: PublicPublication): PublishedDecisionView | null {
  // A change published under a law that keeps it from the public leaves the decision it changed on the portal, said
  // to be changed: it had vanished, and the public was never told (statute tester, Arts. 32, 37).
  const withheldChange = (!!s.publication && !s.publication.channels.length && !!s.inForce?.publication.channels.length) || (!!earlier && !s.publication?.channels.length);
  const [p, participation] = earlier && withheldChange ? [earlier, undefined] : s.publication && !withheldChange ? [s.publication, s.publicParticipation] : [s.inForce?.publication, s.inForce?.publicParticipation];
  if (!p || !p.channels.length) return null;
  const zone = timeZoneOf(row.profile);
  const standing = standingOf(s);
  const suspension = standing === 'suspended' ? suspensionOf(s) : undefined;
  return {
    decisionId: row.id,
    title: row.title,
    undertakingDepartment: row.undertakingDepartment,
    undertakingDepartmentName: row.undertakingDepartment,
    // Published through channels when that happened: a decision published withheld and disclosed later, when disclosed (retest).
    publishedAt: isoInstant((p as { disclosedAt?: number }).disclosedAt ?? p.at, zone),
    channels: p.channels,
    furtherPublications: (p.further ?? []).map((f) => ({ channels: f.channels, ...(f.reference !== undefined ? { reference: f.reference } : {}), at: isoInstant(f.at, zone) })),
    documentHash: p.documentHash,
    adoptionReport: adoptionReportView(participation, zone),
    // Art. 32: published with the decision, so the public's as the decision is (statute tester: required at publication,
    // shown nowhere). Its explanation to the public (宣传解读) since this publication: a later one replaces this one.
    adoptionExplanationHash: p.adoptionExplanationHash ?? null,
    interpretations: (s.interpretations ?? [])
      .filter((i) => i.at >= p.at)
      .map((i) => ({ form: i.form, recordHash: i.recordHash, ...(i.description !== undefined ? { description: i.description } : {}), at: isoInstant(i.at, zone) })),
    standing: withheldChange && standing !== 'terminated' && standing !== 'suspended' ? 'changed_withheld' : standing,
    ...(suspension ? { suspendedSince: isoInstant(suspension.at, zone) } : {}),
  };
}

/** The suspension of the decision's execution standing now (Art. 37), if any: its hold, or the one kept beneath a postponement of its adjustment. */
const suspensionOf = (s: ProcedureState) => (s.hold === Hold.Suspended ? s.holdInfo : s.suspensionBeneath);

/** Where a published decision stands (Art. 37): a portal that showed a terminated decision as published, and nothing more, told the public it stood (fresh-eyes tester). */
function standingOf(s: ProcedureState): PublishedDecisionView['standing'] {
  if (s.closedReason === 'terminated' || (s.decision?.terminates && s.publication)) return 'terminated';
  // Its execution suspended: not "in force" to the public relying on it (statute tester).
  if (suspensionOf(s)) return 'suspended';
  // The decision in force is shown while a change goes through the procedure, until the change is published; a change
  // not adopted leaves it in execution, in force as it was (second tester: it stayed "adjusting").
  return s.publication || s.phase === Phase.Execution ? 'in_force' : 'adjusting';
}

export function adoptionReportView(pp: Pick<PublicParticipation, 'draftVersion' | 'adoptionReport'> | undefined, zone: string): AdoptionReportView | null {
  const r = pp?.adoptionReport;
  if (!pp || !r) return null;
  return {
    reportHash: r.reportHash,
    draftVersion: pp.draftVersion,
    submittedAt: isoInstant(r.at, zone),
    groups: r.groups.map((g) => ({ groupHash: g.groupHash, response: g.response, reason: g.reason ?? null, comments: g.commentCount ?? g.commentHashes?.length ?? null })),
  };
}
