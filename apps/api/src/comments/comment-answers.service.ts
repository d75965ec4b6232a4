import { BadRequestException, ConflictException, Inject, Injectable, ServiceUnavailableException, type OnModuleDestroy } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { hash } from 'node:crypto';
import { hotQuery, Prisma, type PrismaClient } from '../../../../libs/db/prisma';
import { art, formatCitation, refusal, RefusalCode, Role, type CommentAnswersSummary, type CommentCluster, type CommentListItem, type Payloads } from '../../../../libs/domain';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { APP_CONFIG } from '../../../../libs/nest/config.module';
import type { AppConfig } from '../../../../libs/config/config';
import { sqlState } from '../../../../libs/db/failures';
import { exactKey, signature, SIGNATURE_BYTES, type NearDuplicateGroup } from '../../../../libs/comments/similarity';
import { ANSWERS_LOCK, answersProblems, answersRefusalText, answersRoot, type CommentAnswer } from '../../../../libs/record/comment-answers';
import { procedureQuery } from '../../../../workflows';
import { ScopeService } from '../authority/scope.service';
import { citedUnavailable, unavailableRefusal } from '../documents/cited-documents';
import { ProcedureRefusedError } from '../errors';
import { ThreadPool } from '../threads/thread-pool';
import { TEMPORAL_CLIENT } from '../temporal.module';

/** The most receipts one request assigns: an official works through the comments in batches. */
export const MAX_RECEIPTS_PER_ASSIGNMENT = 1000;

/**
 * The adoption report at any volume (Art. 18): the undertaking unit's
 * officials answer the comments received on a draft group by group, in
 * batches (comment_answers); the report then signs their number and root
 * (commentsAnswered), checked here against the database while no answer can
 * change, and frozen with the report in the record's transaction.
 */
