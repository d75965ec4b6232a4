import { Inject, Injectable, NotFoundException, Optional } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { hash, randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../../../libs/db/prisma';
import { art, refusal, RefusalCode, type CommentReceipt, type CommentTrace, type Payloads } from '../../../../libs/domain';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { canonicalize } from '../../../../libs/record/jcs';
import { procedureQuery } from '../../../../workflows';
import { DecisionNotFoundError, ProcedureRefusedError } from '../errors';
import { MetricsService } from '../metrics/metrics.service';
import { TEMPORAL_CLIENT } from '../temporal.module';

/**
 * Public comments (Art. 15) and what became of each (Art. 18): a citizen's
 * comment gets a receipt (its hash); the adoption report must answer every
 * comment received on the draft, each in one group; anyone can trace a
 * receipt to the group and the response.
 */
@Injectable()
export class CommentsService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  /**
   * Receives a comment and answers its receipt. `client` says who sent it (the
   * client's address): the same client sending the same text on the same draft
   * again gets the first receipt and no second comment is stored; another
   * client's identical text is a comment of its own.
   */
  async submit(decisionId: string, text: string, channel: string, client: string): Promise<CommentReceipt> {
    if (!(await this.prisma.decision.findUnique({ where: { id: decisionId }, select: { id: true } }))) throw new DecisionNotFoundError(decisionId);
    const s = await this.temporal.workflow.getHandle(decisionId).query(procedureQuery);
    const comment = s.publicParticipation?.comment;
    const deadline = s.deadlines.find((d) => d.id === comment?.deadlineId);
    const now = new Date();
    // The workflow's clock decides when the period has run out (its timer marks the deadline elapsed).
    // A decision never put out for comment is none of the public's business: answered as one that does not exist.
    if (!s.publicParticipation?.comment && !s.timeline.some((e) => e.action === 'openPublicComment')) throw new DecisionNotFoundError(decisionId);
    if (!comment || comment.closedAt || deadline?.status !== 'running') {
      throw new ProcedureRefusedError(refusal(RefusalCode.WrongStage, { zh: '本决策事项没有正在进行的公开征求意见', en: 'no public comment period on this decision is open' }, art(15)));
    }
    const draftVersion = s.publicParticipation!.draftVersion;
    const submittedAt = now.toISOString();
    // The nonce makes every comment its own, even the same text in the same millisecond (from different clients).
    const nonce = randomUUID();
    const receipt = `sha256:${hash('sha256', canonicalize({ decisionId, draftVersion, text, channel, submittedAt, nonce }), 'hex')}`;
    // The same client, the same text, the same draft: one comment, however often (or however concurrently) it is sent.
    const foldKey = `sha256:${hash('sha256', canonicalize({ decisionId, draftVersion, client, text }), 'hex')}`;
    const { count } = await this.prisma.publicComment.createMany({ data: [{ hash: receipt, decisionId, draftVersion, text, channel, submittedAt: now, nonce, foldKey }], skipDuplicates: true });
    if (count) this.metrics?.commentReceived();
    else this.metrics?.commentFolded();
    const stored = count ? { hash: receipt, submittedAt: now } : await this.prisma.publicComment.findUniqueOrThrow({ where: { foldKey }, select: { hash: true, submittedAt: true } });
    return { receipt: stored.hash, decisionId, draftVersion, submittedAt: stored.submittedAt.toISOString(), periodEnds: new Date(deadline.dueAt!).toISOString() };
  }

  /** Refuses an adoption report that leaves a received comment unanswered, or names one that was not received. */
  async checkAdoptionReport(decisionId: string, payload: Payloads['submitAdoptionReport']): Promise<void> {
    const s = await this.temporal.workflow.getHandle(decisionId).query(procedureQuery);
    const version = s.publicParticipation?.draftVersion;
    if (version === undefined) return; // the procedure itself refuses a report without participation
    const received = new Set((await this.prisma.publicComment.findMany({ where: { decisionId, draftVersion: version }, select: { hash: true } })).map((c) => c.hash));
    const answered = new Set((payload.groups ?? []).flatMap((g) => g.commentHashes ?? []));
    const unanswered = [...received].filter((h) => !answered.has(h));
    const unknown = [...answered].filter((h) => !received.has(h));
    if (unanswered.length || unknown.length) {
      const zh = [unanswered.length ? `${unanswered.length}条已收到的意见未在任何分组中答复（例如 ${unanswered[0]}）` : '', unknown.length ? `${unknown.length}条意见并非针对本草案收到（例如 ${unknown[0]}）` : ''].filter(Boolean).join('；');
      const en = [unanswered.length ? `${unanswered.length} received comment(s) answered by no group (e.g. ${unanswered[0]})` : '', unknown.length ? `${unknown.length} comment(s) not received on this draft (e.g. ${unknown[0]})` : ''].filter(Boolean).join('; ');
      throw new ProcedureRefusedError(refusal(RefusalCode.MissingDocument, { zh: `意见研究采纳情况应当对收到的每条意见逐一答复且只答复一次：${zh}`, en: `the adoption report must answer every comment received, each once: ${en}` }, art(18)));
    }
  }

  /** A receipt traced to what became of the comment. */
  async trace(receipt: string): Promise<CommentTrace> {
    const found = await this.prisma.publicComment.findUnique({ where: { hash: receipt } });
    if (!found) throw new NotFoundException(`没有回执为 ${receipt} 的意见（no comment with receipt ${receipt}）`);
    const c = { ...found, submittedAt: found.submittedAt.toISOString() };
    const reports = await this.prisma.decisionStep.findMany({ where: { decisionId: c.decisionId, action: 'submitAdoptionReport' }, orderBy: { seq: 'asc' } });
    for (const r of reports) {
      const p = r.payload as Payloads['submitAdoptionReport'];
      const group = p.groups.find((g) => g.commentHashes?.includes(receipt));
      if (group) return { comment: c, answer: { seq: r.seq, reportHash: p.reportHash, groupHash: group.groupHash, response: group.response, reason: group.reason ?? null, entryHash: r.entryHash } };
    }
    return { comment: c, answer: null };
  }
}
