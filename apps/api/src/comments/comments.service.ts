import { Inject, Injectable, NotFoundException, Optional } from '@nestjs/common';
import { createHmac, hash, randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../../../libs/db/prisma';
import { art, refusal, RefusalCode, type CommentReceipt, type CommentTrace, type Payloads } from '../../../../libs/domain';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { APP_CONFIG } from '../../../../libs/nest/config.module';
import type { AppConfig } from '../../../../libs/config/config';
import { loadSecretKey } from '../../../../libs/notify/secrets';
import { exactKey, signature } from '../../../../libs/comments/similarity';
import { answerTree } from '../../../../libs/record/comment-answers';
import { canonicalize } from '../../../../libs/record/jcs';
import { Batcher } from '../../../../libs/db/batch';
import { sqlState } from '../../../../libs/db/failures';
import { CommentPeriods } from './comment-periods';
import { isoInstant } from '../decisions/presenters';
import { DecisionNotFoundError, ProcedureRefusedError } from '../errors';
import { MetricsService } from '../metrics/metrics.service';

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
    private readonly periods: CommentPeriods,
    @Inject(APP_CONFIG) config: AppConfig,
    @Optional() private readonly metrics?: MetricsService,
  ) {
    this.foldKeyKey = loadSecretKey(config.commentFoldKeyFile, 'COMMENT_FOLD_KEY_FILE');
  }

  /** The key fold keys are made under (COMMENT_FOLD_KEY_FILE): without it, a plain hash. */
  private readonly foldKeyKey: Buffer | undefined;

  /**
   * What makes the same client's same text on the same draft one comment. Keyed where a key is configured: its inputs
   * are few enough to try (the addresses of a country, a campaign's text), so a plain hash in the database gave away
   * who sent a comment to one holding the database (fresh-eyes tester). Comments stored before keep their plain key.
   */
  private foldKeyOf(tuple: { decisionId: string; draftVersion: number; client: string; text: string }): string {
    const canonical = canonicalize(tuple);
    return this.foldKeyKey ? `hmac-sha256:${createHmac('sha256', this.foldKeyKey).update(canonical).digest('hex')}` : `sha256:${hash('sha256', canonical, 'hex')}`;
  }

  /**
   * Receives a comment and answers its receipt. `client` says who sent it (the
   * client's address): the same client sending the same text on the same draft
   * again gets the first receipt and no second comment is stored (it is counted
   * as folded); another client's identical text is a comment of its own. The
   * period is read from the workflow at most once a second per decision
   * (CommentPeriods): a burst of comments costs one insert a batch.
   */
  async submit(decisionId: string, text: string, channel: string, client: string, enteredBy: string | null = null): Promise<CommentReceipt> {
    const period = await this.periods.of(decisionId);
    // A decision never put out for comment is none of the public's business: answered as one that does not exist.
    if (!period.everOpened) throw new DecisionNotFoundError(decisionId);
    const now = new Date();
    // The workflow's clock decides when the period has run out (its timer marks the deadline elapsed); between two reads, its due time.
    if (!period.open || now.getTime() >= period.dueAt) throw periodOver();
    const draftVersion = period.draftVersion;
    const submittedAt = now.toISOString();
    // The nonce makes every comment its own, even the same text in the same millisecond (from different clients).
    const nonce = randomUUID();
    const receipt = `sha256:${hash('sha256', canonicalize({ decisionId, draftVersion, text, channel, submittedAt, nonce }), 'hex')}`;
    // The same client, the same text, the same draft: one comment, however often (or however concurrently) it is sent.
    // A comment an official enters (a letter, a call) is each its own: two citizens' identical letters, typed in from one
    // desk, were folded into one and the second lost (retest); nor is it one with a website comment from that address.
    const foldKey = this.foldKeyOf({ decisionId, draftVersion, client: enteredBy === null ? client : `entered:${enteredBy}:${nonce}`, text });
    const stored = await this.intake
      .add({ hash: receipt, decisionId, draftVersion, text, channel, submittedAt, nonce, foldKey, textKey: exactKey(text), similarity: Buffer.from(signature(text)).toString('hex'), enteredBy })
      .catch((err: unknown) => {
        // Checked open, but the period was closed and reported on before its insert committed: the database refuses a
        // comment no report could answer any more (migration comments_before_report), and the citizen is told so.
        if (sqlState(err) === '23514' && /public_comments_after_report/.test(String((err as Error)?.message ?? err))) throw periodOver();
        throw err;
      });
    if (stored) this.metrics?.commentReceived();
    else {
      this.metrics?.commentFolded();
      await this.prisma.$executeRaw`INSERT INTO comment_intake_counts (decision_id, draft_version, folded) VALUES (${decisionId}, ${draftVersion}, 1) ON CONFLICT (decision_id, draft_version) DO UPDATE SET folded = comment_intake_counts.folded + 1`;
    }
    const first = stored ? { hash: receipt, submittedAt: now } : await this.prisma.publicComment.findUniqueOrThrow({ where: { foldKey }, select: { hash: true, submittedAt: true } });
    // In the decision's time zone, as every answer gives times (the trace keeps the stored instant the receipt hashes).
    return { receipt: first.hash, decisionId, draftVersion, submittedAt: isoInstant(first.submittedAt.getTime(), period.timeZone), periodEnds: isoInstant(period.dueAt, period.timeZone) };
  }

  /** A receipt traced to what became of the comment, with its answer's audit path where the report signs a root. */
  async trace(receipt: string): Promise<CommentTrace> {
    const found = await this.prisma.publicComment.findUnique({
      where: { hash: receipt },
      select: { hash: true, decisionId: true, draftVersion: true, text: true, channel: true, submittedAt: true, nonce: true, answer: { select: { groupHash: true, reported: true } } },
    });
    if (!found) throw new NotFoundException(`没有回执为 ${receipt} 的意见（no comment with receipt ${receipt}）`);
    const { answer: held, ...comment } = found;
    const c = { ...comment, submittedAt: comment.submittedAt.toISOString() };
    const reports = await this.prisma.decisionStep.findMany({ where: { decisionId: c.decisionId, action: 'submitAdoptionReport' }, orderBy: { seq: 'asc' } });
    for (const r of reports) {
      const p = r.payload as unknown as Payloads['submitAdoptionReport'];
      const answered = p.commentsAnswered;
      const groupHash = answered ? (answered.draftVersion === c.draftVersion && held?.reported ? held.groupHash : undefined) : p.groups.find((g) => g.commentHashes?.includes(receipt))?.groupHash;
      const group = groupHash === undefined ? undefined : p.groups.find((g) => g.groupHash === groupHash);
      if (!group) continue;
      const proof = answered ? await this.proofOf(receipt, c.decisionId, answered.draftVersion, answered.root) : undefined;
      return { comment: c, answer: { seq: r.seq, reportHash: p.reportHash, groupHash: group.groupHash, response: group.response, reason: group.reason ?? null, entryHash: r.entryHash, ...(proof ? { proof } : {}) } };
    }
    return { comment: c, answer: null };
  }

  private async proofOf(receipt: string, decisionId: string, draftVersion: number, root: string) {
    const key = `${decisionId}|${draftVersion}`;
    let tree = this.trees.get(key);
    if (!tree) {
      const answers = await this.prisma.commentAnswer.findMany({ where: { decisionId, draftVersion }, select: { commentHash: true, groupHash: true } });
      tree = answerTree(answers.map((a) => ({ receipt: a.commentHash, group: a.groupHash })));
      // Frozen with the report: a draft's tree never changes, so the last few asked for are kept (a public read).
      this.trees.set(key, tree);
      while (this.trees.size > 8) this.trees.delete(this.trees.keys().next().value!);
    }
    const path = tree.proofOf(receipt);
    return path && { root, ...path };
  }

  /**
   * Comments in, a batch a statement (libs/db/batch.ts): whether each was stored, or folded into the same
   * client's earlier one (its fold key taken). In fold-key order, so two batches never wait on each other's keys.
   */
  private readonly intake = new Batcher<NewComment, boolean>(async (rows) => {
    // By decision, then fold key: each row's insert takes its decision's answers lock (shared), so two batches take
    // them in one order and never wait on each other in a cycle with a report or an answer being recorded.
    const order = (r: NewComment) => [r.decisionId, r.foldKey] as const;
    const sorted = [...rows].sort((a, b) => {
      const [x, y] = [order(a), order(b)];
      return x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0;
    });
    const col = <K extends keyof NewComment>(k: K) => sorted.map((r) => r[k]);
    const inserted = await this.prisma.$queryRaw<{ hash: string }[]>`
      INSERT INTO public_comments (hash, decision_id, draft_version, text, channel, submitted_at, nonce, fold_key, text_key, similarity, entered_by)
      SELECT hash, decision_id, draft_version, text, channel, submitted_at, nonce, fold_key, text_key, decode(similarity, 'hex'), entered_by
      FROM unnest(${col('hash')}::text[], ${col('decisionId')}::text[], ${col('draftVersion')}::int[], ${col('text')}::text[], ${col('channel')}::text[],
                  ${col('submittedAt')}::timestamptz[], ${col('nonce')}::text[], ${col('foldKey')}::text[], ${col('textKey')}::text[], ${col('similarity')}::text[],
                  ${col('enteredBy')}::text[])
        WITH ORDINALITY AS u(hash, decision_id, draft_version, text, channel, submitted_at, nonce, fold_key, text_key, similarity, entered_by, n)
      ORDER BY n
      ON CONFLICT DO NOTHING
      RETURNING hash`;
    const stored = new Set(inserted.map((r) => r.hash));
    return rows.map((r) => stored.has(r.hash));
  });

  private readonly trees = new Map<string, ReturnType<typeof answerTree>>();
}

/** A public comment as it is stored; the similarity signature in hex. */
interface NewComment {
  hash: string;
  decisionId: string;
  draftVersion: number;
  text: string;
  channel: string;
  submittedAt: string;
  nonce: string;
  foldKey: string;
  textKey: string;
  similarity: string;
  /** The official who entered it (a letter, a call …); null for the website's. */
  enteredBy: string | null;
}

/** The refusal of a comment when no period on the decision takes one (Art. 15). */
const periodOver = () => new ProcedureRefusedError(refusal(RefusalCode.WrongStage, { zh: '本决策事项没有正在进行的公开征求意见', en: 'no public comment period on this decision is open' }, art(15)));
