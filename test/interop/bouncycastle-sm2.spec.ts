import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPair, sign, verify } from '../../libs/record/sm2';

/**
 * Interoperability with Bouncy Castle on the JVM, an implementation independent
 * of ours and of sm-crypto: it verifies our SM2 signatures and we verify its.
 * infra/setup.sh fetches the jar from Maven Central.
 */
export const BCPROV_VERSION = '1.80';
const JAR = join(process.env.MAVEN_REPO ?? join(homedir(), '.m2', 'repository'), 'org', 'bouncycastle', 'bcprov-jdk18on', BCPROV_VERSION, `bcprov-jdk18on-${BCPROV_VERSION}.jar`);

describe('SM2 interoperability with Bouncy Castle (JVM)', () => {
  let classes: string;
  const run = (lines: string[]) =>
    execFileSync('java', ['-cp', `${classes}:${JAR}`, 'Sm2Interop'], { input: lines.join('\n') + '\n', encoding: 'utf8' }).trim().split('\n');

  beforeAll(() => {
    if (!existsSync(JAR)) throw new Error(`Bouncy Castle not found at ${JAR}: run npm run setup`);
    classes = mkdtempSync(join(tmpdir(), 'sm2-interop-'));
    execFileSync('javac', ['-cp', JAR, '-d', classes, join(__dirname, 'Sm2Interop.java')]);
  }, 60_000);

  it('Bouncy Castle verifies our signatures and refuses altered ones; we verify its signatures', () => {
    const cases = Array.from({ length: 8 }, (_, i) => ({ ...generateKeyPair(), msg: Buffer.from(`重大行政决策 ${i} ${'·'.repeat(i * 11)}`) }));
    const ours = cases.map((c) => sign(c.privateKey, c.msg));
    const answers = run([
      ...cases.map((c, i) => `verify ${c.publicKey} ${c.msg.toString('hex')} ${ours[i].toString('hex')}`),
      ...cases.map((c, i) => `verify ${c.publicKey} ${Buffer.concat([c.msg, Buffer.of(0)]).toString('hex')} ${ours[i].toString('hex')}`),
      ...cases.map((c) => `sign ${c.privateKey} ${c.msg.toString('hex')}`),
    ]);
    expect(answers.slice(0, 8)).toEqual(Array(8).fill('valid'));
    expect(answers.slice(8, 16)).toEqual(Array(8).fill('invalid'));
    answers.slice(16).forEach((hex, i) => expect(verify(cases[i].publicKey, cases[i].msg, Buffer.from(hex, 'hex'))).toBe(true));
  }, 60_000);
});
