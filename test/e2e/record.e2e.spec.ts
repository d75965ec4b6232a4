import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { Client as Pg } from 'pg';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { PROJECT_ROOT } from '../../infra/paths';
import { Client, Connection } from '@temporalio/client';
import { createPrismaClient, type PrismaClient } from '../../libs/db/prisma';
import { verifyBundle, type BundleVerdict, type DecisionBundle, type TrustedKeys } from '../../libs/record/bundle';
import { recordWithHistory, type RecordHistoryRow } from '../../libs/record/history-join';
import { exportBundle } from '../../libs/record/export';
import { checkpointNow, latestCheckpoint } from '../../libs/record/log-store';
import type { SealKey } from '../../libs/record/seal';
import { generateSigningKey } from '../../libs/record/signatures';
import { sealEntry } from '../../libs/record/chain';
import { sealOf } from '../../libs/record/seal';
import { signHead } from '../../libs/record/head';
import { signMessage, signOffMessage } from '../../libs/record/signatures';
import { actors, cmd, h, steps } from '../support/procedure';
import { PERSON, REGISTRAR } from '../support/auth';
import { endorsedKey, newKey, signedRegistration, signedStep, type TestKey } from '../support/signing';
import { startSystem } from '../support/system';
import { temporalAddress } from '../support/temporal';

/**
 * The inspectors' view, end to end: a decision taken through signed steps,
 * exported as one bundle, verified by the offline CLI with nothing but the
 * bundle and the trusted keys; then a thousand random mutations of the bundle,
 * each of which the verifier must catch.
 */
