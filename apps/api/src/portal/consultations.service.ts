import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { PrismaClient } from '../../../../libs/db/prisma';
import { currentDraft, participationSuperseded, Phase, type ConsultationView, type HearingNoticeView, type ProcedureState } from '../../../../libs/domain';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { procedureQuery } from '../../../../workflows';
import { isoInstant, localDay, timeZoneOf } from '../decisions/presenters';
import { DecisionNotFoundError, orLeftOut } from '../errors';
import { TEMPORAL_CLIENT } from '../temporal.module';
import { adoptionReportView } from './published.service';
import { madePublicBy } from './made-public';
import { SharedAnswer } from './shared-answer';
import type { AppConfig } from '../../../../libs/config/config';
import { APP_CONFIG } from '../../../../libs/nest/config.module';

/** How many decisions in consultation the public list looks at, newest first. */
export const MAX_CONSULTATIONS = 100;

type Row = { id: string; title: string; undertakingDepartment: string; profile: string };

/**
 * The public's view of drafts put out for comment (Art. 14, 15): which are
 * open, the hashes of the draft and its explanation (the documents the API
 * serves at /documents/:hash), and when the period ends. The list takes the
 * decisions in consultation from PostgreSQL and asks each one's workflow for
 * its comment period, at most MAX_CONSULTATIONS of them.
 */
@Injectable()
export class ConsultationsService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  /** The list, shared by every caller for a few seconds (SharedAnswer). */
  open(): Promise<ConsultationView[]> {
    return this.shared.get();
  }

  @Inject(APP_CONFIG) private readonly config!: AppConfig;
  // Made on first use, when the configuration is in place: a new draft or publication shows within PUBLIC_LIST_CACHE_SECONDS.
  private sharedAnswer?: SharedAnswer<Awaited<ReturnType<typeof this.make>>>;
  private get shared() {
    return (this.sharedAnswer ??= new SharedAnswer(() => this.make(), this.config.publicListCacheSeconds * 1000));
  }

  private async make(): Promise<ConsultationView[]> {
    const rows = await this.prisma.decision.findMany({
      where: { phase: Phase.Consultation },
      select: { id: true, title: true, undertakingDepartment: true, profile: true },
      orderBy: [{ registeredAt: 'desc' }, { id: 'desc' }],
      take: MAX_CONSULTATIONS,
    });
    const [names, views] = await Promise.all([this.names(rows), Promise.all(rows.map((r) => orLeftOut(r.id, async () => this.view(r, await this.procedure(r.id)), null)))]);
    return views.filter((v): v is ConsultationView => v?.open === true).map((v) => ({ ...v, undertakingDepartmentName: names(v.undertakingDepartment) }));
  }

  /** The decision's latest comment period, open or not; 404 when none was opened. */
  async ofDecision(id: string): Promise<ConsultationView> {
    const row = { id, ...(await madePublicBy(this.prisma, id, ['openPublicComment'])) };
    const [names, view] = await Promise.all([this.names([row]), this.procedure(id).then((s) => this.view(row, s))]);
    // Not yet public: answered exactly as a decision that does not exist, so the portal says nothing of it.
    if (!view) throw new DecisionNotFoundError(id);
    return { ...view, undertakingDepartmentName: names(view.undertakingDepartment) };
  }

  /**
   * The hearings announced on the decision's draft in public participation (Art. 16 paras 2–3), in the order announced;
   * 404 where none was, as for a decision that does not exist.
   */
  async hearings(id: string): Promise<HearingNoticeView[]> {
    const row = await madePublicBy(this.prisma, id, ['announceHearing']);
    const s = await this.procedure(id);
    const pp = s.publicParticipation;
    const draft = s.drafts.find((d) => d.version === pp?.draftVersion) ?? currentDraft(s);
    if (!pp?.hearingsAnnounced?.length || !draft) throw new DecisionNotFoundError(id);
    const zone = timeZoneOf(row.profile);
    return pp.hearingsAnnounced.map((a) => {
      const named = pp.hearings.find((x) => x.id === a.id);
      return {
        hearingId: a.id,
        date: isoInstant(a.date, zone),
        place: a.place,
        organisedBy: named?.organisedBy ?? a.organisedBy ?? null,
        online: !!a.online,
        selectionMethodHash: a.selectionMethodHash,
        announcedAt: isoInstant(a.at, zone),
        draftVersion: draft.version,
        documentHash: draft.documentHash,
        explanationHash: draft.explanationHash,
        participants: named ? named.participants.map((x) => ({ name: x.name, interested: x.interested })) : null,
        participantsPublishedAt: named ? isoInstant(named.noticePublishedAt, zone) : null,
        held: !!named?.held,
        cancelled: !!a.cancelled || (!named?.held && (s.phase === Phase.Closed || participationSuperseded(s))),
        cancellationReason: a.cancelled?.reason ?? null,
      };
    });
  }

  /** The undertaking units' registered names, for the public, who cannot list the organisations; the id where one is not registered. */
  private async names(rows: readonly Pick<Row, 'undertakingDepartment'>[]): Promise<(id: string) => string> {
    const found = await this.prisma.organisation.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.undertakingDepartment))] } }, select: { id: true, name: true } });
    const byId = new Map(found.map((o) => [o.id, o.name]));
    return (id) => byId.get(id) ?? id;
  }

  private procedure(id: string): Promise<ProcedureState> {
    return this.temporal.workflow.getHandle(id).query(procedureQuery);
  }

  private view(row: Row, s: ProcedureState): ConsultationView | null {
    const comment = s.publicParticipation?.comment;
    const draft = s.drafts.find((d) => d.version === s.publicParticipation?.draftVersion) ?? currentDraft(s);
    if (!comment || !draft) return null;
    const zone = timeZoneOf(row.profile);
    const deadline = s.deadlines.find((d) => d.id === comment.deadlineId);
    const due = deadline?.status === 'paused' ? undefined : deadline?.dueAt;
    return {
      decisionId: row.id,
      title: row.title,
      undertakingDepartment: row.undertakingDepartment,
      undertakingDepartmentName: row.undertakingDepartment,
      draftVersion: draft.version,
      documentHash: draft.documentHash,
      explanationHash: draft.explanationHash,
      alternatives: draft.alternatives,
      comparisonHash: draft.comparisonHash ?? null,
      channels: comment.channels,
      days: comment.days,
      shortenedReason: comment.shortenedReason ?? null,
      openedAt: isoInstant(comment.openedAt, zone),
      periodEnds: due === undefined ? null : isoInstant(due, zone),
      lastDay: due === undefined ? null : localDay(due - 1, zone),
      // As POST /decisions/:id/comments decides: the workflow's timer marks the period elapsed.
      open: !comment.closedAt && deadline?.status === 'running',
      adoptionReport: adoptionReportView(s.publicParticipation, zone),
    };
  }
}
