/**
 * The public lists (drafts open for comment, published decisions) ask each
 * decision's workflow, up to a hundred queries an answer; anyone may call
 * them, as often as the rate limit lets every client. So one answer serves
 * everyone for a few seconds: however many ask, the workflows are asked at
 * most once per period per process, and concurrent callers share the one
 * answer being made. A failed answer is not kept.
 */
export class SharedAnswer<T> {
  private held?: { at: number; answer: Promise<T> };

  constructor(
    private readonly make: () => Promise<T>,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<T> {
    const t = this.now();
    if (this.held && t - this.held.at < this.ttlMs) return this.held.answer;
    const answer = this.make();
    const held = { at: t, answer };
    this.held = held;
    answer.catch(() => {
      if (this.held === held) this.held = undefined;
    });
    return answer;
  }
}
