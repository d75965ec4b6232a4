import { Slots } from './slots';

describe('Slots: costly work anyone may ask for, a few at a time', () => {
  /** Work that runs until it is let go. */
  const held = () => {
    let letGo!: () => void;
    const done = new Promise<void>((r) => (letGo = r));
    return { work: () => done.then(() => 'done'), letGo };
  };

  it('runs `limit` at once, queues `queueLength` more, turns the rest away at once, and gives each freed slot to the next in line', async () => {
    const slots = new Slots(2, 1, 10_000, (waiting) => new Error(`busy, ${waiting} waiting`));
    const [a, b, c] = [held(), held(), held()];
    const started: string[] = [];
    const run = (name: string, h: ReturnType<typeof held>) => slots.run(() => (started.push(name), h.work()));
    const ra = run('a', a);
    const rb = run('b', b);
    const rc = run('c', c);
    await expect(slots.run(async () => 'd')).rejects.toThrow('busy, 1 waiting');
    await Promise.resolve();
    expect(started).toEqual(['a', 'b']);
    a.letGo();
    expect(await ra).toBe('done');
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual(['a', 'b', 'c']);
    b.letGo();
    c.letGo();
    expect(await Promise.all([rb, rc])).toEqual(['done', 'done']);
    // Freed, the slots take work again; one that fails frees its slot too.
    await expect(slots.run(() => Promise.reject(new Error('failed')))).rejects.toThrow('failed');
    expect(await Promise.all([slots.run(async () => 1), slots.run(async () => 2)])).toEqual([1, 2]);
  });

  it('turns away one that waited its time, and takes it out of the line', async () => {
    const slots = new Slots(1, 5, 30, () => new Error('waited too long'));
    const first = held();
    const running = slots.run(first.work);
    await expect(slots.run(async () => 'late')).rejects.toThrow('waited too long');
    first.letGo();
    await running;
    expect(await slots.run(async () => 'next')).toBe('next');
  });
});
