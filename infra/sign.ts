import { readFileSync } from 'node:fs';
import type { Actor, DecisionRegistration } from '../libs/domain';
import type { Organisation } from '../libs/domain';
import { appointmentEndMessage, expertDisqualificationMessage, expertPoolEndMessage, expertPoolEntryMessage, keyEndorsementMessage, revocationEndorsementMessage } from '../libs/record/endorsement';
import type { ExpertDisqualificationRecord, ExpertPoolEntryRecord } from '../libs/record/endorsement-text';
import { endorsedAppointment, endorsedOrganisation, type AppointmentPlan } from './authority-seed';
import { generateSigningKey, keyIdOf, registrationSignOffMessage, signMessage, signOffMessage, SIGNATURE_ALGORITHMS, type SignatureAlgorithm } from '../libs/record/signatures';

/**
 * A signing tool for trying the API by hand (an official's client software
 * does the same with a key it keeps safe):
 *   node dist/infra/sign.js keygen [sm2-sm3|ed25519] > my-key.json
 *   node dist/infra/sign.js register my-key.json < registration.json   → the body of POST /decisions
 *   node dist/infra/sign.js step my-key.json <decisionId> < step.json   → the body of POST /decisions/:id/steps
 *   node dist/infra/sign.js endorse registrar.json < actor-key.json      → the body of POST /actor-keys
 *   node dist/infra/sign.js endorse-revocation registrar.json <keyId> < {"reason": …} → POST /actor-keys/:keyId/revocation
 *   node dist/infra/sign.js organisation registrar.json < organisation.json   → the body of POST /organisations
 *   node dist/infra/sign.js appoint registrar.json < appointment.json         → the body of POST /appointments
 *   node dist/infra/sign.js end-appointment registrar.json <id> < {"endedAt": …, "reason": …} → POST /appointments/:id/end
 *   node dist/infra/sign.js disqualify registrar.json < disqualification.json  → the body of POST /expert-disqualifications
 *   node dist/infra/sign.js pool-enter registrar.json < entry.json             → the body of POST /expert-pool
 *   node dist/infra/sign.js pool-end registrar.json <id> < {"endedAt": …, "reason": …} → POST /expert-pool/:id/end
 * The request on standard input is the body without its signature.
 */
interface KeyFile {
  algorithm: SignatureAlgorithm;
  privateKey: string;
  publicKey: string;
}

function readKey(file: string): KeyFile & { keyId: string } {
  const key = JSON.parse(readFileSync(file, 'utf8')) as KeyFile;
  if (!SIGNATURE_ALGORITHMS.includes(key.algorithm)) throw new Error(`${file}: algorithm must be one of ${SIGNATURE_ALGORITHMS.join(', ')}`);
  return { ...key, keyId: keyIdOf(key.algorithm, key.publicKey) };
}

const stdin = () => JSON.parse(readFileSync(0, 'utf8'));

