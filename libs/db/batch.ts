import { classifyDbFailure } from './failures';

interface Waiting<T, R> {
  item: T;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

/**
 * Many callers' small writes as one statement. A burst of public comments
 * costs PostgreSQL (and the API's event loop) one round trip per batch, not
 * one per comment: what arrives while a batch is on its way goes in the next.
 * A lone caller waits one turn of the event loop, no more. Should a batch fail
 * on its data (a value PostgreSQL refuses, SQLSTATE 22/23), each of its items
 * is tried alone, so one bad item fails only its own caller; a lost
 * connection or a timeout fails them all at once (trying each again would
 * only wait again).
 */
export class Batcher<T, R> {
  private waiting: Waiting<T, R>[] = [];
  private inFlight = 0;
  private scheduled = false;

  /** `run` answers `items` in order, one result each. */
  constructor(
    private readonly run: (items: T[]) => Promise<R[]>,
    private readonly limits: { maxItems: number; maxInFlight: number } = { maxItems: 500, maxInFlight: 2 },
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || !this.waiting.length || this.inFlight >= this.limits.maxInFlight) return;
    this.scheduled = true;
    // The callers whose requests this turn of the event loop reads join the same batch.
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.waiting.length && this.inFlight < this.limits.maxInFlight) {
      const batch = this.waiting.splice(0, this.limits.maxItems);
      this.inFlight++;
      void this.answer(batch).finally(() => {
        this.inFlight--;
        this.schedule();
      });
    }
  }

  private async answer(batch: Waiting<T, R>[]): Promise<void> {
    try {
      const results = await this.run(batch.map((w) => w.item));
      if (results.length !== batch.length) throw new Error(`a batch of ${batch.length} was answered with ${results.length} results`);
      batch.forEach((w, i) => w.resolve(results[i]));
    } catch (err) {
      if (batch.length === 1 || classifyDbFailure(err) !== 'permanent') {
        for (const w of batch) w.reject(err);
        return;
      }
      await Promise.all(batch.map((w) => this.answer([w])));
    }
  }
}
