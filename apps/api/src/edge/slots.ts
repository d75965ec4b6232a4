/**
 * At most `limit` runs at a time of costly work anyone may ask for (verifying a record, exporting its bundle); up to
 * `queueLength` more wait, each at most `waitMs`; the rest are turned away at once with `busy(waiting)`, a 503 with
 * Retry-After, rather than piling up in memory (fresh-eyes tester: eight exports at once took the API from 266 MB to 1.2 GB).
 */
export class Slots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly limit: number,
    private readonly queueLength: number,
    private readonly waitMs: number,
    private readonly busy: (waiting: number) => Error,
  ) {}

  /** Runs `work` in a slot, waiting for one if need be. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.running < this.limit) {
      this.running++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.queueLength) return Promise.reject(this.busy(this.waiting.length));
    return new Promise<void>((resolve, reject) => {
      const turn = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(turn), 1);
        reject(this.busy(this.waiting.length));
      }, this.waitMs);
      this.waiting.push(turn);
    });
  }

  /** Hands the slot to the next in line, if any. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}