@Injectable()
export class CommentAnswersService implements OnModuleDestroy {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly scopes: ScopeService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // Half the time the API waits on a dependency: the 503 that says why comes before the one that does not.
    this.lockWaitMs = Math.max(500, (config.dependencyTimeoutSeconds * 1000) / 2);
  }

  /** How long a change of answers waits for a report being recorded before it is answered 503. */
  private readonly lockWaitMs: number;

  /**
   * The draft whose comments are being answered, if any draft has gone to the public yet (the caller's scope is the
   * controller's DecisionScopeGuard).
   */
  async participation(decisionId: string): Promise<{ draftVersion: number; reported: boolean } | undefined> {
    const pp = (await this.temporal.workflow.getHandle(decisionId).query(procedureQuery)).publicParticipation;
    return pp && { draftVersion: pp.draftVersion, reported: !!pp.adoptionReport };
  }

  /** As participation, for a change: none yet is refused, citing Art. 18. */
  private async answering(decisionId: string): Promise<{ draftVersion: number; reported: boolean }> {
    const pp = await this.participation(decisionId);
    if (!pp) throw new ProcedureRefusedError(refusal(RefusalCode.WrongStage, { zh: '本决策草案尚未公开征求意见，没有需要答复的公众意见', en: 'no draft of this decision has been out for comment' }, art(18)));
    return pp;
  }

  /** The comments received on the current draft, in receipt order, each with the group answering it (paged by receipt). */
  async list(decisionId: string, q: { after?: string; limit: number; unanswered: boolean; cluster?: string }): Promise<CommentListItem[]> {
    const pp = await this.participation(decisionId);
    if (!pp) return [];
    const { draftVersion } = pp;
    if (q.cluster) {
      // A cluster's members, as answering it would answer them: the official reads what one response will answer
      // (fresh-eyes tester: only a sample was shown). Its members one array parameter (tens of thousands in a campaign).
      const members = await this.clusterMembers(decisionId, draftVersion, q.cluster);
      const rows = await this.prisma.$queryRaw<{ hash: string; text: string; channel: string; enteredBy: string | null; submittedAt: Date; textKey: string | null; groupHash: string | null }[]>`
        SELECT p.hash, p.text, p.channel, p.entered_by AS "enteredBy", p.submitted_at AS "submittedAt", p.text_key AS "textKey", a.group_hash AS "groupHash"
        FROM public_comments p LEFT JOIN comment_answers a ON a.comment_hash = p.hash
        WHERE p.hash = ANY(${members}::text[]) AND p.decision_id = ${decisionId} AND p.draft_version = ${draftVersion}
          AND p.hash > ${q.after ?? ''} ${q.unanswered ? Prisma.sql`AND a.comment_hash IS NULL` : Prisma.empty}
        ORDER BY p.hash LIMIT ${q.limit}`;
      return rows.map((r) => ({ receipt: r.hash, text: r.text, channel: r.channel, enteredBy: r.enteredBy, submittedAt: r.submittedAt.toISOString(), textKey: r.textKey, groupHash: r.groupHash }));
    }
    const rows = await this.prisma.publicComment.findMany({
      where: { decisionId, draftVersion, ...(q.after ? { hash: { gt: q.after } } : {}), ...(q.unanswered ? { answer: { is: null } } : {}) },
      orderBy: { hash: 'asc' },
      take: q.limit,
      select: { hash: true, text: true, channel: true, enteredBy: true, submittedAt: true, textKey: true, answer: { select: { groupHash: true } } },
    });
    return rows.map((r) => ({ receipt: r.hash, text: r.text, channel: r.channel, enteredBy: r.enteredBy, submittedAt: r.submittedAt.toISOString(), textKey: r.textKey, groupHash: r.answer?.groupHash ?? null }));
  }

  /**
   * Answers comments with a group: the receipts named (up to MAX_RECEIPTS_PER_ASSIGNMENT), or every comment whose
   * normalized text is `textKey` (a campaign answered at once). Until the report is recorded an answer may be moved
   * to another group; after it, nothing changes (409).
   */
  async assign(personId: string, decisionId: string, sent: { groupHash: string; receipts?: string[]; textKey?: string; cluster?: string; expectedCount?: number | null; expectedMembers?: string | null }): Promise<{ assigned: number; unanswered: number }> {
    // A null expectation (which the optional fields let through) is none: not a cluster that changed (retest: 409).
    let a: { groupHash: string; receipts?: string[]; textKey?: string; cluster?: string; expectedCount?: number; expectedMembers?: string } = { ...sent, expectedCount: sent.expectedCount ?? undefined, expectedMembers: sent.expectedMembers ?? undefined };
    const given = [a.receipts, a.textKey, a.cluster].filter((x) => x !== undefined).length;
    if (given !== 1) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['receipts、textKey、cluster：必须且只能给出其中一项（exactly one of receipts, textKey and cluster must be given）'] });
    for (const [field, value] of [['expectedCount', a.expectedCount], ['expectedMembers', a.expectedMembers]] as const) {
      if (value !== undefined && !a.cluster) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [`${field}：只与 cluster 一起给出（${field} is given with cluster only）`] });
    }
    await this.mayAnswer(personId, decisionId);
    if (a.cluster) {
      const { draftVersion } = await this.answering(decisionId);
      const members = await this.clusterMembers(decisionId, draftVersion, a.cluster);
      // A cluster is grouped again as comments arrive: one response answers only what the official read (tester).
      if (a.expectedCount !== undefined && members.length !== a.expectedCount) {
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          message: `cluster：这一相似意见组现有${members.length}条意见，不是查看时的${a.expectedCount}条（其后收到的意见改变了分组）；请重新查看后答复（《重大行政决策程序暂行条例》第十八条）（cluster: it now has ${members.length} comments, not the ${a.expectedCount} read: comments received since changed the grouping; read it again and answer (Decree No. 713, Art. 18)）`,
          articles: [formatCitation(art(18))],
        });
      }
      // The same count may hide other members (one left, another joined): the digest says who (GET …/comment-clusters).
      if (a.expectedMembers !== undefined && membersDigest(members) !== a.expectedMembers) {
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          message: `cluster：这一相似意见组的成员已与查看时不同（其后收到的意见改变了分组），现有${members.length}条意见；请重新查看后答复（《重大行政决策程序暂行条例》第十八条）（cluster: its members are no longer those read: comments received since changed the grouping; it now has ${members.length}; read it again and answer (Decree No. 713, Art. 18)）`,
          articles: [formatCitation(art(18))],
        });
      }
      a = { groupHash: a.groupHash, receipts: members };
    }
    const { draftVersion, reported } = await this.answering(decisionId);
    return this.prisma.$transaction(
      async (tx) => {
        // The answers are held while a report signing them is being recorded: wait a little, then say so (503).
        await tx.$executeRaw`SELECT set_config('lock_timeout', ${`${this.lockWaitMs}ms`}, true)`;
        try {
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ANSWERS_LOCK}, hashtext(${decisionId}))`;
        } catch (err) {
          if (sqlState(err) === LOCK_NOT_AVAILABLE) throw this.beingReported();
          throw err;
        }
        // Frozen by the record's transaction (under this lock) the moment the report is stored, before the workflow says so.
        const frozen = reported || (await tx.commentAnswer.count({ where: { decisionId, draftVersion, reported: true } })) > 0;
        if (frozen) throw this.alreadyReported(draftVersion);
        // The group's response is a document of the report (Art. 18) the record will name: one uploaded, to be archived
        // (Art. 33), by the one who answers or named in the decision already.
        const missing = unavailableRefusal(await citedUnavailable(tx, { groupHash: a.groupHash }, { personId, decisionId }));
        if (missing) throw new ProcedureRefusedError(missing);
        // The receipts as one array parameter: a campaign's cluster holds tens of thousands, past PostgreSQL's 32,767
        // bind parameters had each been one (Prisma's `in`), which made answering it a 500.
        const comments = await tx.$queryRaw<{ hash: string }[]>`
          SELECT hash FROM public_comments WHERE decision_id = ${decisionId} AND draft_version = ${draftVersion}
            AND ${a.receipts ? Prisma.sql`hash = ANY(${a.receipts}::text[])` : Prisma.sql`text_key = ${a.textKey}`}`;
        if (a.receipts) {
          const found = new Set(comments.map((c) => c.hash));
          const unknown = a.receipts.filter((r) => !found.has(r));
          if (unknown.length) {
            throw new ProcedureRefusedError(
              refusal(RefusalCode.InvalidPayload, { zh: `receipts：${unknown.length}条并非本决策第${draftVersion}版草案收到的意见（例如 ${unknown[0]}）`, en: `receipts: ${unknown.length} are not comments received on draft ${draftVersion} of this decision (e.g. ${unknown[0]})` }, art(18)),
            );
          }
        }
        if (a.textKey && !comments.length) {
          throw new ProcedureRefusedError(refusal(RefusalCode.InvalidPayload, { zh: `textKey：第${draftVersion}版草案收到的意见中没有这一文本（${a.textKey}）`, en: `textKey: no comment on draft ${draftVersion} has the text ${a.textKey}` }, art(18)));
        }
        const hashes = comments.map((c) => c.hash);
        await tx.$executeRaw`
          INSERT INTO comment_answers (comment_hash, decision_id, draft_version, group_hash, answered_by)
          SELECT h, ${decisionId}, ${draftVersion}, ${a.groupHash}, ${personId} FROM unnest(${hashes}::text[]) AS h
          ON CONFLICT (comment_hash) DO UPDATE SET group_hash = EXCLUDED.group_hash, answered_by = EXCLUDED.answered_by, answered_at = now()`;
        const unanswered = await tx.publicComment.count({ where: { decisionId, draftVersion, answer: { is: null } } });
        return { assigned: hashes.length, unanswered };
      },
      { timeout: 30_000 },
    );
  }

  /** Near-identical comments as clusters, largest first: each campaign once, with its count and a sample to read. */
  async clusters(decisionId: string, page: { offset: number; limit: number }): Promise<CommentCluster[]> {
    const pp = await this.participation(decisionId);
    if (!pp) return [];
    const { draftVersion } = pp;
    const grouping = await this.grouping(decisionId, draftVersion);
    const shown = grouping.slice(page.offset, page.offset + page.limit);
    // Counted in the database, the members one array parameter: a campaign's cluster holds tens of thousands (past
    // PostgreSQL's 32,767 bind parameters as Prisma's `in`, and their texts are not needed to count them).
    const counted = await this.prisma.$queryRaw<{ g: number; unanswered: number; texts: number }[]>`
      SELECT m.g, (count(*) FILTER (WHERE a.comment_hash IS NULL))::int AS unanswered, count(DISTINCT COALESCE(p.text_key, p.hash))::int AS texts
      FROM unnest(${shown.flatMap((g) => g.ids)}::text[], ${shown.flatMap((g, i) => g.ids.map(() => i))}::int[]) AS m(hash, g)
        JOIN public_comments p ON p.hash = m.hash LEFT JOIN comment_answers a ON a.comment_hash = p.hash
      GROUP BY m.g`;
    const byGroup = new Map(counted.map((c) => [c.g, c]));
    // The sample is the leader's text, the one every member is near (the most sent).
    const samples = await this.prisma.$queryRaw<{ hash: string; text: string }[]>`SELECT hash, text FROM public_comments WHERE hash = ANY(${shown.map((g) => g.leaderId)}::text[])`;
    const sampleOf = new Map(samples.map((r) => [r.hash, r.text]));
    return shown.map((g, i) => ({
      cluster: g.groupId,
      count: g.count,
      unanswered: byGroup.get(i)?.unanswered ?? 0,
      texts: byGroup.get(i)?.texts ?? 0,
      sample: { receipt: g.leaderId, text: sampleOf.get(g.leaderId) ?? '' },
      members: membersDigest(g.ids),
    }));
  }

  /** The receipts of a cluster of the draft's comments, as grouped now; refused naming Art. 18 where there is none. */
  private async clusterMembers(decisionId: string, draftVersion: number, cluster: string): Promise<string[]> {
    const members = (await this.grouping(decisionId, draftVersion)).find((g) => g.groupId === cluster)?.ids;
    if (!members) throw new ProcedureRefusedError(refusal(RefusalCode.InvalidPayload, { zh: `cluster：第${draftVersion}版草案的意见中没有这一相似意见组（${cluster}）`, en: `cluster: no cluster ${cluster} among the comments on draft ${draftVersion}` }, art(18)));
    return members;
  }

  /**
   * The near-duplicate grouping of a draft's comments (libs/comments/similarity.ts), largest group first, kept for the
   * comments it was made of: made again when one more arrived, else served again (a closed period's is made once), and
   * made once for officials asking at the same time. Made on a worker thread: a campaign's 100,000 comments cost
   * seconds of CPU, during which the API answered no one (fresh-eyes tester: GET /health took 2.35 s meanwhile).
   */
  private grouping(decisionId: string, draftVersion: number): Promise<NearDuplicateGroup[]> {
    return this.prisma.publicComment.count({ where: { decisionId, draftVersion } }).then((received) => {
      const key = `${decisionId}|${draftVersion}|${received}`;
      const held = this.groupings.get(key);
      if (held) return held;
      const made = this.makeGrouping(decisionId, draftVersion);
      this.groupings.set(key, made);
      made.catch(() => this.groupings.delete(key)); // a failure is not served again
      // A few decisions' groupings at once: the officials working on them now.
      while (this.groupings.size > 8) this.groupings.delete(this.groupings.keys().next().value!);
      return made;
    });
  }

  private async makeGrouping(decisionId: string, draftVersion: number): Promise<NearDuplicateGroup[]> {
    // Read through pg itself (Prisma's reading of 100,000 rows cost the event loop a second). Comments received before
    // the columns existed are keyed and signed here, from their text; the others' texts are not read (a campaign's
    // hundred thousand texts would be held for nothing).
    const rows = await hotQuery<{ hash: string; text_key: string | null; similarity: Uint8Array | null; text: string | null }>(
      this.prisma,
      `SELECT hash, text_key, similarity, CASE WHEN text_key IS NULL OR similarity IS NULL OR length(similarity) <> $3 THEN text END AS text
       FROM public_comments WHERE decision_id = $1 AND draft_version = $2`,
      [decisionId, draftVersion, SIGNATURE_BYTES],
    );
    const ids: string[] = [];
    const exactKeys: string[] = [];
    const signatures = new Uint8Array(rows.length * SIGNATURE_BYTES);
    rows.forEach((r, i) => {
      ids.push(r.hash);
      exactKeys.push(r.text_key ?? exactKey(r.text!));
      signatures.set(r.text === null ? r.similarity! : signature(r.text), i * SIGNATURE_BYTES);
    });
    return this.threads.run('groupNearDuplicates', { ids, exactKeys, signatures }, [signatures.buffer]);
  }

  private readonly groupings = new Map<string, Promise<NearDuplicateGroup[]>>();
  private readonly threads = new ThreadPool(1);

  async onModuleDestroy(): Promise<void> {
    await this.threads.close();
  }

  /** Where the answers stand: counts by group, what is unanswered, and (once every comment is answered) what the report signs. */
  async summary(decisionId: string): Promise<CommentAnswersSummary> {
    const pp = await this.participation(decisionId);
    if (!pp) return { decisionId, draftVersion: null, reported: false, received: 0, answered: 0, unanswered: 0, groups: [], commentsAnswered: null, intake: { received: 0, distinctTexts: 0, folded: 0, rateLimited: 0 } };
    const { draftVersion, reported } = pp;
    const answers = await this.answersOf(this.prisma, decisionId, draftVersion);
    const received = await this.prisma.publicComment.count({ where: { decisionId, draftVersion } });
    const [{ distinct }] = await this.prisma.$queryRaw<{ distinct: number }[]>`
      SELECT COUNT(DISTINCT COALESCE(text_key, hash))::int AS distinct FROM public_comments WHERE decision_id = ${decisionId} AND draft_version = ${draftVersion}`;
    const counts = await this.prisma.commentIntakeCount.findUnique({ where: { decisionId_draftVersion: { decisionId, draftVersion } } });
    const groups = new Map<string, number>();
    for (const x of answers) groups.set(x.group, (groups.get(x.group) ?? 0) + 1);
    return {
      decisionId,
      draftVersion,
      reported,
      received,
      answered: answers.length,
      unanswered: received - answers.length,
      groups: [...groups].map(([groupHash, commentCount]) => ({ groupHash, commentCount })).sort((x, y) => y.commentCount - x.commentCount || (x.groupHash < y.groupHash ? -1 : 1)),
      commentsAnswered: answers.length === received ? { draftVersion, count: answers.length, root: answersRoot(answers) } : null,
      intake: { received, distinctTexts: distinct, folded: counts?.folded ?? 0, rateLimited: counts?.rateLimited ?? 0 },
    };
  }

  /**
   * Sends the adoption report (`send`) if it answers the comments as the database holds them now: every comment
   * received on the draft answered, by the number and root it signs, each group's count as given. A first check, to
   * answer at once; the record activity checks again in the transaction that freezes the answers with the report (and
   * refuses the step if they moved in between), so a report is never recorded over answers other than those it signs.
   * A report that lists receipts inline (a few comments) is checked against them instead.
   */
  async withReportChecked<T>(decisionId: string, payload: Payloads['submitAdoptionReport'], send: () => Promise<T>): Promise<T> {
    const s = await this.temporal.workflow.getHandle(decisionId).query(procedureQuery);
    const version = s.publicParticipation?.draftVersion;
    if (version === undefined || !Array.isArray(payload?.groups)) return send(); // the procedure itself refuses these
    if (!payload.commentsAnswered) {
      await this.checkInline(decisionId, version, payload);
      return send();
    }
    // A malformed summary, another draft's answers or a second report: the procedure's own refusal names the field.
    const signed = payload.commentsAnswered;
    const wellFormed = Number.isInteger(signed?.draftVersion) && Number.isInteger(signed?.count) && signed.count >= 0 && typeof signed.root === 'string' && payload.groups.every((g) => Number.isInteger(g?.commentCount));
    if (wellFormed && signed.draftVersion === version && !s.publicParticipation?.adoptionReport) {
      const problems = answersProblems(payload, await this.answersOf(this.prisma, decisionId, version), await this.prisma.publicComment.count({ where: { decisionId, draftVersion: version } }));
      if (problems.length) throw new ProcedureRefusedError(refusal(RefusalCode.CommentsUnanswered, answersRefusalText(problems), art(18)));
    }
    return send();
  }

  /** The inline form: the receipts the groups list are exactly the comments received on the draft. */
  private async checkInline(decisionId: string, version: number, payload: Payloads['submitAdoptionReport']): Promise<void> {
    const received = new Set((await this.prisma.publicComment.findMany({ where: { decisionId, draftVersion: version }, select: { hash: true } })).map((c) => c.hash));
    const answered = new Set(payload.groups.flatMap((g) => (Array.isArray(g?.commentHashes) ? g.commentHashes : [])));
    if (answered.size > MAX_RECEIPTS_PER_ASSIGNMENT || received.size > MAX_RECEIPTS_PER_ASSIGNMENT) {
      throw new ProcedureRefusedError(
        refusal(
          RefusalCode.InvalidPayload,
          {
            zh: `收到的意见有${received.size}条，不宜在报告中逐条列出回执：请按分组逐批答复（PUT /decisions/:id/comment-answers），报告签署答复汇总（commentsAnswered，见 GET /decisions/:id/comment-answers）`,
            en: `${received.size} comments were received, too many to list in the report: answer them in batches (PUT /decisions/:id/comment-answers) and sign their summary (commentsAnswered, from GET /decisions/:id/comment-answers)`,
          },
          art(18),
        ),
      );
    }
    const unanswered = [...received].filter((h) => !answered.has(h));
    const unknown = [...answered].filter((h) => !received.has(h));
    if (unanswered.length || unknown.length) {
      const zh = [unanswered.length ? `${unanswered.length}条已收到的意见未在任何分组中答复（例如 ${unanswered[0]}）` : '', unknown.length ? `${unknown.length}条意见并非针对本草案收到（例如 ${unknown[0]}）` : ''].filter(Boolean).join('；');
      const en = [unanswered.length ? `${unanswered.length} received comment(s) answered by no group (e.g. ${unanswered[0]})` : '', unknown.length ? `${unknown.length} comment(s) not received on this draft (e.g. ${unknown[0]})` : ''].filter(Boolean).join('; ');
      const hint = unanswered.length > MAX_RECEIPTS_PER_ASSIGNMENT ? { zh: '；意见较多时，请按分组逐批答复（PUT /decisions/:id/comment-answers），报告签署答复汇总（commentsAnswered）', en: '; with many comments, answer them in batches (PUT /decisions/:id/comment-answers) and sign their summary (commentsAnswered)' } : { zh: '', en: '' };
      throw new ProcedureRefusedError(refusal(RefusalCode.CommentsUnanswered, { zh: `意见研究采纳情况应当对收到的每条意见逐一答复且只答复一次：${zh}${hint.zh}`, en: `the adoption report must answer every comment received, each once: ${en}${hint.en}` }, art(18)));
    }
  }

  private async answersOf(db: Db, decisionId: string, draftVersion: number): Promise<CommentAnswer[]> {
    const rows = await db.commentAnswer.findMany({ where: { decisionId, draftVersion }, select: { commentHash: true, groupHash: true } });
    return rows.map((r) => ({ receipt: r.commentHash, group: r.groupHash }));
  }

  /** Only the undertaking unit answers the public (Art. 18): others in scope read; outside it, no decision. */
  private async mayAnswer(personId: string, decisionId: string): Promise<void> {
    if (!(await this.scopes.actsAs(personId, decisionId, Role.UndertakingUnit))) {
      throw new ProcedureRefusedError(refusal(RefusalCode.WrongRole, { zh: '只有决策承办单位的工作人员可以答复公众意见', en: 'only the undertaking unit answers the public comments' }, art(18)));
    }
  }

  private beingReported() {
    return new ServiceUnavailableException({
      statusCode: 503,
      error: 'Service Unavailable',
      message: '本决策的意见研究采纳情况正在记录，答复暂不能更改，请稍后再试；报告记录后，答复即随之载入记录（《重大行政决策程序暂行条例》第十八条）（the adoption report is being recorded with these answers; try again shortly: once it is recorded they no longer change (Decree No. 713, Art. 18)）',
      articles: [formatCitation(art(18))],
    });
  }

  private alreadyReported(draftVersion: number) {
    return new ConflictException({
      statusCode: 409,
      error: 'Conflict',
      message: `第${draftVersion}版草案的意见研究采纳情况已经提交，答复已载入记录，不能再更改；草案作实质性修改、重新征求意见的，对新收到的意见另行答复（《重大行政决策程序暂行条例》第十八条）（the adoption report on draft ${draftVersion} is recorded; its answers can no longer change; a substantially revised draft put out for comment again has its own comments to answer (Decree No. 713, Art. 18)）`,
      articles: [formatCitation(art(18))],
    });
  }
}

type Db = Pick<PrismaClient, 'commentAnswer' | 'publicComment'>;

/** A cluster's members as CommentCluster.members gives them: 'sha256:' of their receipts in order, one a line. */
const membersDigest = (ids: readonly string[]): string => `sha256:${hash('sha256', ids.join('\n'), 'hex')}`;

/** PostgreSQL's lock_not_available: lock_timeout ran out. */
const LOCK_NOT_AVAILABLE = '55P03';

