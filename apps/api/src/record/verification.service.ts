import { Inject, Injectable, OnModuleDestroy, ServiceUnavailableException } from '@nestjs/common';
import type { AppConfig } from '../../../../libs/config/config';
import type { PrismaClient } from '../../../../libs/db/prisma';
import { APP_CONFIG } from '../../../../libs/nest/config.module';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { closedRunsNotArchived, MISSING_ARCHIVE, verifyBundle, type BundleVerdict, type DecisionBundle } from '../../../../libs/record/bundle';
import type { RecordEntry } from '../../../../libs/record/chain';
import { ThreadPool } from '../threads/thread-pool';
import { Slots } from '../edge/slots';

/** How long a verification may wait for its turn before the caller is told to come back. */
export const VERIFY_WAIT_MS = 10_000;
const CACHED_DECISIONS = 256;

/** 503 with a Retry-After header of `retryAfterSeconds` (the error filter sets it from the body): too many verifications at once. */
export class VerificationBusyException extends ServiceUnavailableException {
  constructor(readonly retryAfterSeconds: number) {
    super({ statusCode: 503, error: 'Service Unavailable', message: `核验任务繁忙，请在 ${retryAfterSeconds} 秒后重试（verification busy: try again after ${retryAfterSeconds} s）`, retryAfterSeconds });
  }
}

/**
 * 503 with Retry-After: the decision closed moments ago and the workers' pass (every CHECKPOINT_INTERVAL_SECONDS) has not
 * yet archived its last run's history into the record, which the verifier requires of a closed run. Said as what it
 * is, not as a failed record (fresh-eyes tester: an inspector read "missing" for a minute after every closure).
 */
export class ArchivePendingException extends ServiceUnavailableException {
  constructor(readonly retryAfterSeconds: number) {
    super({
      statusCode: 503,
      error: 'Service Unavailable',
      pending: 'archive',
      retryAfterSeconds,
      message: `本决策的一段流程刚刚结束（程序终止，或者流程转入新的一段），其历史正在归入决策记录（第三十三条），请在 ${retryAfterSeconds} 秒后重新核验或者导出（a run of the decision has just closed, the procedure ending or going on in a new run, and its history is being archived into its record, Art. 33: verify or export again after ${retryAfterSeconds} s）`,
    });
  }
}

/**
 * GET /decisions/:id/verify, made cheap and bounded. Verifying a record costs
 * seconds of CPU for a long one, and anyone may ask, so:
 *  - a verdict is reused until the decision (its last entry) or the log's
 *    checkpoint (its tree size) changes;
 *  - at most VERIFY_CONCURRENCY verifications run at a time, on worker
 *    threads (threads/thread-pool.ts), never on the event loop; up to VERIFY_QUEUE
 *    more wait, at most VERIFY_WAIT_MS; the rest get 503 with Retry-After.
 */
