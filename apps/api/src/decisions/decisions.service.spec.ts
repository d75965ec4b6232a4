import { ServiceUnavailableException } from '@nestjs/common';
import { WithStartWorkflowOperation, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { AppConfig } from '../../../../libs/config/config';
import type { PrismaClient } from '../../../../libs/db/prisma';
import { majorDecision, PROCEDURE_VIOLATION, registeredUpdate } from '../../../../workflows';
import { art, creditCodeCheckCharacter, NATIONAL_BASELINE, refusal, RefusalCode, Role, SHANDONG } from '../../../../libs/domain';
import type { CommentAnswersService } from '../comments/comment-answers.service';
import type { KeysService } from '../keys/keys.service';
import type { AuthorityService } from '../authority/authority.service';
import type { Caller } from '../auth/caller';
import type { Signers } from '../auth/signers';
import { ProcedureRefusedError } from '../errors';
import { DecisionsService } from './decisions.service';

/** The caller signed in as `sub`, and the rule that they are the signer (as the auth module checks it). */
const signedIn = (sub: string): Caller => ({ sub, issuer: 'https://idp.example', claims: { sub } });
const signers = { assertSigner: jest.fn(async (caller: Caller | undefined, actorId: string) => {
  if (caller?.sub !== actorId) throw new Error(`not the signer ${actorId}`);
}) } as unknown as Signers;

/** A Prisma double that also takes the registration's transaction, lock and check for an id differing only in case (none), and finds no registration recorded already. */
const registering = (db: object): PrismaClient => {
  const double = { $queryRaw: jest.fn().mockResolvedValue([]), $executeRaw: jest.fn().mockResolvedValue(1), decisionStep: { findUnique: jest.fn().mockResolvedValue(null) }, ...db } as Record<string, unknown>;
  double.$transaction = jest.fn((fn: (tx: unknown) => unknown) => fn(double));
  return double as unknown as PrismaClient;
};

/** The hot path's statements (libs/db/prisma.ts, hotQuery, here through `$queryRawUnsafe`): the step recorded under an idempotency key, and which of the documents asked for are stored. */
function hotAnswers(o: { step?: object | null; stored?: (hashes: string[]) => string[] } = {}) {
  return jest.fn(async (sql: string, ...values: unknown[]) => {
    if (sql.includes('FROM step_idempotency_keys')) return o.step ? [o.step] : [];
    // A document's names under both algorithms (documents/authored-documents.ts): none stored here.
    if (sql.includes('LEFT JOIN document_twins')) return [];
    if (sql.includes('FROM documents')) return (o.stored?.(values[0] as string[]) ?? []).map((hash) => ({ hash }));
    // A step's own work on record already (documents/authored-documents.ts): none here.
    if (sql.includes('FROM decision_steps s') && sql.includes('step_document_hashes')) return [];
    throw new Error(`unexpected statement: ${sql}`);
  });
}

describe('DecisionsService.register', () => {
  it('starts majorDecision with the business id as workflow id and refuses duplicates', async () => {
    const executeUpdateWithStart = jest.fn().mockResolvedValue({ id: 'A-1' });
    const temporal = { workflow: { executeUpdateWithStart } } as unknown as Client;
    const config = { taskQueue: 'q-test' } as AppConfig;
    const prisma = registering({ catalogItem: { findUnique: jest.fn().mockResolvedValue({ ref: 'c', matterTypes: [] }) } });
    const signature = { keyId: 'ed25519:k', algorithm: 'ed25519', value: 'c2ln', idempotencyKey: 'A-1' };
    const checkStepSignature = jest.fn().mockResolvedValue(signature);
    const authority = { government: 'g', decidingOrgan: 'g', legalityReviewBody: 'j' };
    const office = { appointmentId: 'ap-1', validFrom: '2026-01-01T00:00:00.000Z', validTo: '2027-01-01T00:00:00.000Z', path: [{ id: 'd', name: '某局', kind: 'department' as const }, { id: 'g', name: '某市人民政府', kind: 'government' as const }] };
    const offices = { authorityFor: jest.fn().mockResolvedValue(authority), officeFor: jest.fn().mockResolvedValue(office), governmentsFrom: jest.fn().mockResolvedValue([]) } as unknown as AuthorityService;
    const service = new DecisionsService(temporal, prisma, config, { checkStepSignature } as unknown as KeysService, {} as CommentAnswersService, offices);
    Object.assign(service, { signers });
    const actor = { id: 'u-1', name: '张', role: Role.UndertakingUnit, organisation: 'd' };
    const fields = { id: 'A-1', title: 't', undertakingDepartment: 'd', catalogRef: 'c', legalBasis: ['b'] };
    const dto = { ...fields, actor, signature: { keyId: 'ed25519:k', value: 'c2ln' } };

    await expect(service.register(dto, signedIn('u-2'))).rejects.toThrow(/not the signer u-1/);
    expect(executeUpdateWithStart).not.toHaveBeenCalled();
    await service.register(dto, signedIn('u-1'));

    const [update, { startWorkflowOperation }] = executeUpdateWithStart.mock.calls[0];
    expect(update).toBe(registeredUpdate);
    expect(startWorkflowOperation).toBeInstanceOf(WithStartWorkflowOperation);
    expect(startWorkflowOperation.workflowTypeOrFunc).toBe(majorDecision);
    expect(startWorkflowOperation.options).toEqual({
      workflowId: 'A-1',
      taskQueue: 'q-test',
      args: [{ registration: { ...fields, profile: 'national', registeredBy: actor, signature, authority, registeredByOffice: office }, profile: NATIONAL_BASELINE }],
      workflowIdConflictPolicy: 'FAIL',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    // The signature is checked over the registration as the record keeps it, with the decision id as idempotency key.
    const [actorId, message, sig, idempotencyKey] = checkStepSignature.mock.calls[0];
    expect([actorId, sig, idempotencyKey]).toEqual(['u-1', dto.signature, 'A-1']);
    expect(JSON.parse(message.toString())).toEqual({ decisionId: 'A-1', action: 'register', actor, payload: { title: 't', undertakingDepartment: 'd', catalogRef: 'c', legalBasis: ['b'], profile: 'national' }, idempotencyKey: 'A-1' });

    // Its own entry refused by the record (the key revoked before a worker came to it): that refusal, as a refusal.
    const lapsed = refusal(RefusalCode.BadSignature, { zh: '签名不予认可：此登记记入决策记录时……', en: 'not accepted' }, art(33));
    executeUpdateWithStart.mockRejectedValueOnce(new WorkflowUpdateFailedError('failed', ApplicationFailure.create({ type: PROCEDURE_VIOLATION, message: lapsed.message, details: [lapsed], nonRetryable: true })));
    await expect(service.register(dto, signedIn('u-1'))).rejects.toMatchObject({ refusal: { code: 'BAD_SIGNATURE', zh: lapsed.zh } });
  });

  it('refuses a registration by any role but the undertaking unit (Art. 11) before checking the signature, and by another unit after finding its office', async () => {
    const checkStepSignature = jest.fn().mockResolvedValue({});
    const prisma = registering({ catalogItem: { findUnique: jest.fn().mockResolvedValue({ ref: 'c', matterTypes: [] }) } });
    const path = [{ id: 'hz-czj', name: '市财政局', kind: 'department' as const }, { id: 'hz', name: '市人民政府', kind: 'government' as const }];
    const offices = {
      authorityFor: jest.fn().mockResolvedValue({ government: 'hz', decidingOrgan: 'hz', legalityReviewBody: 'hz-sfj' }),
      governmentsFrom: jest.fn().mockResolvedValue([]),
      officeFor: jest.fn().mockResolvedValue({ appointmentId: 'ap', validFrom: '2026-01-01T00:00:00Z', validTo: '2027-01-01T00:00:00Z', path }),
    } as unknown as AuthorityService;
    const service = new DecisionsService({} as Client, prisma, {} as AppConfig, { checkStepSignature } as unknown as KeysService, {} as CommentAnswersService, offices);
    Object.assign(service, { signers });
    const base = { id: 'A-2', title: 't', undertakingDepartment: 'hz-jtj', catalogRef: 'c', legalBasis: ['b'], signature: { keyId: 'k', value: 'v' } };
    await expect(service.register({ ...base, actor: { id: 'x', name: 'x', role: Role.LegalityReviewer, organisation: 'hz-jtj' } }, signedIn('x'))).rejects.toThrow(/undertaking unit/);
    expect(checkStepSignature).not.toHaveBeenCalled();
    await expect(service.register({ ...base, actor: { id: 'x', name: 'x', role: Role.UndertakingUnit, organisation: 'hz-czj' } }, signedIn('x'))).rejects.toMatchObject({
      refusal: { code: 'WRONG_ROLE', citations: [expect.stringContaining('11')] },
    });
  });

  it("checks the catalog item against the profile's catalog rules before anything is signed or started (Qingdao: fixed in the first quarter, Art. 6)", async () => {
    const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
    const findUnique = jest.fn().mockResolvedValue({ ref: 'c', matterTypes: [], year, publishedAt: new Date(`${year}-04-02T09:00:00+08:00`), adjustmentReason: null });
    const checkStepSignature = jest.fn();
    const service = new DecisionsService({} as Client, { catalogItem: { findUnique }, decisionStep: { findUnique: jest.fn().mockResolvedValue(null) } } as unknown as PrismaClient, {} as AppConfig, { checkStepSignature } as unknown as KeysService, {} as CommentAnswersService, {} as AuthorityService);
    Object.assign(service, { signers });
    const dto = { id: 'Q-1', title: 't', undertakingDepartment: 'd', catalogRef: 'c', legalBasis: ['b'], profile: 'qingdao', actor: { id: 'u-1', name: '张', role: Role.UndertakingUnit, organisation: 'd' }, signature: { keyId: 'k', value: 'v' } };
    await expect(service.register(dto, signedIn('u-1'))).rejects.toMatchObject({ refusal: { code: 'REASON_REQUIRED', citations: [expect.stringContaining('《青岛市重大行政决策程序规定》第六条')] } });
    expect(findUnique.mock.calls[0][0].select).toMatchObject({ year: true, publishedAt: true, adjustmentReason: true });
    expect(checkStepSignature).not.toHaveBeenCalled();
  });
});

describe('the catalog item of the organ’s decision to start, and of the registration, is its own government’s (Arts. 3, 10)', () => {
  const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
  const items: Record<string, { ref: string; matterTypes: string[]; year: number; publishedAt: Date; adjustmentReason: null; governmentId: string | null }> = {
    'C-HZ': { ref: 'C-HZ', matterTypes: [], year, publishedAt: new Date(`${year}-01-10T09:00:00+08:00`), adjustmentReason: null, governmentId: 'hz' },
    'C-HZ-OLD': { ref: 'C-HZ-OLD', matterTypes: [], year: year - 1, publishedAt: new Date(`${year - 1}-01-10T09:00:00+08:00`), adjustmentReason: null, governmentId: 'hz' },
    'C-NJ': { ref: 'C-NJ', matterTypes: [], year, publishedAt: new Date(`${year}-01-10T09:00:00+08:00`), adjustmentReason: null, governmentId: 'nj' },
  };
  const mayor = { id: 'm-1', name: '市长', role: Role.ChiefExecutive, organisation: 'hz' };

  /** A decision of 杭州 (hz) under `profile`, its registration entry keeping that profile; the update it would send recorded. */
  function serviceFor(profile: typeof NATIONAL_BASELINE) {
    const executeUpdate = jest.fn().mockResolvedValue({ seq: 1, phase: 'drafting', hold: 'none' });
    const temporal = { workflow: { getHandle: () => ({ executeUpdate }) } } as unknown as Client;
    const prisma = {
      catalogItem: { findUnique: jest.fn(async ({ where }: { where: { ref: string } }) => items[where.ref] ?? null) },
      decision: {
        findUnique: jest.fn().mockResolvedValue({ id: 'D-1' }),
        findUniqueOrThrow: jest.fn().mockResolvedValue({ profile: profile.id, governmentId: 'hz' }),
      },
      decisionStep: { findUnique: jest.fn().mockResolvedValue({ entry: JSON.stringify({ profile }) }) },
      $queryRawUnsafe: hotAnswers(),
    } as unknown as PrismaClient;
    const keys = { checkStepSignature: jest.fn().mockResolvedValue({ keyId: 'k', algorithm: 'ed25519', value: 'v', idempotencyKey: 'start-1' }) } as unknown as KeysService;
    const authority = { officeFor: jest.fn().mockResolvedValue(undefined), pathOf: jest.fn().mockResolvedValue([{ id: 'hz-jtj', name: '交通局', kind: 'department' }]) } as unknown as AuthorityService;
    const service = new DecisionsService(temporal, prisma, {} as AppConfig, keys, {} as CommentAnswersService, authority);
    Object.assign(service, { signers: { ...signers, attributable: jest.fn().mockResolvedValue(false) }, scopes: { mayAct: jest.fn().mockResolvedValue(true) } });
    return { service, executeUpdate };
  }
  const start = (catalogRef: string) => ({
    action: 'decideToStart' as const,
    actor: mayor,
    payload: { proposal: { source: 'catalog', proposer: '市人民政府', catalogRef }, undertakingUnit: 'hz-jtj' },
    idempotencyKey: `start-${catalogRef}`,
    signature: { keyId: 'k', value: 'v' },
  });

  it('refuses a catalogRef that no published item bears, naming the field and Art. 3, before the workflow hears of it', async () => {
    const { service, executeUpdate } = serviceFor(NATIONAL_BASELINE);
    const refused = service.step('D-1', start('C-NOWHERE') as never, signedIn(mayor.id));
    await expect(refused).rejects.toMatchObject({ refusal: { code: 'PREREQUISITE_MISSING', zh: expect.stringMatching(/^proposal\.catalogRef：决策事项目录中没有 C-NOWHERE/), citations: ['《重大行政决策程序暂行条例》第三条 (Decree No. 713, Art. 3)'] } });
    expect(executeUpdate).not.toHaveBeenCalled();
  });

  it('refuses an item of another government’s catalog (Art. 3 para. 3)', async () => {
    const { service, executeUpdate } = serviceFor(NATIONAL_BASELINE);
    await expect(service.step('D-1', start('C-NJ') as never, signedIn(mayor.id))).rejects.toMatchObject({
      refusal: { code: 'PREREQUISITE_MISSING', zh: expect.stringMatching(/^proposal\.catalogRef：目录事项 C-NJ 是nj的决策事项目录所列/), citations: ['《重大行政决策程序暂行条例》第三条第三款 (Decree No. 713, Art. 3 para. 3)'] },
    });
    expect(executeUpdate).not.toHaveBeenCalled();
  });

  it('refuses, under a yearly catalog (Shandong, Order No. 336 Art. 4), an item of last year’s; takes this year’s item of its own government', async () => {
    const { service, executeUpdate } = serviceFor(SHANDONG);
    await expect(service.step('D-1', start('C-HZ-OLD') as never, signedIn(mayor.id))).rejects.toMatchObject({ refusal: { code: 'PREREQUISITE_MISSING', citations: [expect.stringContaining('《山东省重大行政决策程序规定》第四条')] } });
    expect(executeUpdate).not.toHaveBeenCalled();
    await expect(service.step('D-1', start('C-HZ') as never, signedIn(mayor.id))).resolves.toEqual({ seq: 1, phase: 'drafting', hold: 'none' });
    expect(executeUpdate).toHaveBeenCalledTimes(1);
  });

  it('refuses a registration from an item of another government’s catalog, before anything starts', async () => {
    const executeUpdateWithStart = jest.fn();
    const prisma = registering({ catalogItem: { findUnique: jest.fn(async ({ where }: { where: { ref: string } }) => items[where.ref] ?? null) } });
    const path = [{ id: 'hz-jtj', name: '交通局', kind: 'department' as const }, { id: 'hz', name: '杭州市人民政府', kind: 'government' as const }];
    const offices = {
      authorityFor: jest.fn().mockResolvedValue({ government: 'hz', decidingOrgan: 'hz', legalityReviewBody: 'hz-sfj' }),
      governmentsFrom: jest.fn().mockResolvedValue([]),
      officeFor: jest.fn().mockResolvedValue({ appointmentId: 'ap', validFrom: '2026-01-01T00:00:00Z', validTo: '2099-01-01T00:00:00Z', path }),
    } as unknown as AuthorityService;
    const keys = { checkStepSignature: jest.fn().mockResolvedValue({}) } as unknown as KeysService;
    const service = new DecisionsService({ workflow: { executeUpdateWithStart } } as unknown as Client, prisma, { taskQueue: 'q' } as AppConfig, keys, {} as CommentAnswersService, offices);
    Object.assign(service, { signers });
    const actor = { id: 'u-1', name: '张', role: Role.UndertakingUnit, organisation: 'hz-jtj' };
    const dto = { id: 'R-1', title: 't', undertakingDepartment: 'hz-jtj', catalogRef: 'C-NJ', legalBasis: ['b'], actor, signature: { keyId: 'k', value: 'v' } };
    await expect(service.register(dto, signedIn('u-1'))).rejects.toMatchObject({ refusal: { code: 'PREREQUISITE_MISSING', zh: expect.stringContaining('不是本决策的决策机关（hz）的目录') } });
    expect(executeUpdateWithStart).not.toHaveBeenCalled();
    await service.register({ ...dto, catalogRef: 'C-HZ' }, signedIn('u-1'));
    expect(executeUpdateWithStart).toHaveBeenCalledTimes(1);
  });
});

describe('a profile of a place is registered only by a government of that place (Art. 43)', () => {
  const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
  const item = { ref: 'C-1', matterTypes: [], year, publishedAt: new Date(`${year}-01-10T09:00:00+08:00`), adjustmentReason: null, governmentId: null };
  // A code of GB 32100-2015 with its check character (creditCodeCheckCharacter).
  const code = (division: string) => `11${division}004000000${creditCodeCheckCharacter(`11${division}004000000`)}`;
  const GOVERNMENTS: Record<string, { id: string; name: string; creditCode: string }[]> = {
    hz: [{ id: 'hz', name: '杭州市人民政府', creditCode: code('330100') }, { id: 'zj', name: '浙江省人民政府', creditCode: code('330000') }],
    qd: [{ id: 'qd', name: '青岛市人民政府', creditCode: code('370200') }, { id: 'sd', name: '山东省人民政府', creditCode: code('370000') }],
    jn: [{ id: 'jn', name: '济南市人民政府', creditCode: code('370100') }, { id: 'sd', name: '山东省人民政府', creditCode: code('370000') }],
  };

  function register(government: string, profile: string) {
    const executeUpdateWithStart = jest.fn().mockResolvedValue({ id: 'P-1' });
    const prisma = registering({ catalogItem: { findUnique: jest.fn().mockResolvedValue(item) } });
    const unit = `${government}-jtj`;
    const path = [{ id: unit, name: '交通运输局', kind: 'department' as const }, { id: government, name: GOVERNMENTS[government][0].name, kind: 'government' as const }];
    const offices = {
      authorityFor: jest.fn().mockResolvedValue({ government, decidingOrgan: government, legalityReviewBody: `${government}-sfj` }),
      officeFor: jest.fn().mockResolvedValue({ appointmentId: 'ap', validFrom: '2026-01-01T00:00:00Z', validTo: '2099-01-01T00:00:00Z', path }),
      governmentsFrom: jest.fn(async (id: string) => GOVERNMENTS[id]),
    } as unknown as AuthorityService;
    const service = new DecisionsService({ workflow: { executeUpdateWithStart } } as unknown as Client, prisma, { taskQueue: 'q' } as AppConfig, { checkStepSignature: jest.fn().mockResolvedValue({}) } as unknown as KeysService, {} as CommentAnswersService, offices);
    Object.assign(service, { signers });
    const actor = { id: 'u-1', name: '张', role: Role.UndertakingUnit, organisation: unit };
    const dto = { id: 'P-1', title: 't', undertakingDepartment: unit, catalogRef: 'C-1', legalBasis: ['b'], profile, actor, signature: { keyId: 'k', value: 'v' } };
    return { result: service.register(dto, signedIn('u-1')), executeUpdateWithStart };
  }

  it("refuses Shandong's profile to Hangzhou's government and Qingdao's too, 422 Chinese first naming Art. 43, before anything starts", async () => {
    for (const profile of ['shandong', 'qingdao']) {
      const { result, executeUpdateWithStart } = register('hz', profile);
      await expect(result).rejects.toMatchObject({ refusal: { code: 'INVALID_PAYLOAD', zh: expect.stringMatching(/^profile：.*杭州市人民政府（hz）行政区划代码330100，不在该行政区域内/), citations: expect.arrayContaining(['《重大行政决策程序暂行条例》第四十三条 (Decree No. 713, Art. 43)']) } });
      await expect(result).rejects.toBeInstanceOf(ProcedureRefusedError); // answered 422 by the exception filter
      expect(executeUpdateWithStart).not.toHaveBeenCalled();
    }
  });

  it("takes Qingdao's profile in Qingdao, Shandong's in Jinan, and the national baseline in Hangzhou", async () => {
    for (const [government, profile] of [['qd', 'qingdao'], ['jn', 'shandong'], ['hz', 'national']]) {
      const { result, executeUpdateWithStart } = register(government, profile);
      await result;
      expect(executeUpdateWithStart).toHaveBeenCalledTimes(1);
    }
  });

  it("refuses the national baseline, or Shandong's rules, where the government's own area has rules (Art. 43), before anything starts", async () => {
    for (const [government, profile, own] of [['jn', 'national', 'shandong'], ['qd', 'national', 'qingdao'], ['qd', 'shandong', 'qingdao']]) {
      const { result, executeUpdateWithStart } = register(government, profile);
      await expect(result).rejects.toMatchObject({ refusal: { code: 'INVALID_PAYLOAD', zh: expect.stringContaining(`应当适用其程序规则（profile 为 ${own}）`), citations: expect.arrayContaining(['《重大行政决策程序暂行条例》第四十三条 (Decree No. 713, Art. 43)']) } });
      expect(executeUpdateWithStart).not.toHaveBeenCalled();
    }
  });
});

describe('a step sent again, answered from the record only once its workflow has it', () => {
  const unit = { id: 'u-1', name: '张', role: Role.UndertakingUnit, organisation: 'hz-jtj' };
  const payload = { publicParticipation: { required: true } };
  const dto = { action: 'declareApplicability', actor: unit, payload, idempotencyKey: 'k-2', signature: { keyId: 'k', value: 'v' } };

  /** The record holds the step at seq 2 under its key; the workflow answers `stepsTaken` with `taken`, or not at all. */
  function serviceWith(taken: () => Promise<number>) {
    const executeUpdate = jest.fn().mockResolvedValue({ seq: 2, phase: 'consultation', hold: 'none' });
    const temporal = { workflow: { getHandle: () => ({ executeUpdate, query: jest.fn(taken) }) } } as unknown as Client;
    const step = { seq: 2, action: 'declareApplicability', actorId: unit.id, actorName: unit.name, actorRole: unit.role, actorOrganisation: unit.organisation, payload, phaseAfter: 'consultation', holdAfter: 'none' };
    const prisma = {
      decision: { findUnique: jest.fn().mockResolvedValue({ id: 'D-2' }) },
      $queryRawUnsafe: hotAnswers({ step }),
    } as unknown as PrismaClient;
    const keys = { checkStepSignature: jest.fn().mockResolvedValue({ keyId: 'k', algorithm: 'ed25519', value: 'v', idempotencyKey: 'k-2' }) } as unknown as KeysService;
    const authority = { officeFor: jest.fn().mockResolvedValue(undefined), pathOf: jest.fn().mockResolvedValue(undefined) } as unknown as AuthorityService;
    const service = new DecisionsService(temporal, prisma, {} as AppConfig, keys, {} as CommentAnswersService, authority);
    Object.assign(service, { signers, scopes: { mayAct: jest.fn().mockResolvedValue(true) } });
    return { service, executeUpdate };
  }

  it('taken in: the record answers, nothing is sent', async () => {
    const { service, executeUpdate } = serviceWith(async () => 2);
    await expect(service.step('D-2', dto as never, signedIn(unit.id))).resolves.toEqual({ seq: 2, phase: 'consultation', hold: 'none' });
    expect(executeUpdate).not.toHaveBeenCalled();
  });

  it('not yet taken in (the activity’s answer still out): sent again under its update id, which waits for the one in flight', async () => {
    const { service, executeUpdate } = serviceWith(async () => 1);
    await expect(service.step('D-2', dto as never, signedIn(unit.id))).resolves.toEqual({ seq: 2, phase: 'consultation', hold: 'none' });
    expect(executeUpdate).toHaveBeenCalledTimes(1);
  });

  it('the workflow cannot be asked (no worker polls): 503 to send again, never the record’s answer (fresh-eyes tester)', async () => {
    const { service, executeUpdate } = serviceWith(async () => {
      throw new Error('deadline exceeded');
    });
    await expect(service.step('D-2', dto as never, signedIn(unit.id))).rejects.toBeInstanceOf(ServiceUnavailableException);
    expect(executeUpdate).not.toHaveBeenCalled();
  });
});

describe('a step naming documents nobody uploaded (Art. 33)', () => {
  const unit = { id: 'u-1', name: '张', role: Role.UndertakingUnit, organisation: 'hz-jtj' };
  const stored = `sha256:${'a'.repeat(64)}`;
  const absent = `sha256:${'b'.repeat(64)}`;
  const other = `sm3:${'c'.repeat(64)}`;
  const dto = (payload: object, idempotencyKey = 'k-3') => ({ action: 'submitAdoptionReport', actor: unit, payload, idempotencyKey, signature: { keyId: 'k', value: 'v' } });

  /** The documents table holds `stored`; the record holds a step under `recorded` (seq 3), which the workflow has `taken` in or not. */
  function serviceWith(o: { signature?: () => Promise<unknown>; recorded?: object; taken?: number; mayAct?: boolean } = {}) {
    const executeUpdate = jest.fn().mockResolvedValue({ seq: 3, phase: 'consultation', hold: 'none' });
    const temporal = { workflow: { getHandle: () => ({ executeUpdate, query: jest.fn().mockResolvedValue(o.taken ?? 0) }) } } as unknown as Client;
    const step = o.recorded && { seq: 3, action: 'submitAdoptionReport', actorId: unit.id, actorName: unit.name, actorRole: unit.role, actorOrganisation: unit.organisation, payload: o.recorded, phaseAfter: 'consultation', holdAfter: 'none' };
    const create = jest.fn().mockResolvedValue({});
    const hotQueries = hotAnswers({ step, stored: (hashes) => hashes.filter((x) => x === stored) });
    const prisma = {
      decision: { findUnique: jest.fn().mockResolvedValue({ id: 'D-3' }) },
      $queryRawUnsafe: hotQueries,
      stepRefusal: { create },
    } as unknown as PrismaClient;
    const keys = { checkStepSignature: jest.fn(o.signature ?? (async () => ({ keyId: 'k', algorithm: 'ed25519', value: 'v', idempotencyKey: 'k-3' }))) } as unknown as KeysService;
    const authority = { officeFor: jest.fn().mockResolvedValue(undefined), pathOf: jest.fn().mockResolvedValue(undefined) } as unknown as AuthorityService;
    const comments = { withReportChecked: (_id: string, _p: unknown, send: () => Promise<unknown>) => send() } as unknown as CommentAnswersService;
    const service = new DecisionsService(temporal, prisma, {} as AppConfig, keys, comments, authority);
    Object.assign(service, { signers: { ...signers, attributable: jest.fn().mockResolvedValue(true) }, scopes: { mayAct: jest.fn().mockResolvedValue(o.mayAct ?? true) } });
    // The cited documents' query (not the own-work check's reading of a document's bytes, asked at the same time).
    const documentQueries = () => hotQueries.mock.calls.filter(([sql]) => sql.includes('FROM documents') && sql.includes('document_held_by'));
    return { service, executeUpdate, documentQueries, create };
  }

  it('is refused before the workflow hears of it, naming the field and the hash, with one query for all it names; the refusal is kept', async () => {
    const { service, executeUpdate, documentQueries, create } = serviceWith();
    // The receipts of public comments and the answers' Merkle root name no document: not looked for among them.
    const payload = { reportHash: stored, groups: [{ groupHash: stored, commentHashes: [`sha256:${'d'.repeat(64)}`] }, { groupHash: absent }, { groupHash: other }], commentsAnswered: { draftVersion: 1, count: 1, root: `sha256:${'e'.repeat(64)}` } };
    await expect(service.step('D-3', dto(payload) as never, signedIn(unit.id))).rejects.toMatchObject({
      refusal: {
        code: 'MISSING_DOCUMENT',
        zh: `groups.1.groupHash：文件 ${absent} 尚未上传，或者既不是您上传的、也不是本决策事项已有步骤所引的文件（另有1份所引文件同样如此，例如 groups.2.groupHash）；请先通过 POST /documents 上传该文件（同一文件他人已经上传的，您上传后即可引用）；履行决策程序形成的材料应当完整归档`,
        citations: ['《重大行政决策程序暂行条例》第三十三条 (Decree No. 713, Art. 33)'],
      },
    });
    expect(documentQueries()).toHaveLength(1);
    // Asked for this signer in this decision: whether they may cite each (theirs, or the decision's already).
    expect(documentQueries()[0].slice(1)).toEqual([[stored, absent, other], unit.id, 'D-3']);
    expect(executeUpdate).not.toHaveBeenCalled();
    expect(create).toHaveBeenCalledWith({ data: expect.objectContaining({ code: 'MISSING_DOCUMENT', payload }) });
  });

  it('every document stored: sent to the workflow', async () => {
    const { service, executeUpdate } = serviceWith();
    await expect(service.step('D-3', dto({ reportHash: stored }) as never, signedIn(unit.id))).resolves.toEqual({ seq: 3, phase: 'consultation', hold: 'none' });
    expect(executeUpdate).toHaveBeenCalledTimes(1);
  });

  it('a bad signature is what a forged step is told, not what it names; outside one’s offices, 404 first', async () => {
    const bad = serviceWith({ signature: async () => Promise.reject(new ProcedureRefusedError({ code: 'BAD_SIGNATURE' } as never)) });
    await expect(bad.service.step('D-3', dto({ reportHash: absent }) as never, signedIn(unit.id))).rejects.toMatchObject({ refusal: { code: 'BAD_SIGNATURE' } });
    const outside = serviceWith({ mayAct: false });
    await expect(outside.service.step('D-3', dto({ reportHash: absent }) as never, signedIn(unit.id))).rejects.toMatchObject({ name: 'DecisionNotFoundError' });
    expect(outside.create).not.toHaveBeenCalled();
  });

  it('a step recorded already is answered as before, whatever it names: from the record, or sent again while its workflow takes it in', async () => {
    const recorded = { reportHash: absent }; // recorded before documents were checked
    const taken = serviceWith({ recorded, taken: 3 });
    await expect(taken.service.step('D-3', dto(recorded) as never, signedIn(unit.id))).resolves.toEqual({ seq: 3, phase: 'consultation', hold: 'none' });
    expect(taken.executeUpdate).not.toHaveBeenCalled();
    const inFlight = serviceWith({ recorded, taken: 2 });
    await expect(inFlight.service.step('D-3', dto(recorded) as never, signedIn(unit.id))).resolves.toEqual({ seq: 3, phase: 'consultation', hold: 'none' });
    expect(inFlight.executeUpdate).toHaveBeenCalledTimes(1);
  });
});
