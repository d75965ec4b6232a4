import { SharedAnswer } from './shared-answer';

describe('SharedAnswer: one answer of a public list for everyone, for a few seconds', () => {
  it('makes the answer once per period, however many ask, concurrently or not', async () => {
    let now = 0;
    let made = 0;
    const shared = new SharedAnswer(async () => ++made, 5_000, () => now);
    expect(await Promise.all([shared.get(), shared.get(), shared.get()])).toEqual([1, 1, 1]);
    now = 4_999;
    expect(await shared.get()).toBe(1);
    now = 5_000;
    expect(await shared.get()).toBe(2);
    expect(made).toBe(2);
  });

  it('keeps no failed answer, and shares nothing with a period of 0', async () => {
    let fail = true;
    let made = 0;
    const flaky = new SharedAnswer(async () => {
      made++;
      if (fail) throw new Error('Temporal unavailable');
      return made;
    }, 5_000, () => 0);
    await expect(flaky.get()).rejects.toThrow('Temporal unavailable');
    fail = false;
    expect(await flaky.get()).toBe(2);
    const fresh = new SharedAnswer(async () => ++made, 0, () => 0);
    expect([await fresh.get(), await fresh.get()]).toEqual([3, 4]);
  });
});