function main(argv: string[]): number {
  const [command, ...args] = argv;
  if (command === 'keygen') {
    const algorithm = (args[0] ?? 'sm2-sm3') as SignatureAlgorithm;
    if (!SIGNATURE_ALGORITHMS.includes(algorithm)) throw new Error(`algorithm must be one of ${SIGNATURE_ALGORITHMS.join(', ')}`);
    const key = generateSigningKey(algorithm);
    console.log(JSON.stringify({ algorithm, ...key, keyId: keyIdOf(algorithm, key.publicKey) }, null, 2));
    return 0;
  }
  if (command === 'register' && args.length === 1) {
    const key = readKey(args[0]);
    const body = stdin() as Omit<DecisionRegistration, 'registeredBy' | 'signature'> & { actor: Actor };
    const message = registrationSignOffMessage(body, body.actor);
    console.log(JSON.stringify({ ...body, signature: { keyId: key.keyId, value: signMessage(key.algorithm, key.privateKey, message) } }, null, 2));
    return 0;
  }
  if (command === 'step' && args.length === 2) {
    const key = readKey(args[0]);
    const body = stdin() as { action: string; actor: unknown; payload: unknown; idempotencyKey: string };
    const message = signOffMessage({ decisionId: args[1], action: body.action, actor: body.actor, payload: body.payload, idempotencyKey: body.idempotencyKey });
    console.log(JSON.stringify({ ...body, signature: { keyId: key.keyId, value: signMessage(key.algorithm, key.privateKey, message) } }, null, 2));
    return 0;
  }
  if (command === 'endorse' && args.length === 1) {
    const key = readKey(args[0]);
    const body = stdin() as { actorId: string; algorithm: string; publicKey: string; validFrom: string; validTo: string };
    console.log(JSON.stringify({ ...body, endorsement: { keyId: key.keyId, value: signMessage(key.algorithm, key.privateKey, keyEndorsementMessage(body)) } }, null, 2));
    return 0;
  }
  if (command === 'endorse-revocation' && args.length === 2) {
    const key = readKey(args[0]);
    const body = stdin() as { reason: string };
    console.log(JSON.stringify({ ...body, endorsement: { keyId: key.keyId, value: signMessage(key.algorithm, key.privateKey, revocationEndorsementMessage({ keyId: args[1], reason: body.reason })) } }, null, 2));
    return 0;
  }
  if (command === 'organisation' && args.length === 1) {
    console.log(JSON.stringify(endorsedOrganisation(readKey(args[0]), stdin() as Organisation), null, 2));
    return 0;
  }
  if (command === 'appoint' && args.length === 1) {
    console.log(JSON.stringify(endorsedAppointment(readKey(args[0]), stdin() as AppointmentPlan), null, 2));
    return 0;
  }
  if (command === 'end-appointment' && args.length === 2) {
    const key = readKey(args[0]);
    const body = stdin() as { endedAt: string; reason: string };
    const value = signMessage(key.algorithm, key.privateKey, appointmentEndMessage({ appointmentId: args[1], endedAt: body.endedAt, reason: body.reason }));
    console.log(JSON.stringify({ ...body, endorsement: { keyId: key.keyId, value } }, null, 2));
    return 0;
  }
  if (command === 'disqualify' && args.length === 1) {
    const key = readKey(args[0]);
    const body = stdin() as ExpertDisqualificationRecord;
    console.log(JSON.stringify({ ...body, endorsement: { keyId: key.keyId, value: signMessage(key.algorithm, key.privateKey, expertDisqualificationMessage(body)) } }, null, 2));
    return 0;
  }
  if (command === 'pool-enter' && args.length === 1) {
    const key = readKey(args[0]);
    const body = stdin() as ExpertPoolEntryRecord;
    console.log(JSON.stringify({ ...body, endorsement: { keyId: key.keyId, value: signMessage(key.algorithm, key.privateKey, expertPoolEntryMessage(body)) } }, null, 2));
    return 0;
  }
  if (command === 'pool-end' && args.length === 2) {
    const key = readKey(args[0]);
    const body = stdin() as { endedAt: string; reason: string };
    const value = signMessage(key.algorithm, key.privateKey, expertPoolEndMessage({ entryId: args[1], endedAt: body.endedAt, reason: body.reason }));
    console.log(JSON.stringify({ ...body, endorsement: { keyId: key.keyId, value } }, null, 2));
    return 0;
  }
  console.error(
    'usage: sign keygen [sm2-sm3|ed25519]\n       sign register <key.json> < registration.json\n       sign step <key.json> <decisionId> < step.json\n' +
      '       sign endorse <registrar-key.json> < actor-key.json\n       sign endorse-revocation <registrar-key.json> <keyId> < revocation.json\n' +
      '       sign organisation <registrar-key.json> < organisation.json\n       sign appoint <registrar-key.json> < appointment.json\n' +
      '       sign end-appointment <registrar-key.json> <appointmentId> < end.json\n       sign disqualify <registrar-key.json> < disqualification.json\n' +
      '       sign pool-enter <registrar-key.json> < entry.json\n       sign pool-end <registrar-key.json> <entryId> < end.json',
  );
  return 2;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  console.error(`签名工具：${failureText(err)}`);
  process.exitCode = 2;
}

/** Why nothing was signed, said so that an official can mend the input: Chinese first, then JavaScript's own words. */
function failureText(err: unknown): string {
  const said = err instanceof Error ? err.message : String(err);
  if (err instanceof SyntaxError) return `标准输入不是有效的 JSON，请检查引号、逗号和括号（standard input is not valid JSON: ${said}）`;
  if ((err as NodeJS.ErrnoException | null)?.code === 'ENOENT') return `找不到文件（no such file: ${said}）`;
  return `输入缺少必填字段，或者字段格式不对（例如时间应为 2026-12-01T00:00:00+08:00），请对照 README 的示例（the input lacks a field or has one in the wrong form: ${said}）`;
}
