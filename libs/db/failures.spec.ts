import { classifyDbFailure, sqlState } from './failures';

describe('which database failures a retry can cure', () => {
  const pg = (code: string, message = 'x') => Object.assign(new Error(message), { code, severity: 'ERROR' });
  const wrapped = (inner: unknown) => Object.assign(new Error('Invalid `prisma.x()` invocation'), { code: 'P2010', meta: { driverAdapterError: { cause: inner } } });

  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', syscall: 'connect', errno: -111 })],
    ['a server shutting down (57P01)', pg('57P01')],
    ['a lost connection (08006)', pg('08006')],
    ['a deadlock (40P01)', pg('40P01')],
    ["Prisma's own connection error", Object.assign(new Error('cannot reach'), { code: 'P1001' })],
    ["pg's pool timing out", new Error('timeout exceeded when trying to connect')],
    ['the adapter saying the database is unreachable', wrapped({ kind: 'DatabaseNotReachable' })],
  ])('%s is transient', (_what, err) => expect(classifyDbFailure(err)).toBe('transient'));

  it.each([
    ['text jsonb cannot hold (22P05), inside Prisma and the adapter', wrapped({ kind: 'postgres', originalCode: '22P05' })],
    ['a NUL in text (22021)', pg('22021')],
    ['a unique violation', wrapped({ kind: 'UniqueConstraintViolation' })],
  ])('%s is permanent', (_what, err) => expect(classifyDbFailure(err)).toBe('permanent'));

  it('anything else is unknown (retried a few times, then refused)', () => {
    expect(classifyDbFailure(new Error('something odd'))).toBe('unknown');
    expect(classifyDbFailure('a string')).toBe('unknown');
  });

  it('finds the SQLSTATE however deep it is', () => {
    expect(sqlState(wrapped({ kind: 'postgres', originalCode: '22P05' }))).toBe('22P05');
    expect(sqlState(new Error('no code'))).toBeUndefined();
  });
});