describe('the verifiable record, end to end', () => {
  let system: Awaited<ReturnType<typeof startSystem>>;
  let bundle: DecisionBundle;
  let trusted: TrustedKeys;
  /** The actors' keys by key id, for mutations that play a forger holding one. */
  const signers = new Map<string, TestKey>();
  const id = `REC-${Date.now()}`;
  const http = () => system.as(PERSON);

  beforeAll(async () => {
    system = await startSystem({ sealAlgorithm: 'ed25519' });

    await http().post('/catalog-items').send({ ref: 'C-1', year: 2026, title: '票价', organ: '某市人民政府', partyConsentRef: '市委同意' }).expect(201);
    const register = async (actorId: string, key: Omit<TestKey, 'keyId'>): Promise<TestKey> => ({
      ...key,
      keyId: (await system.as(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, actorId, key)).expect(201)).body.keyId,
    });
    const unit = await register(actors.unit.id, newKey('ed25519'));
    const assessor = await register(actors.assessor.id, newKey('sm2-sm3'));
    const mayor = await register(actors.mayor.id, newKey('ed25519'));
    for (const k of [unit, assessor, mayor]) signers.set(k.keyId, k);
    await system.as(actors.unit.id).post('/decisions').send(signedRegistration({ id, title: '关于调整票价的决定', undertakingDepartment: actors.unit.organisation, catalogRef: 'C-1', legalBasis: ['《价格法》'] }, actors.unit, unit)).expect(201);
    let n = 0;
    // After every step the whole record verifies again (once the next checkpoint covers it).
    const verifiesWith = async (entries: number) => {
      for (let i = 0; i < 100; i++) {
        const v = (await http().get(`/decisions/${id}/verify`)).body;
        if (v.ok && v.entries >= entries) return; // a closing step is followed by the archive entry
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`the record of ${id} did not verify with ${entries} entries: ${JSON.stringify((await http().get(`/decisions/${id}/verify`)).body)}`);
    };
    const step = async (c: ReturnType<typeof cmd>, key: TestKey) => {
      await system.as(c.actor.id).post(`/decisions/${id}/steps`).send(signedStep(id, c, key, `${id}-${++n}`)).expect(201);
      await verifiesWith(n + 1);
    };
    await step(steps.draft(), unit);
    await step(steps.applicability({ pp: false, expert: false }), unit);
    // The third party assessing the risk is engaged for this decision by the undertaking unit (Art. 23 para. 3): a body
    // outside government; the unit itself, the government or its legality review body is none (fresh-eyes tester: 201).
    for (const organisation of [actors.unit.organisation, 'hz', actors.reviewer.organisation]) {
      const refused = (await system.as(actors.unit.id).post(`/decisions/${id}/steps`).send(signedStep(id, steps.engage(organisation), unit, `${id}-engage-${organisation}`)).expect(422)).body;
      expect(refused).toMatchObject({ code: 'INVALID_PAYLOAD', message: expect.stringMatching(/^organisation：.*不是专业机构、社会组织等第三方/), articles: expect.arrayContaining([expect.stringContaining('第二十三条')]) });
    }
    await step(steps.engage(), unit);
    await step(steps.risk(true), assessor);
    await step(steps.submitReview(), unit);
    await step(cmd('withdraw', actors.mayor, { reason: '政策调整' }), mayor);

    // The withdrawal closes the workflow; the worker archives its history into the record (entry 7) and signs a checkpoint over it.
    for (let i = 0; i < 150; i++) {
      const timeline = (await http().get(`/decisions/${id}/verify`)).body;
      if (timeline.ok && timeline.entries === 8 && timeline.pending === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    bundle = (await http().get(`/decisions/${id}/bundle`).expect(200)).body;
    trusted = {
      systemKeys: (await http().get('/system-keys').expect(200)).body,
      actorKeys: (await http().get('/actor-keys').expect(200)).body,
      // The registrars vouch for the organisations and appointments behind each entry's office.
      registrarKeys: (await http().get('/registrar-keys').expect(200)).body,
    };
  }, 120_000);

  afterAll(() => system?.close());

  it('documents are stored by content hash; a fetch re-checks the hash and never serves altered bytes', async () => {
    const draft = Buffer.from('关于调整城市公共交通票价的决定（草案）\n第一条 ……', 'utf8');
    const stored = (await http().post('/documents').set('content-type', 'text/plain; charset=utf-8').send(draft).expect(201)).body;
    expect(stored).toEqual({ hash: `sha256:${createHash('sha256').update(draft).digest('hex')}`, size: draft.length });
    const sm3 = (await http().post('/documents?algorithm=sm3').set('content-type', 'application/pdf').send(draft).expect(201)).body;
    expect(sm3.hash).toBe(`sm3:${createHash('sm3').update(draft).digest('hex')}`);
    await http().post('/documents').set('content-type', 'text/plain; charset=utf-8').send(draft).expect(201, stored);
    const got = await http().get(`/documents/${stored.hash}`).buffer(true).parse((res, cb) => { const chunks: Buffer[] = []; res.on('data', (c: Buffer) => chunks.push(c)); res.on('end', () => cb(null, Buffer.concat(chunks))); }).expect(200);
    expect(Buffer.compare(got.body as Buffer, draft)).toBe(0);
    expect(got.headers['x-content-hash']).toBe(stored.hash);
    await http().get(`/documents/sha256:${'0'.repeat(64)}`).expect(404);
    await http().get('/documents/not-a-hash').expect(400);
    // Bytes altered behind the system's back (the table refuses UPDATE, so: a row written wrongly) are never served.
    const pg = new Pg({ connectionString: system.db.url });
    await pg.connect();
    const forgedHash = `sha256:${'ab'.repeat(32)}`;
    await pg.query('INSERT INTO documents (hash, size, media_type, content, uploaded_by) VALUES ($1, 3, $2, $3, $4)', [forgedHash, 'text/plain', Buffer.from('abc'), PERSON]);
    await expect(pg.query('UPDATE documents SET content = $1 WHERE hash = $2', [Buffer.from('x'), stored.hash])).rejects.toThrow(/append-only/);
    await pg.end();
    await http().get(`/documents/${forgedHash}`).expect(500);
  });

  it("the record beside the workflow history, entry by entry: each signed step with the update that carried it, each with the activity that stored it", async () => {
    const rows = (await http().get(`/decisions/${id}/record-history`).expect(200)).body as RecordHistoryRow[];
    expect(rows.map((r) => r.seq)).toEqual(bundle.entries.map((e) => e.seq));
    for (const r of rows) {
      expect([r.seq, r.entryHash]).toEqual([r.seq, bundle.entries[r.seq].hash]);
      // The archive of a closed run is written after the run, by the archiver: no event of the run records it.
      if (r.action === 'archiveHistory') {
        expect(r.history).toBeNull();
        continue;
      }
      expect([r.seq, r.history]).toEqual([r.seq, expect.objectContaining({ activityId: expect.stringMatching(/^\d+$/), scheduledEventId: expect.stringMatching(/^\d+$/), completedEventId: expect.stringMatching(/^\d+$/) })]);
      // A signed step came by an Update whose id is its idempotency key; the registration and the archive did not.
      const entry = JSON.parse(bundle.entries[r.seq].canonical) as { signature?: { idempotencyKey: string }; action: string };
      if (entry.action !== 'register') expect([r.seq, r.history!.updateId]).toEqual([r.seq, expect.stringContaining(entry.signature!.idempotencyKey)]);
      expect(Number(r.history!.completedEventId)).toBeGreaterThan(Number(r.history!.scheduledEventId));
    }
  });

  it('the API verifies the decision it holds', async () => {
    // Withdrawn before any decision, its one pass says so (retest: the verifier said nothing of it).
    expect((await http().get(`/decisions/${id}/verify`).expect(200)).body).toEqual({ ok: true, entries: 8, treeSize: expect.any(Number), pending: 0, texts: [{ cycle: 1, reviewed: expect.stringMatching(/^sha256:/), withdrawn: true }] });
    expect(JSON.parse(bundle.entries[1].canonical).activityId).toMatch(/^\d+$/);
    // The registration is signed like any step, by the unit's official.
    const registration = JSON.parse(bundle.entries[0].canonical);
    expect(registration).toMatchObject({ action: 'register', actor: actors.unit, payload: { undertakingDepartment: actors.unit.organisation, catalogRef: 'C-1', profile: 'national' } });
    expect(trusted.actorKeys!.find((k) => k.keyId === registration.signature.keyId)?.actorId).toBe(actors.unit.id);
    const last = JSON.parse(bundle.entries[7].canonical);
    expect(last).toMatchObject({ action: 'archiveHistory', actor: { id: 'system', role: 'system' }, payload: { closedBy: 'COMPLETED', historyHash: expect.stringMatching(/^sha256:/) } });
  });

  it('the offline verifier accepts the exported bundle with the trusted keys, and names what fails', () => {
    const cli = join(PROJECT_ROOT, 'dist', 'infra', 'verify-bundle.js');
    if (!existsSync(cli)) throw new Error(`${cli} is missing: npm test builds it (npm run build)`);
    const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
    writeFileSync(join(dir, 'bundle.json'), JSON.stringify(bundle));
    writeFileSync(join(dir, 'trusted.json'), JSON.stringify(trusted));
    // No database, no Temporal, no network: only the two files.
    const env = { PATH: process.env.PATH };
    const ok = execFileSync(process.execPath, [cli, join(dir, 'bundle.json'), join(dir, 'trusted.json')], { encoding: 'utf8', env });
    expect(ok).toMatch(/^OK: decision REC-\d+: 8 entries/);
    // Its one run closed and archived: no history left unsealed to mention (an open run's is: bundle.spec.ts runsUnsealed).
    expect(ok).not.toMatch(/OPEN RUN/);
    // A file cut short, or none: the file's fault, said in Chinese, exit 2; not the record's (inspector tester).
    writeFileSync(join(dir, 'cut.json'), JSON.stringify(bundle).slice(0, 1000));
    for (const file of ['cut.json', 'none.json']) {
      let out: { status?: number; stderr?: string } = {};
      try {
        execFileSync(process.execPath, [cli, join(dir, file), join(dir, 'trusted.json')], { encoding: 'utf8', env, stdio: 'pipe' });
      } catch (err) {
        out = err as typeof out;
      }
      expect(out.status).toBe(2);
      expect(out.stderr).toMatch(new RegExp(`^FAILED: 核验包 \\S+${file.replace('.', '\\.')} 无法读取或不是完整的 JSON 文件（.*）：请重新下载或检查路径；这不说明决策记录本身有问题`));
    }
    // JSON, but no object: said so too (retest: exit 2 without a word).
    writeFileSync(join(dir, 'null.json'), 'null');
    let none: { status?: number; stderr?: string } = {};
    try {
      execFileSync(process.execPath, [cli, join(dir, 'null.json'), join(dir, 'trusted.json')], { encoding: 'utf8', env, stdio: 'pipe' });
    } catch (err) {
      none = err as typeof none;
    }
    expect([none.status, none.stderr]).toEqual([2, expect.stringMatching(/^FAILED: 核验包 \S+null\.json 不是核验包（JSON 对象）/)]);
    // The steps refused, listed beside the record and said not to be verified (they are no entries of it).
    const refusal = { attemptedAt: '2026-12-07T08:00:00.000Z', action: 'publish', actor: { id: 'u-x', name: '某人', role: 'undertaking_unit', organisation: 'hz-jtj' }, code: 'WRONG_ROLE', message: '…', articles: ['第三十二条'], payload: {} };
    writeFileSync(join(dir, 'refused.json'), JSON.stringify({ ...bundle, refusals: [refusal, { ...refusal, code: 'WRONG_STAGE' }] }));
    expect(execFileSync(process.execPath, [cli, join(dir, 'refused.json'), join(dir, 'trusted.json')], { encoding: 'utf8', env })).toMatch(/\nREFUSED: 2 steps were refused \(WRONG_ROLE ×1, WRONG_STAGE ×1\), .*未经核验，仅供参考）/);

    const forged = structuredClone(bundle);
    forged.entries[4].canonical = forged.entries[4].canonical.replace('"medium"', '"low"');
    writeFileSync(join(dir, 'forged.json'), JSON.stringify(forged));
    let failure = '';
    try {
      execFileSync(process.execPath, [cli, join(dir, 'forged.json'), join(dir, 'trusted.json')], { encoding: 'utf8', env, stdio: 'pipe' });
    } catch (err) {
      failure = String((err as { stderr: string }).stderr);
      expect((err as { status: number }).status).toBe(1);
    }
    expect(failure).toMatch(/FAILED: decision REC-\d+: entry 4: the entry does not match its hash/);
    // In Chinese too, by the check that failed (fresh-eyes tester: English only), as the OK line is.
    expect(failure).toMatch(/\[check: chain\]（核验未通过：记录哈希链）/);
    expect(execFileSync(process.execPath, [cli, join(dir, 'bundle.json'), join(dir, 'trusted.json')], { encoding: 'utf8', env })).toMatch(/（核验通过：决策 REC-\d+ 的 8 条记录均经签名、封印、链接，程序合法，与工作流历史一致）/);

    // Trusting the registrars instead of a list of actor keys: the bundle's keys count where a registrar endorsed them.
    const registrarKeys = Object.entries(system.registrars).map(([governmentId, r]) => ({ keyId: r.keyId, algorithm: r.algorithm, publicKey: r.publicKey, governmentId }));
    writeFileSync(join(dir, 'registrars.json'), JSON.stringify({ systemKeys: trusted.systemKeys, registrarKeys }));
    expect(execFileSync(process.execPath, [cli, join(dir, 'bundle.json'), join(dir, 'registrars.json')], { encoding: 'utf8', env })).toMatch(/^OK: decision REC-\d+: 8 entries/);
    const swapped = structuredClone(bundle);
    const attacker = newKey('ed25519');
    swapped.actorKeys = swapped.actorKeys.map((k) => ({ ...k, publicKey: attacker.publicKey })); // keys swapped for the attacker's, endorsements kept
    expect(verifyBundle(swapped, { systemKeys: trusted.systemKeys, registrarKeys })).toMatchObject({ ok: false, failure: expect.stringMatching(/^entry 0: signed with .* which is not a trusted key/) });
    expect(verifyBundle(bundle, { systemKeys: trusted.systemKeys, registrarKeys: [] })).toMatchObject({ ok: false });
    // A revocation no registrar signed, dated before the first step (its key's own endorsement copied): not the
    // official's misconduct, but a revocation the registrars' log does not hold (attacker tester: "signed with key …
    // after its revocation").
    for (const endorsement of ['copied', 'none'] as const) {
      const revoked = structuredClone(bundle);
      const k = revoked.actorKeys.find((x) => x.keyId === JSON.parse(revoked.entries[1].canonical).signature.keyId)!;
      Object.assign(k, { revokedAt: '2026-01-01T00:00:00.000Z', revocationReason: '遗失', ...(endorsement === 'copied' ? { revocationEndorsedBy: k.endorsedBy, revocationEndorsement: k.endorsement } : {}) });
      expect(verifyBundle(revoked, { systemKeys: trusted.systemKeys, registrarKeys })).toMatchObject({ ok: false, check: 'authority-log', failure: expect.stringContaining(`key-revocation ${k.keyId}`) });
    }


    // Exported before any checkpoint (the head sealed so, with no checkpoint): every entry verified but pending; the
    // verifier says so, and still exits 0.
    const early = structuredClone(bundle);
    early.checkpoint = null;
    early.inclusion = early.inclusion.map((p) => ({ ...p, proof: null }));
    const { keyId: _k, signature: _s, ...head } = bundle.head!;
    early.head = signHead(system.sealKey, { ...head, treeSize: 0 });
    writeFileSync(join(dir, 'early.json'), JSON.stringify(early));
    const out = execFileSync(process.execPath, [cli, join(dir, 'early.json'), join(dir, 'trusted.json')], { encoding: 'utf8', env });
    expect(out).toMatch(/^OK: decision REC-\d+: 8 entries.*0 of them in the log of size 0/);
    expect(out).toMatch(/PENDING: 8 entries were logged before any checkpoint was signed.*fetches the bundle again after the next checkpoint/);
    expect(out).toMatch(/COMPLETE: the record had these 8 entries and no other when the system sealed its head at 20\d\d-/);

    // The same with the checkpoint the bundle was exported with taken out: not "pending", but a bundle altered (tester).
    const stripped = { ...structuredClone(early), head: bundle.head };
    const cliFails = (file: string, content: unknown, trustedFile = join(dir, 'trusted.json')) => {
      writeFileSync(join(dir, file), JSON.stringify(content));
      try {
        execFileSync(process.execPath, [cli, join(dir, file), trustedFile], { encoding: 'utf8', env, stdio: 'pipe' });
      } catch (err) {
        return { status: (err as { status: number }).status, stderr: String((err as { stderr: string }).stderr) };
      }
      return { status: 0, stderr: '' };
    };
    expect(cliFails('stripped.json', stripped)).toEqual({ status: 1, stderr: expect.stringMatching(/the bundle was exported with the checkpoint of size \d+, and carries none \[check: head\]/) });
    // Cut at its tail: the last entry and its place in the log gone; the closed run's history kept (tester: with the
    // open run's history cut to match, it verified as complete).
    const cut = structuredClone(bundle);
    cut.entries.pop();
    cut.inclusion.pop();
    expect(cliFails('cut.json', cut)).toEqual({ status: 1, stderr: expect.stringMatching(/the record had 8 entries when exported .*; the bundle gives 7, .*: entries were left out \[check: head\]/) });
    // Without its head, the offline verifier cannot tell: it fails, and says to export the bundle again.
    expect(cliFails('headless.json', { ...structuredClone(bundle), head: undefined })).toEqual({ status: 1, stderr: expect.stringMatching(/carries no sealed head of the record.*export it again/) });
    // A trusted-keys file of another shape is named as such, not blamed on the bundle (tester: a JavaScript error).
    writeFileSync(join(dir, 'empty-keys.json'), '{}');
    expect(cliFails('bundle-again.json', bundle, join(dir, 'empty-keys.json'))).toEqual({ status: 2, stderr: expect.stringMatching(/empty-keys\.json is not a trusted-keys file: it has no "systemKeys" list/) });
  });

  it('a thousand random mutations of the bundle are each detected; the untouched bundle verifies', () => {
    expect(verifyBundle(bundle, trusted)).toMatchObject({ ok: true, entries: 8, pending: 0 });
    const attacker = newKey('ed25519');
    const seal = system.sealKey;
    /** Chains and seals the entries from `from` on again, as a forger who has the seal key would. */
    const reseal = (b: DecisionBundle, from: number) => {
      let prevHash = from ? b.entries[from - 1].hash : null;
      for (let j = from; j < b.entries.length; j++) {
        const sealed = sealEntry({ ...JSON.parse(b.entries[j].canonical), seq: j, prevHash });
        b.entries[j] = { seq: j, canonical: sealed.canonical, hash: sealed.hash, seal: sealOf(seal, sealed.hash), sealKeyId: seal.keyId };
        prevHash = sealed.hash;
      }
    };
    const signedSteps = bundle.entries.length - 1; // all but the archive entry
    // A mutation may name the failure it must cause; otherwise any failure will do.
    const mutations: { name: string; entryLevel: boolean; apply: (b: DecisionBundle, r: number, k: number) => RegExp | void }[] = [
      { name: 'byte flip in an entry', entryLevel: true, apply: (b, r, k) => { const e = b.entries[r % b.entries.length]; const i = k % e.canonical.length; e.canonical = e.canonical.slice(0, i) + String.fromCharCode(e.canonical.charCodeAt(i) ^ 1) + e.canonical.slice(i + 1); } },
      { name: 'byte flip in an entry hash', entryLevel: true, apply: (b, r, k) => { const e = b.entries[r % b.entries.length]; const i = 7 + (k % 64); e.hash = e.hash.slice(0, i) + (e.hash[i] === '0' ? '1' : '0') + e.hash.slice(i + 1); } },
      { name: 'flipped seal', entryLevel: true, apply: (b, r) => { const e = b.entries[r % b.entries.length]; e.seal = Buffer.from(Buffer.from(e.seal, 'base64').map((x, i) => (i === 5 ? x ^ 1 : x))).toString('base64'); } },
      { name: 'deleted entry', entryLevel: true, apply: (b, r) => { b.entries.splice(r % b.entries.length, 1); } },
      { name: 'duplicated entry', entryLevel: true, apply: (b, r) => { const i = r % b.entries.length; b.entries.splice(i, 0, structuredClone(b.entries[i])); } },
      { name: 'reordered entries', entryLevel: true, apply: (b, r) => { const i = r % (b.entries.length - 1); [b.entries[i], b.entries[i + 1]] = [b.entries[i + 1], b.entries[i]]; } },
      { name: 'inserted forged entry', entryLevel: true, apply: (b, r) => {
        const i = 1 + (r % (b.entries.length - 1));
        const prev = JSON.parse(b.entries[i - 1].canonical);
        const sealed = sealEntry({ ...prev, seq: i, action: 'withdraw', payload: { reason: 'forged' }, prevHash: b.entries[i - 1].hash });
        b.entries.splice(i, 0, { ...b.entries[i - 1], seq: i, canonical: sealed.canonical, hash: sealed.hash });
      } },
      { name: 'edited entry, re-hashed and re-chained without the seal key', entryLevel: true, apply: (b, r) => {
        const i = 1 + (r % (b.entries.length - 1));
        let prevHash = b.entries[i - 1].hash;
        for (let j = i; j < b.entries.length; j++) {
          const e = JSON.parse(b.entries[j].canonical);
          const sealed = sealEntry({ ...e, ...(j === i ? { payload: { ...e.payload, forged: h('x') } } : {}), prevHash });
          b.entries[j] = { ...b.entries[j], canonical: sealed.canonical, hash: sealed.hash };
          prevHash = sealed.hash;
        }
      } },
      { name: 'swapped actor signatures', entryLevel: true, apply: (b, r) => {
        const i = 1 + (r % (b.entries.length - 2));
        const a = JSON.parse(b.entries[i].canonical);
        const c = JSON.parse(b.entries[i + 1].canonical);
        [a.signature, c.signature] = [c.signature, a.signature];
        b.entries[i].canonical = JSON.stringify(a);
        b.entries[i + 1].canonical = JSON.stringify(c);
      } },
      { name: 'sealed by an untrusted key', entryLevel: true, apply: (b, r) => { const e = b.entries[r % b.entries.length]; e.sealKeyId = `ed25519:${attacker.publicKey.slice(0, 24)}`; } },
      { name: 'altered inclusion proof', entryLevel: true, apply: (b, r, k) => { const p = b.inclusion[r % b.inclusion.length]; if (p.proof?.length) p.proof[k % p.proof.length] = h(String(k)).slice(7); else p.leafIndex += 1; } },
      { name: 'missing inclusion proof', entryLevel: true, apply: (b, r) => { b.inclusion.splice(r % b.inclusion.length, 1); } },
      // Pending is for entries logged after the checkpoint; a covered one cannot be passed off as pending.
      { name: 'covered entry passed off as pending (proof stripped)', entryLevel: true, apply: (b, r) => {
        const i = r % b.inclusion.length;
        b.inclusion[i].proof = null;
        return new RegExp(`^entry ${b.inclusion[i].seq}: no inclusion proof, though its leaf \\d+ is within the checkpoint`);
      } },
      { name: 'covered entry passed off as pending (proof stripped, leaf moved past the checkpoint)', entryLevel: true, apply: (b, r, k) => {
        const i = r % (b.inclusion.length - 1); // not the last: a later covered entry gives the lie away
        b.inclusion[i] = { seq: b.inclusion[i].seq, leafIndex: b.checkpoint!.treeSize + (k % 1000), proof: null };
        return new RegExp(`^entry ${b.inclusion[i + 1].seq}: its log leaf \\d+ does not come after the previous entry's leaf`);
      } },
      { name: 'covered entry given a second, pending place', entryLevel: true, apply: (b, r, k) => {
        b.inclusion.push({ seq: b.inclusion[r % b.inclusion.length].seq, leafIndex: b.checkpoint!.treeSize + (k % 1000), proof: null });
        return /two places in the log/;
      } },
      // A step replayed by a forger with the seal key: the same signed step twice, or a step re-signed (the actor's key
      // stolen too) under an earlier step's idempotency key; re-chained and re-sealed, so chain and seals hold.
      { name: 'signed step duplicated, re-chained and re-sealed', entryLevel: true, apply: (b, r) => {
        const i = r % signedSteps;
        b.entries.splice(i + 1, 0, structuredClone(b.entries[i]));
        reseal(b, i + 1);
        return new RegExp(`^entry ${i + 1}: replayed: the actor's signature of entry ${i} appears again`);
      } },
      { name: "step re-signed under an earlier step's idempotency key, re-chained and re-sealed", entryLevel: true, apply: (b, r, k) => {
        const i = 1 + (r % (signedSteps - 1));
        const j = k % i;
        const e = JSON.parse(b.entries[i].canonical);
        const key = signers.get(e.signature.keyId)!;
        const idempotencyKey = JSON.parse(b.entries[j].canonical).signature.idempotencyKey as string;
        const value = signMessage(key.algorithm, key.privateKey, signOffMessage({ decisionId: e.decisionId, action: e.action, actor: e.actor, payload: e.payload, idempotencyKey }));
        b.entries[i].canonical = JSON.stringify({ ...e, signature: { ...e.signature, value, idempotencyKey } });
        reseal(b, i);
        return new RegExp(`^entry ${i}: replayed: idempotency key .* of entry ${j} appears again`);
      } },
      { name: 'truncated log (smaller checkpoint)', entryLevel: false, apply: (b) => { b.checkpoint!.treeSize -= 1; } },
      { name: 'entries cut at the tail with their places in the log', entryLevel: false, apply: (b, r) => {
        const n = 1 + (r % (b.entries.length - 1));
        b.entries.splice(-n);
        b.inclusion.splice(-n);
        return /entries were left out/;
      } },
      { name: 'checkpoint taken out, every entry passed off as pending', entryLevel: false, apply: (b) => {
        b.checkpoint = null;
        b.inclusion = b.inclusion.map((p) => ({ ...p, proof: null }));
        return /exported with the checkpoint of size \d+, and carries none/;
      } },
      { name: 'last covered entries moved past the checkpoint to pass as pending', entryLevel: false, apply: (b, r) => {
        const n = 1 + (r % 3);
        b.inclusion.slice(-n).forEach((p, i) => Object.assign(p, { leafIndex: b.checkpoint!.treeSize + i, proof: null }));
        return /the last entry is at leaf \d+ of the log, the bundle says \d+/;
      } },
      // The sections the head says the export carries (inspector tester: authorityEvents deleted, a revocation struck verified OK).
      { name: "the registrars' logged acts or the disqualifications taken out", entryLevel: false, apply: (b, r) => {
        const taken = (['authorityEvents', 'expertDisqualifications'] as const)[r % 2];
        delete b[taken];
        return new RegExp(`the bundle was exported with its ${taken}, and carries none: it was taken out`);
      } },
      { name: 'the list of sections carried taken out of the head', entryLevel: false, apply: (b) => {
        delete b.head!.carries;
        delete b.authorityEvents;
        return /the seal of the record's head does not hold/;
      } },
      { name: 'a head of another shape', entryLevel: false, apply: (b) => {
        b.head = {} as never;
        return /the record's head is malformed/;
      } },
      { name: "another decision's head, or one re-counted without the seal key", entryLevel: false, apply: (b, r) => {
        b.head = r % 2 ? { ...b.head!, decisionId: 'OTHER-1' } : { ...b.head!, entries: b.head!.entries - 1 };
      } },
      { name: 'another root', entryLevel: false, apply: (b, _r, k) => { b.checkpoint!.rootHash = h(String(k)).slice(7); } },
      { name: 'flipped checkpoint signature', entryLevel: false, apply: (b) => { b.checkpoint!.signature = Buffer.from(Buffer.from(b.checkpoint!.signature, 'base64').map((x, i) => (i === 0 ? x ^ 1 : x))).toString('base64'); } },
      { name: 'archived history altered', entryLevel: true, apply: (b, r) => {
        const events = b.histories[0].history.events as { eventTime?: string }[];
        events[r % events.length].eventTime = '2020-01-01T00:00:00Z';
      } },
      { name: 'entry claims another activity', entryLevel: true, apply: (b, r) => {
        const i = 1 + (r % (b.entries.length - 2));
        const e = JSON.parse(b.entries[i].canonical);
        const sealed = sealEntry({ ...e, activityId: String(Number(e.activityId) + 1) });
        b.entries[i] = { ...b.entries[i], canonical: sealed.canonical, hash: sealed.hash };
      } },
      { name: 'history without a recordStep', entryLevel: false, apply: (b, r) => {
        type Ev = { eventId?: string; activityTaskScheduledEventAttributes?: { activityType?: { name?: string } }; activityTaskCompletedEventAttributes?: { scheduledEventId?: string } };
        const events = b.histories[0].history.events as Ev[];
        const recordSteps = new Set(events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'recordStep').map((e) => String(e.eventId)));
        const completions = events.map((e, i) => (recordSteps.has(String(e.activityTaskCompletedEventAttributes?.scheduledEventId)) ? i : -1)).filter((i) => i >= 0);
        events.splice(completions[r % completions.length], 1);
      } },
    ];
    let detected = 0;
    fc.assert(
      fc.property(fc.nat({ max: mutations.length - 1 }), fc.nat(), fc.nat(), (m, r, k) => {
        const b = structuredClone(bundle);
        const failure = mutations[m].apply(b, r, k);
        if (JSON.stringify(b) === JSON.stringify(bundle)) return; // a no-op mutation (e.g. a flip that changed nothing)
        const verdict = verifyBundle(b, trusted);
        expect(`${mutations[m].name}: ${verdict.ok}`).toBe(`${mutations[m].name}: false`);
        if (failure && !verdict.ok) expect(verdict.failure).toMatch(failure);
        if (!verdict.ok && mutations[m].entryLevel && !mutations[m].name.includes('history')) expect(verdict.failure).toMatch(/entry \d+|^the (record|bundle)/);
        detected++;
      }),
      { numRuns: 1000, seed: Number(process.env.FC_SEED ?? Date.now() % 2 ** 31) },
    );
    expect(detected).toBeGreaterThan(950);
  });

  it('tampering with the stored record inside PostgreSQL, past its triggers, is detected, the first bad entry named: a thousand random alterations', async () => {
    const prisma = createPrismaClient(system.db.url); // the superuser, who can switch the append-only triggers off
    const temporal = new Client({ connection: await Connection.connect({ address: temporalAddress() }) });
    try {
      const rows = await prisma.decisionStep.findMany({ where: { decisionId: id }, orderBy: { seq: 'asc' } });
      const leaves = await prisma.logLeaf.findMany({ orderBy: { idx: 'asc' } });
      const mine = leaves.filter((l) => l.decisionId === id);
      const [checkpoint] = await prisma.logCheckpoint.findMany({ orderBy: { treeSize: 'desc' }, take: 1 });
      const [history] = await prisma.workflowHistory.findMany({ where: { decisionId: id } });
      // The stored nodes (above the leaves) that the decision's proofs carry: a sibling of a leaf's ancestor, complete
      // within the checkpoint's tree.
      const size = Number(checkpoint.treeSize);
      const onPath = [...new Set(mine.flatMap((l) => Array.from({ length: 40 }, (_, h) => [h + 1, Number(l.idx) / 2 ** (h + 1)] as const).map(([h, at]) => [h, Math.floor(at) ^ 1] as const).filter(([h, s]) => (s + 1) * 2 ** h <= size).map(([h, s]) => `${h}:${s}`)))].map((k) => k.split(':').map(Number) as [number, number]);
      expect(onPath.length).toBeGreaterThan(0);
      const signer = JSON.parse(rows[1].entry!).signature.keyId as string;
      const other = newKey('ed25519');
      const flip = (text: string, k: number) => {
        const i = k % text.length;
        return text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ 1) + text.slice(i + 1);
      };
      type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];
      const row = (r: number) => rows[r % rows.length];
      // entry: the alteration is of the record's rows, and the failure names the entry.
      // registry: the alteration is of a key register, which an inspector's own trusted keys ignore; the system's self-check must catch it.
      const tamperings: { name: string; entry?: boolean; registry?: boolean; apply: (tx: Tx, r: number, k: number) => Promise<unknown> }[] = [
        { name: 'entry text flipped', entry: true, apply: (tx, r, k) => tx.$executeRaw`UPDATE decision_steps SET entry = ${flip(row(r).entry!, k)} WHERE decision_id = ${id} AND seq = ${row(r).seq}` },
        { name: 'entry edited and re-hashed', entry: true, apply: (tx, r) => {
          const e = JSON.parse(row(r).entry!);
          const sealed = sealEntry({ ...e, payload: { ...e.payload, forged: true } });
          return tx.$executeRaw`UPDATE decision_steps SET entry = ${sealed.canonical}, entry_hash = ${sealed.hash} WHERE decision_id = ${id} AND seq = ${row(r).seq}`;
        } },
        { name: 'entry hash flipped', entry: true, apply: (tx, r, k) => tx.$executeRaw`UPDATE decision_steps SET entry_hash = ${row(r).entryHash!.slice(0, 7) + flip(row(r).entryHash!.slice(7), k)} WHERE decision_id = ${id} AND seq = ${row(r).seq}` },
        { name: 'seal replaced', entry: true, apply: (tx, r) => tx.$executeRaw`UPDATE decision_steps SET seal = ${row(r + 1).seal} WHERE decision_id = ${id} AND seq = ${row(r).seq}` },
        { name: 'row deleted', entry: true, apply: (tx, r) => tx.$executeRaw`DELETE FROM decision_steps WHERE decision_id = ${id} AND seq = ${row(r).seq}` },
        { name: 'rows swapped', entry: true, apply: async (tx, r) => {
          const a = r % (rows.length - 1);
          await tx.$executeRaw`UPDATE decision_steps SET seq = -1 WHERE decision_id = ${id} AND seq = ${a}`;
          await tx.$executeRaw`UPDATE decision_steps SET seq = ${a} WHERE decision_id = ${id} AND seq = ${a + 1}`;
          await tx.$executeRaw`UPDATE decision_steps SET seq = ${a + 1} WHERE decision_id = ${id} AND seq = -1`;
        } },
        { name: 'forged row appended', entry: true, apply: (tx) => {
          const last = rows[rows.length - 1];
          const sealed = sealEntry({ ...JSON.parse(last.entry!), seq: rows.length, action: 'withdraw', payload: { reason: 'forged' }, prevHash: last.entryHash });
          return tx.$executeRaw`INSERT INTO decision_steps (decision_id, seq, action, actor_id, actor_name, actor_role, actor_organisation, payload, articles, at, phase_after, hold_after, workflow_id, run_id, entry, entry_hash, prev_hash, seal, seal_key_id)
            SELECT decision_id, ${rows.length}, 'withdraw', actor_id, actor_name, actor_role, actor_organisation, payload, articles, at, phase_after, hold_after, workflow_id, run_id, ${sealed.canonical}, ${sealed.hash}, prev_hash, seal, seal_key_id
            FROM decision_steps WHERE decision_id = ${id} AND seq = ${last.seq}`;
        } },
        { name: 'log leaf altered', apply: (tx, r, k) => tx.$executeRaw`UPDATE log_leaves SET leaf_hash = ${flip(mine[r % mine.length].leafHash, k)} WHERE idx = ${mine[r % mine.length].idx}` },
        // One of the decision's own leaves: its entry is missing from the log. (Another decision's, removed after the nodes
        // over it were stored, takes nothing from the tree this one's proofs are in: that decision's bundle says so.)
        { name: 'log leaf deleted', apply: (tx, r) => tx.$executeRaw`DELETE FROM log_leaves WHERE idx = ${mine[r % mine.length].idx}` },
        // The stored tree (log_nodes, migration 20261206190000): a node a proof of this decision carries, altered or gone.
        { name: 'log node altered', apply: (tx, r, k) => {
          const [height, idx] = onPath[r % onPath.length];
          return tx.$executeRaw`UPDATE log_nodes SET hash = set_byte(hash, ${k % 32}, get_byte(hash, ${k % 32}) # 1) WHERE height = ${height} AND idx = ${idx}`;
        } },
        { name: 'log node deleted', apply: (tx, r) => {
          const [height, idx] = onPath[r % onPath.length];
          return tx.$executeRaw`DELETE FROM log_nodes WHERE height = ${height} AND idx = ${idx}`;
        } },
        { name: 'log truncated', apply: (tx) => tx.$executeRaw`DELETE FROM log_leaves WHERE idx >= ${mine[0].idx}` },
        { name: 'checkpoint root altered', apply: (tx, _r, k) => tx.$executeRaw`UPDATE log_checkpoints SET root_hash = ${flip(checkpoint.rootHash, k)} WHERE tree_size = ${checkpoint.treeSize}` },
        { name: 'checkpoint signature replaced', apply: (tx) => tx.$executeRaw`UPDATE log_checkpoints SET signature = ${row(1).seal} WHERE tree_size = ${checkpoint.treeSize}` },
        { name: 'archived history altered', apply: (tx, _r, k) => tx.$executeRaw`UPDATE workflow_histories SET history = ${history.history.replace(/"eventTime":"[^"]*"/, `"eventTime":"2020-01-0${1 + (k % 9)}T00:00:00Z"`)} WHERE run_id = ${history.runId}` },
        { name: 'archived history deleted', apply: (tx) => tx.$executeRaw`DELETE FROM workflow_histories WHERE run_id = ${history.runId}` },
        { name: "actor's key replaced", registry: true, apply: (tx) => tx.$executeRaw`UPDATE actor_keys SET public_key = ${other.publicKey} WHERE key_id = ${signer}` },
        { name: "actor's key revoked back in time", registry: true, apply: (tx) => tx.$executeRaw`UPDATE actor_keys SET revoked_at = '2021-01-01T00:00:00Z' WHERE key_id = ${signer}` },
        { name: 'system key replaced', registry: true, apply: (tx) => tx.$executeRaw`UPDATE system_keys SET public_key = ${other.publicKey}` },
      ];
      class Rollback extends Error {}
      // The worker's checkpointing must refuse, loudly, to sign over a log with a leaf removed.
      const loudKey: SealKey = { ...generateSigningKey('ed25519'), algorithm: 'ed25519', keyId: 'ed25519:test' };
      const counts = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: tamperings.length - 1 }), fc.nat(), fc.nat(), async (m, r, k) => {
          const t = tamperings[m];
          let verdict: BundleVerdict | undefined;
          await prisma
            .$transaction(async (tx) => {
              await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`); // triggers off, for this transaction only
              await t.apply(tx, r, k);
              if (t.name === 'log truncated') await expect(checkpointNow(tx as unknown as PrismaClient, loudKey)).rejects.toThrow(/missing.*no checkpoint signed/);
              const cp = await latestCheckpoint(tx as unknown as PrismaClient);
              const b = await exportBundle(tx as unknown as PrismaClient, temporal, id, cp!);
              verdict = verifyBundle(b, t.registry ? { systemKeys: b.systemKeys, actorKeys: b.actorKeys } : trusted);
              throw new Rollback(); // nothing of it stays
            }, { timeout: 20_000 })
            .catch((e) => {
              if (!(e instanceof Rollback)) throw e;
            });
          expect(`${t.name}: ${verdict?.ok}`).toBe(`${t.name}: false`);
          if (t.entry && verdict && !verdict.ok) expect(`${t.name}: ${verdict.failure}`).toMatch(/: (entry \d+|the record)/);
          counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
        }),
        { numRuns: 1000, seed: Number(process.env.FC_SEED ?? Date.now() % 2 ** 31) },
      );
      expect(counts.size).toBe(tamperings.length); // every kind was tried
      // Rolled back, every one: the record as stored still verifies.
      expect((await http().get(`/decisions/${id}/verify`).expect(200)).body).toMatchObject({ ok: true, entries: 8 });
    } finally {
      await temporal.connection.close();
      await prisma.$disconnect();
    }
  }, 180_000);
  // Last: its decision's leaves go into the log after the others', which the tampering above reads as they were.
  it('a head sealed after the last entry was taken out of the database certifies nothing: the history shows it recorded before the head (attacker tester)', async () => {
    const open = `${id}-OPEN`;
    const key = newKey('ed25519');
    const unit = { ...key, keyId: (await system.as(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, actors.unit.id, key)).expect(201)).body.keyId };
    await system.as(actors.unit.id).post('/decisions').send(signedRegistration({ id: open, title: '关于调整票价的决定', undertakingDepartment: actors.unit.organisation, catalogRef: 'C-1', legalBasis: ['《价格法》'] }, actors.unit, unit)).expect(201);
    await system.as(actors.unit.id).post(`/decisions/${open}/steps`).send(signedStep(open, steps.draft(), unit, `${open}-1`)).expect(201);
    for (let i = 0; i < 150; i++) {
      const v = (await http().get(`/decisions/${open}/verify`)).body;
      if (v.ok && v.entries === 2 && v.pending === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const exported = (await http().get(`/decisions/${open}/bundle`).expect(200)).body as DecisionBundle;
    const byRegistrars = { systemKeys: trusted.systemKeys, registrarKeys: trusted.registrarKeys };
    expect(verifyBundle(exported, byRegistrars)).toMatchObject({ ok: true, entries: 2 });
    // The draft deleted in PostgreSQL with its leaf, and a head sealed from what is left: one entry, "complete".
    const { keyId: _k, signature: _s, ...head } = exported.head!;
    const cutWith = (signedAt: string): DecisionBundle => {
      const cut = structuredClone(exported);
      cut.entries.pop();
      cut.inclusion.pop();
      return { ...cut, head: signHead(system.sealKey, { ...head, entries: 1, lastHash: cut.entries[0].hash, lastLeaf: cut.inclusion[0].leafIndex, signedAt }) };
    };
    // Sealed ten seconds after the draft was recorded (the tester's was two minutes).
    const recorded = recordWithHistory(exported)[1].history!.completedAt!;
    expect(verifyBundle(cutWith(new Date(Date.parse(recorded) + 10_000).toISOString()), byRegistrars)).toMatchObject({
      ok: false,
      check: 'history-match',
      failure: expect.stringMatching(/^entry 1: the workflow recorded submitDraft here \(.*\), before the head was sealed \(.*\), and the record lacks it: it was taken out of the record/),
    });
    // A head sealed before the draft was recorded, the history fetched a moment later: the one entry, complete then.
    expect(verifyBundle(cutWith(new Date(Date.parse(recorded) - 60_000).toISOString()), byRegistrars)).toMatchObject({ ok: true, entries: 1 });
  });
});