@Injectable()
export class VerificationService implements OnModuleDestroy {
  /** Counters, for operators and tests. */
  readonly stats = { verifications: 0, cacheHits: 0, rejected: 0 };
  private readonly cache = new Map<string, { key: string; verdict: BundleVerdict }>();
  private readonly pool: ThreadPool;
  private readonly limit: number;
  /** How long after a decision's last entry a closed run not yet archived is taken as waiting for the archive pass. */
  private readonly archiveGraceMs: number;
  private readonly slots: Slots;
  /** Recent mean duration of one verification, for the Retry-After estimate. */
  private meanMs = 1000;

  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limit = config.verifyConcurrency ?? 1;
    this.archiveGraceMs = (3 * (config.checkpointIntervalSeconds ?? 60) + 60) * 1000;
    this.pool = new ThreadPool(this.limit);
    this.slots = new Slots(this.limit, config.verifyQueue ?? 4, VERIFY_WAIT_MS, (waiting) => this.busy(waiting));
  }

  /** The verdict on the decision's record; `exportBundle` exports it (and answers 404 for an unknown decision). */
  async verify(id: string, exportBundle: () => Promise<DecisionBundle>): Promise<BundleVerdict> {
    return this.unlessArchiving(id, await this.verdictOf(id, exportBundle));
  }

  /**
   * A closed run not archived is a record cut short (the verdict stands), unless the decision's last entry is recent
   * enough for the archive pass not to have come yet: then it is pending, and said so (ArchivePendingException).
   */
  private async unlessArchiving(id: string, verdict: BundleVerdict): Promise<BundleVerdict> {
    if (verdict.ok || verdict.check !== 'histories' || !verdict.failure.includes(MISSING_ARCHIVE)) return verdict;
    await this.archivePending(id);
    return verdict;
  }

  /**
   * A bundle for inspectors is not given while a closed run of it waits for its archive: offline it would read as a
   * record cut short (second tester: exported the moment the workflow continued as new, with the workers up). A run
   * closed long ago and never archived is given as it is, for the verifier to name.
   */
  async unlessArchivePending(bundle: DecisionBundle): Promise<DecisionBundle> {
    // Only the archive entries are parsed, not every entry of a long record on each export.
    const archives = bundle.entries.filter((e) => e.canonical.includes('"archiveHistory"')).flatMap((e) => parsedEntry(e.canonical) ?? []);
    if (closedRunsNotArchived(archives, bundle.histories).length) await this.archivePending(bundle.decisionId);
    return bundle;
  }

  /** Throws ArchivePendingException where the decision's last entry is recent enough for the archive not to have come yet. */
  private async archivePending(id: string): Promise<void> {
    const last = await this.prisma.decisionStep.findFirst({ where: { decisionId: id }, orderBy: { seq: 'desc' }, select: { at: true } });
    const since = last ? Date.now() - last.at.getTime() : Infinity;
    if (since > this.archiveGraceMs) return;
    throw new ArchivePendingException(Math.max(1, Math.ceil(Math.min(this.archiveGraceMs - since, this.archiveGraceMs / 3) / 1000)));
  }

  private async verdictOf(id: string, exportBundle: () => Promise<DecisionBundle>): Promise<BundleVerdict> {
    const key = await this.currentKey(id);
    if (key === undefined) return this.verifyHere(await exportBundle()); // no record at all: nothing to compute
    const hit = this.lookup(id, key);
    if (hit) return hit;
    return this.slots.run(async () => {
      // Another request may have verified the same record while this one waited.
      const again = this.lookup(id, await this.currentKey(id));
      if (again) return again;
      const started = Date.now();
      let bundle = await exportBundle();
      let verdict = await this.pool.run('verifyBundle', { bundle, trusted: { systemKeys: bundle.systemKeys, actorKeys: bundle.actorKeys, registrarKeys: bundle.registrarKeys } });
      // A step recorded between reading the entries and the workflow's history reads as one left out of the record
      // (retest: one genuine record failed 'history-match' among nine while steps came in): read both again, twice at most.
      for (let again = 0; again < 2 && !verdict.ok && verdict.check === 'history-match' && (await this.currentKey(id)) !== keyOf(bundle.entries.at(-1), bundle.checkpoint?.treeSize); again++) {
        bundle = await exportBundle();
        verdict = await this.pool.run('verifyBundle', { bundle, trusted: { systemKeys: bundle.systemKeys, actorKeys: bundle.actorKeys, registrarKeys: bundle.registrarKeys } });
      }
      this.stats.verifications++;
      this.meanMs = 0.7 * this.meanMs + 0.3 * (Date.now() - started);
      this.remember(id, keyOf(bundle.entries.at(-1), bundle.checkpoint?.treeSize), verdict);
      return verdict;
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.close();
  }

  /** What the verdict depends on that changes: the decision's last entry and the checkpoint's size. */
  private async currentKey(id: string): Promise<string | undefined> {
    const [last, checkpoint] = await Promise.all([
      this.prisma.decisionStep.findFirst({ where: { decisionId: id }, orderBy: { seq: 'desc' }, select: { seq: true, entryHash: true } }),
      this.prisma.logCheckpoint.findFirst({ orderBy: { treeSize: 'desc' }, select: { treeSize: true } }),
    ]);
    return last ? keyOf({ seq: last.seq, hash: last.entryHash ?? '' }, checkpoint ? Number(checkpoint.treeSize) : undefined) : undefined;
  }

  private lookup(id: string, key: string | undefined): BundleVerdict | undefined {
    const cached = this.cache.get(id);
    if (!cached || cached.key !== key) return undefined;
    this.stats.cacheHits++;
    return cached.verdict;
  }

  private remember(id: string, key: string, verdict: BundleVerdict): void {
    this.cache.delete(id);
    this.cache.set(id, { key, verdict });
    if (this.cache.size > CACHED_DECISIONS) this.cache.delete(this.cache.keys().next().value as string);
  }

  private verifyHere(bundle: DecisionBundle): BundleVerdict {
    return verifyBundle(bundle, { systemKeys: bundle.systemKeys, actorKeys: bundle.actorKeys, registrarKeys: bundle.registrarKeys });
  }

  private busy(waiting: number): VerificationBusyException {
    this.stats.rejected++;
    const seconds = Math.ceil((this.meanMs * (waiting + 1)) / this.limit / 1000);
    return new VerificationBusyException(Math.min(60, Math.max(1, seconds)));
  }
}

function keyOf(last: { seq: number; hash: string } | undefined, treeSize: number | undefined): string {
  return `${last?.seq}:${last?.hash}:${treeSize ?? 0}`;
}

/** An entry's parts, or nothing where it does not parse (the verifier names such an entry). */
function parsedEntry(canonical: string): RecordEntry[] | undefined {
  try {
    return [JSON.parse(canonical) as RecordEntry];
  } catch {
    return undefined;
  }
}
