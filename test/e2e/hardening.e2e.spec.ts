import { createHash, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Client as Pg } from 'pg';
import request from 'supertest';
import { AppModule } from '../../apps/api/src/app.module';
import { apiHttpAdapter, configureHttp, initApi } from '../../apps/api/src/edge/http';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { actors, cmd, h, steps } from '../support/procedure';
import { PERSON, REGISTRAR } from '../support/auth';
import { endorsedKey, newKey, signedRegistration, signedStep, type TestKey } from '../support/signing';
import { startSystem } from '../support/system';

/**
 * Bad input and failed dependencies, over HTTP against the real system: every
 * request gets a 4xx that says what is wrong, or a 503 with Retry-After within
 * a bounded time; nothing is stored twice and no decision is frozen.
 */
describe('the API under bad input and failed dependencies', () => {
  let system: Awaited<ReturnType<typeof startSystem>>;
  let api: INestApplication;
  let unit: TestKey;
  /** A worker started again after the system's own was stopped. */
  let revived: INestApplicationContext | undefined;
  let pg: Pg;
  /** A signed-in test person; a registration or a step goes as its official (unitHttp). */
  const http = () => system.as(PERSON);
  const unitHttp = () => system.as(actors.unit.id);
  const TIMEOUT_S = 8;
  /** JSON_BODY_TIMEOUT_SECONDS here: a stalled body is cut this soon. */
  const BODY_TIMEOUT_S = 2;
  /** MAX_CONNECTIONS_PER_CLIENT here. */
  const PER_CLIENT = 40;

  /** A decision registered through the API, and a way to send its unit's steps. */
  async function decision(prefix: string) {
    const id = `${prefix}-${randomUUID().slice(0, 8)}`;
    await unitHttp()
      .post('/decisions')
      .send(signedRegistration({ id, title: '关于调整票价的决定', undertakingDepartment: actors.unit.organisation, catalogRef: 'C-HARD', legalBasis: ['《价格法》'] }, actors.unit, unit))
      .expect(201);
    const send = (c: ReturnType<typeof cmd>, key = `${id}-${randomUUID()}`) => unitHttp().post(`/decisions/${id}/steps`).send(signedStep(id, c, unit, key));
    return { id, send };
  }
  /** Entries of the decision's record made by its officials (the system's archive entries come as runs close). */
  const entries = async (id: string) => (await pg.query<{ n: string }>("SELECT count(*) AS n FROM decision_steps WHERE decision_id = $1 AND action <> 'archiveHistory'", [id])).rows[0].n;

  beforeAll(async () => {
    // Small runs, so a decision continues as new within a test; a short deadline on dependencies.
    Object.assign(process.env, { MAX_STEPS_PER_RUN: '2', DEPENDENCY_TIMEOUT_SECONDS: String(TIMEOUT_S), JSON_BODY_TIMEOUT_SECONDS: String(BODY_TIMEOUT_S), MAX_CONNECTIONS_PER_CLIENT: String(PER_CLIENT) });
    system = await startSystem({ sealAlgorithm: 'ed25519' });
    api = system.api;
    pg = new Pg({ connectionString: system.db.url });
    await pg.connect();
    await http().post('/catalog-items').send({ ref: 'C-HARD', year: 2026, title: '票价', organ: '某市人民政府', partyConsentRef: '市委同意' }).expect(201);
    const key = newKey('ed25519');
    unit = { ...key, keyId: (await system.as(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, actors.unit.id, key)).expect(201)).body.keyId };
  }, 120_000);

  afterAll(async () => {
    delete process.env.MAX_STEPS_PER_RUN;
    delete process.env.DEPENDENCY_TIMEOUT_SECONDS;
    delete process.env.JSON_BODY_TIMEOUT_SECONDS;
    delete process.env.MAX_CONNECTIONS_PER_CLIENT;
    await pg?.end();
    await revived?.close();
    await system?.close();
  });

  it('a validly signed step with text the record cannot store gets 400 naming the field, and the decision moves on', async () => {
    const d = await decision('NUL');
    for (const bad of ['a\u0000b', 'a\uD800b', '\uDFFF']) {
      const inPayload = await d.send(cmd('withdraw', actors.unit, { reason: bad })).expect(400);
      expect(inPayload.body.message).toEqual([expect.stringContaining('body.payload.reason')]);
      const inName = await d.send(cmd('submitDraft', { ...actors.unit, name: bad }, steps.draft().payload as never)).expect(400);
      expect(inName.body.message).toEqual([expect.stringContaining('body.actor.name')]);
    }
    // Too deep for anyone to sign (canonical JSON recurses): sent as text, refused before any signature is looked at.
    const deepBody = `{"action":"withdraw","actor":${JSON.stringify(actors.unit)},"idempotencyKey":"${d.id}-deep","signature":{"keyId":"k","value":"${'A'.repeat(88)}"},"payload":{"reason":"x","extra":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}}`;
    const deep = await unitHttp().post(`/decisions/${d.id}/steps`).set('content-type', 'application/json').send(deepBody).expect(400);
    expect(deep.body.message).toEqual([expect.stringMatching(/嵌套过深.*nested deeper than 32 levels/)]);
    expect(await entries(d.id)).toBe('1');
    // A time past the years every instant lies in (retest: a review date of 9999, printed back as a five-digit year).
    const far = await d.send(cmd('postpone', actors.unit, { reason: '待研究', reviewDate: '9999-12-31T23:59:59Z' })).expect(400);
    expect(far.body.message).toEqual(['body.payload.reviewDate：时间应在 1949 年至 2199 年之间（body.payload.reviewDate must lie in the years 1949 to 2199）']);
    // In Beijing time too: 2199 in UTC, 2200 where it is read (statute tester).
    await d.send(cmd('postpone', actors.unit, { reason: '待研究', reviewDate: '2200-01-01T07:59:59+08:00' })).expect(400);
    // Each attempt refused as input is kept apart, under no name, what was sent left out (statute tester: no trace).
    const kept = (await http().get(`/decisions/${d.id}/unattributed-attempts?limit=100`).expect(200)).body as { action: string; reason: string; code: string; claimedActorId: string }[];
    expect(kept.filter((a) => a.action === 'postpone')).toEqual([
      expect.objectContaining({ reason: 'invalid_input', code: 'INVALID_INPUT', claimedActorId: actors.unit.id }),
      expect.objectContaining({ reason: 'invalid_input', code: 'INVALID_INPUT' }),
    ]);
    // Keys JavaScript treats specially, validly signed: named and refused, not taken for a forged signature (the
    // validation layer dropped them before the signature was checked) nor silently dropped from a comment.
    for (const [key, payload] of [
      ['constructor', { reason: '撤回', constructor: 'x' }],
      ['prototype', { reason: '撤回', prototype: 'x' }],
      ['extra.__proto__', { reason: '撤回', extra: JSON.parse('{"__proto__":1}') }],
    ] as const) {
      const reserved = await d.send(cmd('withdraw', actors.unit, payload as never)).expect(400);
      expect(reserved.body.message).toEqual([expect.stringMatching(new RegExp(`^body\\.payload\\.${key.replace(/\./g, '\\.')}：是程序语言的保留名`))]);
    }
    const comment = await http().post(`/decisions/${d.id}/comments`).set('content-type', 'application/json').send('{"text":"意见","__proto__":{"x":1}}').expect(400);
    expect(comment.body.message).toEqual([expect.stringContaining('body.__proto__：')]);
    expect(await entries(d.id)).toBe('1');
    await d.send(steps.draft()).expect(201);
    // (Put out for comment: a matter withheld by law holding the tests' shared draft first would keep it from the public,
    // and every later decision of this file from opening a comment period on it, Art. 15.)
    await d.send(steps.applicability({ expert: false, risk: false })).expect(201);
  }, 60_000);

  it('a step that would make the state too large to carry into the next run is refused, saying what to do; the decision moves on and is read (fresh-eyes tester: frozen for good)', async () => {
    const d = await decision('BIG');
    await d.send(steps.draft()).expect(201);
    // 1,000 special groups of 200 characters, within every request limit: some 600 KB the state carries.
    const groups = Array.from({ length: 1000 }, (_, i) => `${String(i).padStart(3, '0')}${'群'.repeat(197)}`);
    const declared = steps.applicability({ expert: false, risk: false });
    await d.send({ ...declared, payload: { ...declared.payload, specialGroups: groups } } as typeof declared).expect(201);
    // Talks with the first group naming 1,000 parties of 200 characters: past what the run can carry on.
    const talks = steps.consultGroup(groups[0]);
    const many = { ...talks, payload: { ...talks.payload, with: Array.from({ length: 1000 }, (_, i) => ({ kind: 'representatives', name: `${String(i).padStart(3, '0')}${'代'.repeat(197)}` })) } } as typeof talks;
    const refused = await d.send(many).expect(422);
    expect(refused.body.code).toBe('TOO_LARGE');
    expect(refused.body.message).toMatch(/将超过工作流可以携带的上限（768 KB；撤回、暂缓、中止执行和归档另留有余地），故不予接受：请将长篇文字作为文件上传，以文件摘要（hash）引用/);
    expect(await entries(d.id)).toBe('3');
    // The refusal is kept whole, its payload past 16 KB by its size and digest (attacker: refusals of 700 KB each made the bundle 45 MB).
    const [kept] = (await http().get(`/decisions/${d.id}/refusals`).expect(200)).body as { code: string; payload: { omitted?: string; bytes?: number; sha256?: string } }[];
    const sent = JSON.stringify(many.payload);
    expect(kept).toMatchObject({ code: 'TOO_LARGE', payload: { omitted: expect.stringMatching(/^内容过大，未予保存/), bytes: Buffer.byteLength(sent), sha256: createHash('sha256').update(sent).digest('hex') } });
    // Nor a message echoing a field name of 20,000 characters twice (retest): kept to its first 4,000.
    const long = await d.send(cmd('withdraw', actors.unit, { reason: '撤回', ['x'.repeat(20_000)]: 1 } as never)).expect(422);
    expect(long.body.code).toBe('INVALID_PAYLOAD');
    const refusals = (await http().get(`/decisions/${d.id}/refusals`).expect(200)).body as { message: string }[];
    expect(refusals.at(-1)!.message).toMatch(/…（以下 \d+ 字未予保存）$/);
    expect(refusals.at(-1)!.message.length).toBeLessThan(4100);
    // The same talks, as a clerk sends them: taken, carried into new runs (two steps a run here), and read.
    await d.send({ ...talks, payload: { ...talks.payload, with: [{ kind: 'representatives', name: '群众代表' }] } } as typeof talks).expect(201);
    await d.send(steps.openComment()).expect(201);
    expect(await entries(d.id)).toBe('5');
    expect((await http().get(`/decisions/${d.id}`).expect(200)).body.state.phase).toBe('consultation');
    // The steps, each once (the archive of each closed run joins the timeline when its pass comes: not counted).
    const timeline = (await http().get(`/decisions/${d.id}/timeline`).expect(200)).body as { action: string }[];
    expect(timeline.map((e) => e.action).filter((a) => a !== 'archiveHistory')).toEqual(['submitDraft', 'declareApplicability', 'consultSpecialGroup', 'openPublicComment']);
  }, 120_000);

  it('a validly signed step with a field the step does not take is refused naming it and the fields taken; nothing is recorded', async () => {
    const d = await decision('FIELD');
    // A value of another kind than its field's, which the rules let pass, is refused too: a text where a flag belongs
    // was kept as if the draft were a material change while the rules read it as none.
    const notAFlag = await d.send(cmd('submitDraft', actors.unit, { ...steps.draft().payload, material: 'true' } as never)).expect(422);
    expect(notAFlag.body).toMatchObject({ code: 'INVALID_PAYLOAD', message: expect.stringMatching(/^payload\.material：应为 true 或 false/) });
    await d.send(steps.draft()).expect(201);
    // A basis for not disclosing the matter beside a matter put out for comment (Art. 14).
    const open = steps.applicability({ pp: true, expert: false, risk: false });
    const withBasis = { ...open.payload, publicParticipation: { required: true, nonDisclosureBasis: '《保守国家秘密法》第九条' } };
    expect((await d.send(cmd('declareApplicability', actors.unit, withBasis as never)).expect(422)).body.message).toMatch(/^payload\.publicParticipation\.nonDisclosureBasis：只在依法不予公开/);
    await d.send(open).expect(201);
    const before = await entries(d.id);
    // A misspelt optional field would be signed and kept as if the period had been shortened for a reason.
    const misspelt = await d.send(cmd('openPublicComment', actors.unit, { days: 30, channels: ['政府网站'], shortenedReasn: '紧急' } as never)).expect(422);
    expect(misspelt.body).toMatchObject({ code: 'INVALID_PAYLOAD', articles: [expect.stringContaining('15')] });
    expect(misspelt.body.message).toMatch(/^payload\.shortenedReasn：此步骤没有这个字段，未予接受（此处可填写的字段：days、channels、shortenedReason）/);
    // Inside a list of objects, by its place in the list.
    const nested = await d.send(cmd('consultSpecialGroup', actors.unit, { group: '老年人', with: [{ kind: 'representatives', name: '代表', phone: '1' }], recordHash: h('talks') } as never)).expect(422);
    expect(nested.body.message).toMatch(/^payload\.with\.0\.phone：此步骤没有这个字段/);
    expect(await entries(d.id)).toBe(before);
    await d.send(cmd('openPublicComment', actors.unit, { days: 30, channels: ['政府网站'] })).expect(201);
  }, 60_000);

  it('bad paths, queries and bodies get 4xx saying what is wrong, never 500', async () => {
    expect((await http().get('/decisions/a%00b').expect(400)).body.message).toEqual([expect.stringContaining('params.id')]);
    // An id of any length that no decision has: 404, the id echoed in part.
    expect((await http().get(`/decisions/${'长'.repeat(1000)}`).expect(404)).body.message).toBe(`没有编号为 ${'长'.repeat(100)}… 的决策（no decision with id ${'长'.repeat(100)}…）`);
    expect((await http().get('/actor-keys?actorId=a%00').expect(400)).body.message).toEqual([expect.stringContaining('query.actorId')]);
    await http().get('/decisions/%E0%A4%A').expect(400);
    // A decision in the reader's scope: its entry number out of range is a 400; one out of scope (or none) is a 404 first.
    const { id: visible } = await decision('PATH');
    await http().get(`/decisions/${visible}/steps/99999999999999999999/inclusion`).expect(400);
    await http().get('/decisions/X/steps/99999999999999999999/inclusion').expect(404);
    await http().get('/log/consistency?first=99999999999999999999&second=2').expect(400);
    const big = await http().post('/decisions').set('content-type', 'application/json').send(`{"id":"${'x'.repeat(2 * 1024 * 1024)}"}`).expect(413);
    expect(big.body.message).toEqual([expect.stringContaining('1048576')]);
    const broken = await http().post('/decisions').set('content-type', 'application/json').send('{"id": ').expect(400);
    expect(broken.body.message).toEqual([expect.stringContaining('不是有效的 JSON')]);
    // A key named twice in one object: refused naming it, not the last one taken (inspector tester: a withdrawal's
    // reason given twice was recorded, the other text beside it in what was sent).
    const twice = await http().post('/decisions/X/steps').set('content-type', 'application/json').send('{"action":"withdraw","payload":{"reason":"市长已同意本方案，请勿撤回","reason":"因情况变化撤回"}}').expect(400);
    expect(twice.body.message).toEqual([expect.stringMatching(/^请求内容中的字段“payload\.reason”出现了不止一次/)]);
    // JSON, but not an object: said so, not called invalid JSON.
    for (const body of ['null', '42', '"text"', ' true ']) {
      const notObject = await http().post('/decisions').set('content-type', 'application/json').send(body).expect(400);
      expect(notObject.body.message).toEqual([expect.stringContaining('请求内容须为 JSON 对象')]);
    }
    // A catalog ref that shows as another: a direction override before 'C-5' reads '5-C' (fresh-eyes tester).
    const reversed = await http().post('/catalog-items').send({ ref: '\u202eC-5', year: 2026, title: '票价', organ: '某市人民政府', partyConsentRef: '市委同意' }).expect(400);
    // (Said at the edge, as of every text since a title could be turned so: the ref's own rule stands behind it.)
    expect(reversed.body.message).toEqual([expect.stringMatching(/^body\.ref：含有改变文字显示方向的控制字符/)]);
    // A receipt that is not one is said to be malformed, not echoed back whole (fresh-eyes tester: 10,000 characters were).
    const notReceipt = await http().get(`/comments/${'r'.repeat(10_000)}`).expect(400);
    expect(notReceipt.body.message).toEqual([expect.stringMatching(/^receipt：回执应为提交意见时返回的 sha256:/)]);
    expect(JSON.stringify(notReceipt.body).length).toBeLessThan(400);
    await http().get(`/comments/sha256:${'0'.repeat(64)}`).expect(404);
    await http().get(`/comments/SHA256:${'A'.repeat(64)}`).expect(404); // copied in capitals: looked up, not refused
    // A list neither (fresh-eyes tester: [] to the answers was told about a missing groupHash).
    for (const [path, method] of [['/decisions', 'post'], [`/decisions/${visible}/comment-answers`, 'put']] as const) {
      const list = await http()[method](path).set('content-type', 'application/json').send('[]').expect(400);
      expect(list.body.message).toEqual(['请求内容须为 JSON 对象 {…}，不能是列表 […]（the request body must be a JSON object, not a list）']);
    }
    expect((await http().get('/decisions/%E0%A4%A').expect(400)).body.message).toMatch(/^请求无效：路径中的“%E0%A4%A”不是有效的 UTF-8 百分号编码（Failed to decode param/);
    expect((await http().get(`/decisions/${'%ED%A0%80'.repeat(300)}`).expect(400)).body.message.length).toBeLessThan(700);
    await http().post('/decisions').set('content-type', 'application/json; charset=latin1').send('{}').expect(415);
    // Bytes that are not UTF-8, in a body or escaped in a query: refused, not stored as U+FFFD.
    const notUtf8 = Buffer.concat([Buffer.from('{"ref":"X-1","year":2026,"title":"bad '), Buffer.from([0xff, 0xfe]), Buffer.from('","organ":"某市","partyConsentRef":"同意"}')]);
    expect((await http().post('/catalog-items').set('content-type', 'application/json').serialize((b: Buffer) => b as never).send(notUtf8).expect(400)).body.message).toEqual([expect.stringContaining('UTF-8')]);
    await http().get('/decisions?department=%FF').expect(400);
    await http().get('/decisions?department=%ED%A0%80').expect(400);
    // A body that is not JSON is not taken for an empty one.
    const plain = await http().post('/catalog-items').set('content-type', 'text/plain').send('ref=X-2').expect(415);
    expect(plain.body).toMatchObject({ error: 'Unsupported Media Type', message: [expect.stringContaining('application/json')] });
    await http().post('/catalog-items').type('form').send({ ref: 'X-3' }).expect(415);
    await http().post('/documents').attach('file', Buffer.from('正文'), 'a.txt').expect(415);
    await http().get('/catalog-items?year=abc').expect(400);
  });

  it('a JSON body compressed or saved with a byte-order mark is read as sent; routes in any letter case; an undecodable path carries its request id (fresh-eyes tester)', async () => {
    const item = (ref: string) => JSON.stringify({ ref, year: 2026, title: '压缩的目录事项', organ: '某市人民政府', partyConsentRef: '同意' });
    const raw = (body: Buffer, headers: Record<string, string>) => http().post('/catalog-items').set({ 'content-type': 'application/json', ...headers }).serialize((b: Buffer) => b as never).send(body);
    const ref = `GZ-${randomUUID().slice(0, 6)}`;
    await raw(gzipSync(item(ref)), { 'content-encoding': 'gzip' }).expect(201);
    await raw(brotliCompressSync(item(`${ref}-br`)), { 'content-encoding': 'br' }).expect(201);
    await raw(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(item(`${ref}-bom`))]), {}).expect(201);
    expect((await raw(Buffer.from(item('X-Z')), { 'content-encoding': 'compress' }).expect(415)).body.message).toEqual([expect.stringContaining('Content-Encoding')]);
    expect((await raw(Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' }).expect(400)).body.message).toEqual([expect.stringContaining('解压')]);
    // Unpacked, the limit counts what the body unpacks to: a small bomb is refused, not read whole.
    expect((await raw(gzipSync(`{"ref":"${'x'.repeat(3 * 1024 * 1024)}"}`), { 'content-encoding': 'gzip' }).expect(413)).body.message).toEqual([expect.stringContaining('1048576')]);
    await http().get('/HEALTH').expect(200);
    await http().get('/Catalog-Items').expect(200);
    expect((await http().get('/decisions/%ff').set('x-request-id', 'bad-url-1').expect(400)).headers['x-request-id']).toBe('bad-url-1');
  });

  it('a request Node cannot read (headers over 16 KiB, bytes that are not HTTP) is refused in Chinese too, and the API answers on (fresh-eyes tester: 431 was English only)', async () => {
    const server = api.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    /** What the server writes back to these bytes, until it closes the connection. */
    const answerTo = (bytes: string) =>
      new Promise<{ status: number; headers: string; body: { statusCode: number; message: string } }>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
        const parts: Buffer[] = [];
        socket.on('data', (c: Buffer) => parts.push(c));
        socket.on('error', reject);
        socket.on('close', () => {
          const text = Buffer.concat(parts).toString('utf8');
          const [head, body] = text.split('\r\n\r\n');
          resolve({ status: Number(head.split(' ')[1]), headers: head, body: JSON.parse(body) });
        });
      });
    const big = await answerTo(`GET /health HTTP/1.1\r\nHost: x\r\nCookie: ${'a'.repeat(20 * 1024)}\r\n\r\n`);
    expect(big.status).toBe(431);
    expect(big.body).toEqual({ statusCode: 431, error: 'Request Header Fields Too Large', message: expect.stringMatching(/^请求行和请求头过大.*16 KiB.*查询参数过长的请分批查询.*（the request line and headers exceed 16 KiB/) });
    // Its length in bytes, not in characters: a Chinese message counted by characters would be cut short.
    expect(big.headers).toMatch(new RegExp(`content-length: ${Buffer.byteLength(JSON.stringify(big.body))}$`, 'im'));
    const garbled = await answerTo('\u0000\u0001 not HTTP at all\r\n\r\n');
    expect(garbled.status).toBe(400);
    expect(garbled.body.message).toMatch(/^请求不是有效的 HTTP 请求（the request is not valid HTTP）$/);
    await http().get('/health').expect(200);
  });

  it('a JSON body that stalls is answered 408 and its connection closed, in time, before any rate limit sees it (the thirteenth session\'s tester: an hour)', async () => {
    const server = api.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    /** Sends the head and part of a body, never the rest: what comes back, and when the server closed the connection. */
    const stall = (head: string, part: string) =>
      new Promise<{ text: string; afterMs: number }>((resolve, reject) => {
        const started = Date.now();
        const socket = connect(port, '127.0.0.1', () => socket.write(head + part));
        const parts: Buffer[] = [];
        socket.on('data', (c: Buffer) => parts.push(c));
        socket.on('error', reject);
        socket.on('close', () => resolve({ text: Buffer.concat(parts).toString('utf8'), afterMs: Date.now() - started }));
      });
    const comment = await stall(`POST /decisions/STALL-1/comments HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n`, '{"content":');
    const [head, body] = comment.text.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 408 /);
    expect(head).toMatch(/^connection: close$/im);
    expect(JSON.parse(body)).toEqual({ statusCode: 408, error: 'Request Timeout', message: [expect.stringMatching(/^请求内容未在时限内传送完毕，连接已关闭.*（the request body did not arrive in time/)] });
    expect(comment.afterMs).toBeGreaterThanOrEqual(BODY_TIMEOUT_S * 1000 - 100);
    expect(comment.afterMs).toBeLessThan(BODY_TIMEOUT_S * 1000 + 3000);
    // A body of another media type is refused unread (415), and its connection closed with the answer, at once: it is
    // not read on for the hour a document may take (the fourteenth session's tester: text/plain trickled past 240 s).
    for (const type of ['text/plain', 'application/jsonx']) {
      const other = await stall(`POST /decisions/STALL-2/comments HTTP/1.1\r\nHost: x\r\nContent-Type: ${type}\r\nContent-Length: 1000000\r\n\r\n`, 'x'.repeat(10));
      expect(other.text).toMatch(/^HTTP\/1\.1 415 /);
      expect(other.text.split('\r\n\r\n')[0]).toMatch(/^connection: close$/im);
      expect(other.afterMs).toBeLessThan(BODY_TIMEOUT_S * 1000);
    }
    // A request that names JSON but sends no body is answered, and nothing goes off once the time has passed.
    await http().get('/health').set('content-type', 'application/json').expect(200);
    await new Promise((r) => setTimeout(r, BODY_TIMEOUT_S * 1000 + 500));
    await http().get('/health').expect(200);
  });

  it('one address holding connections open gets 429 for the next, and the others still reach the API (fresh-eyes tester: 22,000 unfinished bodies from one address took every file)', async () => {
    const server = api.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const held = await Promise.all(
      Array.from({ length: PER_CLIENT }, () => new Promise<Socket>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => resolve(socket));
        socket.on('error', reject);
      })),
    );
    try {
      await new Promise((r) => setTimeout(r, 200));
      const next = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1');
        const parts: Buffer[] = [];
        socket.on('data', (c: Buffer) => parts.push(c));
        socket.on('error', reject);
        socket.on('close', () => resolve(Buffer.concat(parts).toString('utf8')));
      });
      const [head, body] = next.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 429 /);
      expect(head).toMatch(/^retry-after: 10$/im);
      expect(JSON.parse(body)).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.stringMatching(new RegExp(`^来自本地址的连接已达 ${PER_CLIENT} 个，请关闭不用的连接，稍后再试`)) });
    } finally {
      for (const socket of held) socket.destroy();
    }
    // Closed, they count no more.
    await new Promise((r) => setTimeout(r, 200));
    await http().get('/health').expect(200);
  });

  it('a title, a reason or a channel of only invisible characters is refused at the edge, naming the field (fresh-eyes tester)', async () => {
    const id = `BLANK-${randomUUID().slice(0, 8)}`;
    const blank = await unitHttp()
      .post('/decisions')
      .send(signedRegistration({ id, title: '\u200b\u200b', undertakingDepartment: actors.unit.organisation, catalogRef: 'C-HARD', legalBasis: ['《价格法》'] }, actors.unit, unit))
      .expect(400);
    expect(blank.body.message).toEqual([expect.stringMatching(/^body\.title：只有空白或不可见字符/)]);
    // Nor a title that shows other than it is signed: a right-to-left override makes 'evil' read 'live' (fresh-eyes tester).
    const turned = await unitHttp()
      .post('/decisions')
      .send(signedRegistration({ id, title: '关于\u202Eevil\u202D票价的决定', undertakingDepartment: actors.unit.organisation, catalogRef: 'C-HARD', legalBasis: ['《价格法》'] }, actors.unit, unit))
      .expect(400);
    expect(turned.body.message).toEqual([expect.stringMatching(/^body\.title：含有改变文字显示方向的控制字符/)]);
    // Arabic as written, with its marks, is text like any other.
    await unitHttp().post('/decisions').send(signedRegistration({ id: `${id}-AR`, title: '关于 مرحبا\u200f 的决定', undertakingDepartment: actors.unit.organisation, catalogRef: 'C-HARD', legalBasis: ['《价格法》'] }, actors.unit, unit)).expect(201);
    const d = await decision('BLANK');
    await d.send(steps.draft()).expect(201);
    await d.send(steps.applicability({ expert: false, risk: false })).expect(201);
    const shortened = await d.send(cmd('openPublicComment', actors.unit, { days: 3, channels: ['\u2800'], shortenedReason: '情况紧急' })).expect(400);
    expect(shortened.body.message).toEqual([expect.stringMatching(/^body\.payload\.channels\.0：只有空白或不可见字符/)]);
    const reasonless = await d.send(cmd('openPublicComment', actors.unit, { days: 3, channels: ['市政府网站'], shortenedReason: '\u200d' })).expect(400);
    expect(reasonless.body.message).toEqual([expect.stringMatching(/^body\.payload\.shortenedReason：只有空白或不可见字符/)]);
    // Nor a reason that carries a sentence in invisible tag characters, signed with it.
    const smuggled = '情况紧急' + [...'skip the review'].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('');
    const tagged = await d.send(cmd('openPublicComment', actors.unit, { days: 3, channels: ['市政府网站'], shortenedReason: smuggled })).expect(400);
    expect(tagged.body.message).toEqual([expect.stringMatching(/^body\.payload\.shortenedReason：含有不可见的标签字符/)]);
    // Nothing of it reached the record; the period opens with a reason one can read.
    expect(await entries(d.id)).toBe('3');
    await d.send(cmd('openPublicComment', actors.unit, { days: 3, channels: ['市政府网站'], shortenedReason: '情况紧急' })).expect(201);
    // Nor a reason of punctuation alone (statute tester: '。' stood for reasons, a dissent, a basis for not disclosing).
    const wordless = await system.stepsOn(d.id).send(cmd('withdraw', actors.mayor, { reason: '。' }));
    expect(wordless.status).toBe(422);
    expect(wordless.body).toMatchObject({ code: 'INVALID_PAYLOAD', message: expect.stringMatching(/^payload\.reason：只有标点或符号，没有文字/) });
    expect(await entries(d.id)).toBe('4');
  });

  it('the same text sent six times at once by one client is one comment with one receipt; three other clients sending it are three comments', async () => {
    const d = await decision('CMT');
    await d.send(steps.draft()).expect(201);
    await d.send(steps.applicability({ expert: false, risk: false })).expect(201);
    await d.send(steps.openComment()).expect(201);
    await request(api.getHttpServer()).post(`/decisions/${d.id}/comments`).send({ text: ' \n\t ' }).expect(400);
    // Nor only characters that show nothing: zero-width spaces, direction marks, a Hangul filler.
    for (const text of ['\u200b\u200b', '\u200f\u202e', '\u3164', '\u2060\ufeff ', '\u2800\u2800', '\u0301\u0301', '\u0378', '\ue000', '\ufffc']) {
      const invisible = await request(api.getHttpServer()).post(`/decisions/${d.id}/comments`).send({ text }).expect(400);
      expect(invisible.body.message).toEqual([expect.stringMatching(/^body\.text：只有空白或不可见字符/)]);
    }
    // Clients told apart by their addresses: the API listens on 127.0.0.1; the clients connect from 127.0.0.1 to 127.0.0.4.
    const server = api.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const comment = (from: string, text: string) =>
      new Promise<{ status: number; body: { receipt: string; submittedAt: string } }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, localAddress: from, method: 'POST', path: `/decisions/${d.id}/comments`, headers: { 'content-type': 'application/json' }, agent: false }, (res) => {
          const parts: Buffer[] = [];
          res.on('data', (c: Buffer) => parts.push(c));
          res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(parts).toString('utf8')) }));
        });
        req.on('error', reject);
        req.end(JSON.stringify({ text }));
      });
    const count = async () => Number((await pg.query<{ n: string }>('SELECT count(*) AS n FROM public_comments WHERE decision_id = $1', [d.id])).rows[0].n);
    const sent = await Promise.all(Array.from({ length: 6 }, () => comment('127.0.0.1', '同意')));
    expect(sent.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(new Set(sent.map((r) => r.body.receipt)).size).toBe(1);
    expect(new Set(sent.map((r) => r.body.submittedAt)).size).toBe(1);
    expect(await count()).toBe(1);
    // Later, again: the first receipt.
    expect((await comment('127.0.0.1', '同意')).body.receipt).toBe(sent[0].body.receipt);
    const others = await Promise.all(['127.0.0.2', '127.0.0.3', '127.0.0.4'].map((from) => comment(from, '同意')));
    expect(others.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set([sent[0].body.receipt, ...others.map((r) => r.body.receipt)]).size).toBe(4);
    // Another text from the first client is a comment of its own.
    expect((await comment('127.0.0.1', '不同意')).body.receipt).not.toBe(sent[0].body.receipt);
    expect(await count()).toBe(5);
  });

  it('an idempotency key holds for the life of the decision: the same step is answered as the first time, another step is refused with 409', async () => {
    const d = await decision('IDEM');
    const draftKey = `${d.id}-draft`;
    const first = (await d.send(steps.draft(), draftKey).expect(201)).body;
    await d.send(steps.applicability({ expert: false, risk: false })).expect(201);
    const forms = [];
    for (let i = 0; i < 5; i++) {
      const key = `${d.id}-form-${i}`;
      const c = cmd('recordParticipationForm', actors.unit, { form: 'symposium', recordHash: h(`${d.id}-form-${i}`) });
      forms.push({ c, key, answer: (await d.send(c, key).expect(201)).body });
    }
    const runs = await pg.query<{ n: string }>('SELECT count(DISTINCT run_id) AS n FROM decision_steps WHERE decision_id = $1', [d.id]);
    expect(Number(runs.rows[0].n)).toBeGreaterThan(2); // the decision has continued as new since
    const before = await entries(d.id);

    // Replayed as they stand (say, taken from the public bundle): answered, not recorded again.
    expect((await d.send(steps.draft(), draftKey).expect(201)).body).toEqual(first);
    for (const f of forms) expect((await d.send(f.c, f.key).expect(201)).body).toEqual(f.answer);
    expect(await entries(d.id)).toBe(before);

    // The same key with another step: refused, naming the key.
    const other = await d.send(cmd('recordParticipationForm', actors.unit, { form: 'poll', recordHash: h('other') }), forms[0].key).expect(409);
    expect(other.body).toMatchObject({ idempotencyKey: forms[0].key, message: expect.stringContaining(forms[0].key) });
    // Sent at the same moment under one key: the same step is recorded once and answered alike; of different steps one
    // is recorded and the others get 409 (Temporal would hand them the first one's outcome under one Update id).
    const sameKey = `${d.id}-same`;
    const same = cmd('recordParticipationForm', actors.unit, { form: 'symposium', recordHash: h(`${d.id}-same`) });
    const twins = await Promise.all(Array.from({ length: 4 }, () => d.send(same, sameKey)));
    expect(twins.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(twins.map((r) => r.body.seq)).size).toBe(1);
    const rivalKey = `${d.id}-rival`;
    const rivals = await Promise.all(
      (['poll', 'questionnaire', 'poll', 'questionnaire'] as const).map((form) => d.send(cmd('recordParticipationForm', actors.unit, { form, recordHash: h(`${d.id}-${form}`) }), rivalKey)),
    );
    const statuses = rivals.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 409).length).toBeGreaterThanOrEqual(2);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const held = await pg.query<{ payload: { form: string } }>('SELECT s.payload FROM step_idempotency_keys k JOIN decision_steps s USING (decision_id, seq) WHERE k.decision_id = $1 AND k.idempotency_key = $2', [d.id, rivalKey]);
    expect(held.rows).toHaveLength(1);
    // Every 201 was for the step that was in fact recorded.
    rivals.forEach((r, i) => r.status === 201 && expect(['poll', 'questionnaire', 'poll', 'questionnaire'][i]).toBe(held.rows[0].payload.form));
    expect(await entries(d.id)).toBe(String(Number(before) + 2));

    // The registration's key is the decision id.
    await d.send(cmd('recordParticipationForm', actors.unit, { form: 'poll', recordHash: h('other') }), d.id).expect(409);
    expect(await entries(d.id)).toBe(String(Number(before) + 2));

    // And the record verifies: the rivals refused went as far as the record activity, which stored nothing and said so
    // (the verifier took its completion for a step recorded, and the decision's record failed for good). A run that has
    // just closed is archived by the next a moment later: asked again until then.
    let verdict: { ok: boolean } = { ok: false };
    for (let i = 0; i < 50 && !verdict.ok; i++) {
      if (i) await new Promise((r) => setTimeout(r, 200));
      verdict = (await http().get(`/decisions/${d.id}/verify`).expect(200)).body;
    }
    expect(verdict).toMatchObject({ ok: true });
  }, 90_000);

  it('with the worker gone a step gets 503 with Retry-After within the bound; the retry with the same key gets the result once the worker is back', async () => {
    const d = await decision('DOWN');
    await system.closeWorker();
    const key = `${d.id}-draft`;
    const started = Date.now();
    const down = await d.send(steps.draft(), key).expect(503);
    expect(Date.now() - started).toBeLessThan((TIMEOUT_S + 3) * 1000);
    expect(down.headers['retry-after']).toMatch(/^\d+$/);
    expect(down.body).toMatchObject({ dependency: 'Temporal', message: expect.stringMatching(/^流程引擎（Temporal 或其工作进程）暂时无法响应，请在 \d+ 秒后原样重发（步骤用同一幂等键，登记用同一决策编号）/) });
    // Nor is a bundle exported: only a worker seals its head. Said as such, within the bound (second tester: the
    // generic message came first).
    const unsealed = await system.as(PERSON).get(`/decisions/${d.id}/bundle`).expect(503);
    expect(Date.now() - started).toBeLessThan(2 * (TIMEOUT_S + 3) * 1000);
    expect([unsealed.headers['retry-after'], unsealed.body.message]).toEqual(['10', expect.stringMatching(/^系统未能及时为核验包加盖记录完整性封印（工作进程未应答）/)]);

    revived = await Test.createTestingModule({ imports: [WorkerModule] }).compile();
    await revived.init();
    let answer: request.Response | undefined;
    for (let i = 0; i < 10 && answer?.status !== 201; i++) answer = await d.send(steps.draft(), key);
    expect(answer!.status).toBe(201);
    expect(answer!.body).toMatchObject({ seq: 1, phase: 'drafting' });
    expect(await entries(d.id)).toBe('2');
  }, 90_000);

  it('with PostgreSQL refusing connections, or accepting and never answering, requests get 503 naming PostgreSQL within the bound', async () => {
    // A server that takes connections and never says a word, and a port where nothing listens.
    // (Its connections are ended with it: left open, they kept Jest's worker from exiting after the suite.)
    const accepted = new Set<Socket>();
    const silent = createServer((socket) => accepted.add(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const saved = process.env.DATABASE_URL;
    try {
      for (const port of [(silent.address() as AddressInfo).port, closedPort]) {
        process.env.DATABASE_URL = `postgresql://decision_app@127.0.0.1:${port}/nowhere`;
        const app = (await Test.createTestingModule({ imports: [AppModule] }).compile()).createNestApplication(apiHttpAdapter(), { logger: false });
        configureHttp(app);
        await initApi(app);
        try {
          const started = Date.now();
          const res = await request(app.getHttpServer()).get('/decisions/ANY-1').set('authorization', `Bearer ${system.token(PERSON)}`).expect(503);
          expect(Date.now() - started).toBeLessThan((TIMEOUT_S + 3) * 1000);
          expect(res.headers['retry-after']).toMatch(/^\d+$/);
          expect(res.body).toMatchObject({ dependency: 'PostgreSQL', message: expect.stringContaining('PostgreSQL') });
        } finally {
          await app.close();
        }
      }
    } finally {
      process.env.DATABASE_URL = saved;
      for (const socket of accepted) socket.destroy();
      silent.close();
    }
  }, 60_000);
});
