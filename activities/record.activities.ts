import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Payloads, RecordActivities, StepEntry } from '../libs/domain';
import { art, cstInstant, DomainErrorType, officeBasis, opinionDisqualification, panelDisqualification, refusal, roleZh, RefusalCode, type Refusal, type Role } from '../libs/domain';
import { hotExecute, hotQuery, type PrismaClient } from '../libs/db/prisma';
import { documentHashes, sealEntry, type RecordEntry } from '../libs/record/chain';
import { ANSWERS_LOCK, answersProblems, answersRefusalText } from '../libs/record/comment-answers';
import { LOG_APPEND_LOCK } from '../libs/record/log-store';
import { leafHash } from '../libs/record/merkle';
import { sealOf, type SealKey } from '../libs/record/seal';
import { storageFailure } from './failures';
import { sqlState } from '../libs/db/failures';

/** The activities that write a decision's procedure record to PostgreSQL. */
export function createRecordActivities({ prisma, sealKey, lastWritten = new LastWritten() }: { prisma: PrismaClient; sealKey: SealKey; lastWritten?: LastWritten }): Omit<RecordActivities, 'archiveRun'> {
  return {
    async recordStep(step) {
      const started = Date.now();
      try {
        return await appendEntry(prisma, sealKey, step, lastWritten);
      } catch (err) {
        const lapsed = await lapsedRefusal(prisma, step, sqlState(err));
        if (lapsed) throw ApplicationFailure.create({ type: DomainErrorType.RecordRefused, message: lapsed.message, nonRetryable: true, details: [lapsed] });
        throw storageFailure(err, `decision ${step.decisionId}, step ${step.seq} (${step.action})`);
      } finally {
        appendLatency()?.record((Date.now() - started) / 1000, { action: step.action });
      }
    },

    async recordClockEvents({ decisionId, events, overdue, phase, hold }) {
      // System-made rows with no caller's text: retried until the database takes them.
      await prisma.$transaction([
        prisma.clockEvent.createMany({
          data: events.map((e) => ({ decisionId, deadlineId: e.deadlineId, kind: e.kind, at: new Date(e.at) })),
          skipDuplicates: true,
        }),
        prisma.decision.update({ where: { id: decisionId }, data: { overdue, phase, hold } }),
      ]);
    },
  };
}

/**
 * Appends one entry, its log leaf and its idempotency key, one at a time
 * across all decisions (so the log's leaf order is its commit order). A
 * retried activity finds its own entry and returns it; a step whose
 * idempotency key an earlier entry of the decision already holds is not
 * recorded again: the answer names that entry (`duplicateOf`).
 *
 * One round trip where this worker wrote the entry before (LastWritten): the
 * entry sealed over it and written under the log's lock by
 * `append_record_entry` (its migrations say why a function, and that it checks
 * the link). Two otherwise: first the entry it follows (recorded, so never to
 * change) read with what a retry finds. It was one interactive transaction of
 * five, under the lock for three of them, and every sign-off waited on it.
 */
async function appendEntry(prisma: PrismaClient, sealKey: SealKey, step: StepEntry, lastWritten: LastWritten): Promise<{ seq: number; duplicateOf?: number }> {
  const answered = step.action === 'submitAdoptionReport' ? (step.payload as Payloads['submitAdoptionReport']).commentsAnswered : undefined;
  if (!answered) return appendOnce(prisma, sealKey, step, undefined, lastWritten);
  // An adoption report that signs its answers by their root: they must be, now, the answers it signs; held still (the
  // lock the API takes to change them) until the transaction that records the report freezes them (the database
  // refuses changes after).
  return prisma.$transaction(async (tx) => {
    const db = tx as unknown as PrismaClient;
    await checkAnswers(db, step, answered);
    // Frozen in the report's transaction, before its entry is written: those not frozen yet (the database refuses any
    // change to a frozen answer, setting the flag again included, and a retry may find them frozen with its entry).
    const freeze = () => db.commentAnswer.updateMany({ where: { decisionId: step.decisionId, draftVersion: answered.draftVersion, reported: false }, data: { reported: true } });
    return appendOnce(db, sealKey, step, freeze);
  });
}

/** What is recorded of the step's entry, its idempotency key and the entry it follows. */
interface Found {
  entry_hash: string | null;
  action: string | null;
  payload: unknown;
  holder: number | null;
  prev_seq: number | null;
  prev_hash: string | null;
}

/**
 * The last entry this worker wrote for each decision (seq and hash), so that the next is sealed over it without
 * reading it first: one round trip fewer on every sign-off. The database checks every link (decision_steps_checked), so a
 * memory gone stale (another worker wrote meanwhile, an archive entry in between) costs a read, never a wrong link.
 * Bounded: the decisions least recently written are forgotten first.
 */
export class LastWritten {
  private readonly last = new Map<string, { seq: number; hash: string }>();
  constructor(private readonly max = 50_000) {}
  get(decisionId: string) {
    return this.last.get(decisionId);
  }
  set(decisionId: string, seq: number, hash: string) {
    this.last.delete(decisionId);
    this.last.set(decisionId, { seq, hash });
    if (this.last.size > this.max) this.last.delete(this.last.keys().next().value!);
  }
}

/**
 * The database refused the entry as not following the one recorded before it, or as not what its text says (the
 * checks on every entry, trigger decision_steps_checked; SQLSTATE 23000). A remembered link refused is read again.
 */
const linkRefused = (err: unknown) => sqlState(err) === '23000';

/** `beforeWrite`: what is to be done in the same transaction only when the entry is about to be written. */
async function appendOnce(db: PrismaClient, sealKey: SealKey, step: StepEntry, beforeWrite?: () => Promise<unknown>, lastWritten?: LastWritten): Promise<{ seq: number; duplicateOf?: number }> {
  const key = step.signature?.idempotencyKey ?? null;
  const write = async (prevHash: string | null) => {
    const sealed = seal(step, step.seq > 0 ? prevHash : null);
    const leaf = leafHash(Buffer.from(sealed.canonical, 'utf8')).toString('hex');
    try {
      await hotExecute(
        db,
        `SELECT append_record_entry($1::bigint, $2, $3::int, $4, $5, $6, $7, $8, $9::jsonb, $10::text[], $11::timestamptz,
           $12, $13, $14::boolean, $15, $16, $17, $18, $19, $20, $21, $22::text, $23)`,
        [LOG_APPEND_LOCK, step.decisionId, step.seq, step.action, step.actor.id, step.actor.name, step.actor.role, step.actor.organisation,
          JSON.stringify(step.payload ?? {}), step.articles, new Date(step.at).toISOString(),
          step.phaseAfter, step.holdAfter, step.overdue, step.workflowId, step.runId,
          sealed.canonical, sealed.hash, sealed.prevHash, sealOf(sealKey, sealed.hash), sealKey.keyId, key, leaf],
      );
      lastWritten?.set(step.decisionId, step.seq, sealed.hash);
      return { seq: step.seq };
    } catch (err) {
      if (linkRefused(err)) throw err;
      // Written meanwhile by another attempt of the same activity (or the key taken by another step): the unique keys
      // refused this one; what is recorded now answers. Anything else is the error it is.
      // (Inside the adoption report's transaction the read fails too, the transaction being aborted: the error stands.)
      const now = await findAround(db, step, key).then((f) => alreadyRecorded(step, f), () => undefined);
      if (now) return now;
      throw err;
    }
  };
  // Sealed over the entry this worker wrote last, where that is the one before (not in a transaction: a refusal there
  // would abort it).
  const remembered = beforeWrite ? undefined : lastWritten?.get(step.decisionId);
  if (remembered?.seq === step.seq - 1) {
    try {
      return await write(remembered.hash);
    } catch (err) {
      if (!linkRefused(err)) throw err;
    }
  }
  const found = await findAround(db, step, key);
  const already = alreadyRecorded(step, found);
  if (already) return already;
  await beforeWrite?.();
  return write(found.prev_hash);
}

/** In one read: the entry already there (a retry), the step that already holds the idempotency key, and the entry this one follows. */
async function findAround(db: PrismaClient, step: StepEntry, key: string | null): Promise<Found> {
  const [found] = await hotQuery<Found>(
    db,
    `SELECT s.entry_hash, s.action, s.payload, k.seq AS holder, p.seq AS prev_seq, p.entry_hash AS prev_hash
     FROM (SELECT 1) AS one
     LEFT JOIN decision_steps s ON s.decision_id = $1 AND s.seq = $2::int
     LEFT JOIN step_idempotency_keys k ON k.decision_id = $1 AND k.idempotency_key = $3::text
     LEFT JOIN decision_steps p ON p.decision_id = $1 AND p.seq = $2::int - 1`,
    [step.decisionId, step.seq, key],
  );
  return found;
}

/** The answer where the step is recorded already (or its key holds another entry); undefined where it is to be written. */
function alreadyRecorded(step: StepEntry, found: Found): { seq: number; duplicateOf?: number } | undefined {
  if (step.seq > 0 && found.prev_seq === null) {
    throw ApplicationFailure.create({ type: DomainErrorType.RecordConflict, message: `decision ${step.decisionId}: step ${step.seq - 1} is missing from the record`, nonRetryable: false });
  }
  if (found.action !== null) {
    if (found.entry_hash === seal(step, step.seq > 0 ? found.prev_hash : null).hash || sameArchive({ action: found.action, payload: found.payload }, step)) return { seq: step.seq };
    throw ApplicationFailure.create({ type: DomainErrorType.RecordConflict, message: `decision ${step.decisionId}: entry ${step.seq} is already recorded with other content`, nonRetryable: true });
  }
  if (found.holder !== null) return { seq: found.holder, duplicateOf: found.holder };
  return undefined;
}

/**
 * Refuses, for good, an adoption report whose signed answers are not the ones held (an answer moved after the API's
 * check, while the step was on its way): the workflow then refuses the step and records nothing (storeStep). Taken
 * under the answers' lock, before the log's, so no change can slip in before the freeze.
 */
async function checkAnswers(tx: PrismaClient, step: StepEntry, answered: NonNullable<Payloads['submitAdoptionReport']['commentsAnswered']>): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ANSWERS_LOCK}, hashtext(${step.decisionId}))`;
  const already = await tx.decisionStep.findUnique({ where: { decisionId_seq: { decisionId: step.decisionId, seq: step.seq } }, select: { seq: true } });
  if (already) return; // a retry of a report already stored: the entry answers for itself
  const rows = await tx.commentAnswer.findMany({ where: { decisionId: step.decisionId, draftVersion: answered.draftVersion }, select: { commentHash: true, groupHash: true } });
  const received = await tx.publicComment.count({ where: { decisionId: step.decisionId, draftVersion: answered.draftVersion } });
  const problems = answersProblems(step.payload as Payloads['submitAdoptionReport'], rows.map((r) => ({ receipt: r.commentHash, group: r.groupHash })), received);
  if (problems.length) {
    const text = answersRefusalText(problems);
    // The refusal itself travels with the failure, so the official is told what the API's own check would have said
    // (COMMENTS_UNANSWERED, Art. 18), not that the record could not store the step (tester: NOT_STORABLE, Art. 33).
    throw ApplicationFailure.create({ type: DomainErrorType.RecordRefused, message: `${text.zh}（${text.en}）`, nonRetryable: true, details: [refusal(RefusalCode.CommentsUnanswered, text, art(18))] });
  }
}

/**
 * The refusal of a step whose key or office no longer held when it came to be recorded (append_record_entry: SQLSTATE
 * MDK01, MDO01; migration registers_hold_at_append): revoked, expired or ended between the API's check and the entry's
 * time. Said as the API says it of a key or an office that does not hold, at the entry's time; undefined for any other error.
 */
async function lapsedRefusal(prisma: PrismaClient, step: StepEntry, state: string | undefined): Promise<Refusal | undefined> {
  const at = cstInstant(step.at);
  // The registration (seq 0) is checked as a step is, and said so.
  const what = step.action === 'register' ? { zh: '此登记', en: 'registration', act: '登记' } : { zh: '此步骤', en: 'step', act: '办理此步骤' };
  if (state === 'MDK01') {
    const keyId = step.signature?.keyId ?? '';
    const key = await prisma.actorKey.findUnique({ where: { keyId }, select: { validFrom: true, validTo: true, revokedAt: true } });
    const why = key?.revokedAt
      ? { zh: `已于 ${cstInstant(key.revokedAt.getTime())} 撤销`, en: `was revoked on ${cstInstant(key.revokedAt.getTime())}` }
      : key
        ? { zh: `的有效期为 ${cstInstant(key.validFrom.getTime())} 至 ${cstInstant(key.validTo.getTime())}`, en: `is valid from ${cstInstant(key.validFrom.getTime())} to ${cstInstant(key.validTo.getTime())}` }
        : { zh: '未登记', en: 'is not registered' };
    return refusal(
      RefusalCode.BadSignature,
      { zh: `签名不予认可：${what.zh}记入决策记录时（${at}），密钥 ${keyId} ${why.zh}；请以有效的密钥重新签署`, en: `the ${what.en}'s signature is not accepted: when the ${what.en} came to be recorded (${at}), key ${keyId} ${why.en}; sign it again with a key that holds` },
      art(33),
      art(38),
    );
  }
  if (state === 'MDE01') {
    // The rule's own refusal, from the register as it stands at the entry's time (the verifier's reading of it).
    const [row] = await prisma.$queryRaw<{ government_id: string | null }[]>`SELECT government_id FROM decisions WHERE id = ${step.decisionId}`;
    const governments = row?.government_id ? await governmentsUp(prisma, row.government_id) : undefined;
    const opinion = step.action === 'submitExpertOpinion';
    const experts = opinion ? [{ id: step.actor.id, name: step.actor.name }] : (step.payload as { experts?: unknown } | null)?.experts;
    const ids = Array.isArray(experts) ? experts.map((e) => String((e as { id?: unknown } | null)?.id)) : [];
    const disqualifications = await prisma.expertDisqualification.findMany({ where: { expertId: { in: ids } }, orderBy: { id: 'asc' } });
    const names = new Map((await prisma.organisation.findMany({ where: { id: { in: [...new Set(disqualifications.map((d) => d.governmentId))] } }, select: { id: true, name: true } })).map((o) => [o.id, o.name]));
    return (
      (opinion ? opinionDisqualification(step.actor, disqualifications, governments, step.at, (id) => names.get(id)) : panelDisqualification(experts, disqualifications, governments, step.at, (id) => names.get(id))) ??
      refusal(RefusalCode.ExpertDisqualified, { zh: '专家组中有专家此时已被取消评估资格，不得选择其参与论证', en: 'an expert of the panel was disqualified by then' }, art(41))
    );
  }
  if (state === 'MDO01') {
    const office = step.office as { appointmentId?: string } | undefined;
    const { actor } = step;
    const appointment = office?.appointmentId
      ? await prisma.appointment.findFirst({ where: { id: office.appointmentId, personId: actor.id, role: actor.role, organisationId: actor.organisation }, select: { validFrom: true, endedAt: true, validTo: true } })
      : null;
    if (!appointment) {
      return refusal(
        RefusalCode.NoOffice,
        { zh: `${actor.name}（${actor.id}）没有编号为 ${office?.appointmentId ?? ''} 的${roleZh(actor.role as Role)}任职，不得以该身份办理此步骤`, en: `${actor.id} holds no appointment ${office?.appointmentId ?? ''} as ${actor.role} in ${actor.organisation}` },
        officeBasis(actor.role as Role),
      );
    }
    const ended = appointment.endedAt && appointment.endedAt < appointment.validTo ? appointment.endedAt : undefined;
    const term = ended
      ? { zh: `已于 ${cstInstant(ended.getTime())} 终止`, en: `had ended on ${cstInstant(ended.getTime())}` }
      : { zh: `的任期为 ${cstInstant(appointment.validFrom.getTime())} 至 ${cstInstant(appointment.validTo.getTime())}`, en: `runs from ${cstInstant(appointment.validFrom.getTime())} to ${cstInstant(appointment.validTo.getTime())}` };
    return refusal(
      RefusalCode.NoOffice,
      {
        zh: `${what.zh}记入决策记录时（${at}），${actor.name}（${actor.id}）所依据的任职 ${office!.appointmentId} ${term.zh}，不得以该身份${what.act}`,
        en: `when the ${what.en} came to be recorded (${at}), the appointment ${office!.appointmentId} ${actor.id} relied on ${term.en}`,
      },
      officeBasis(actor.role as Role),
    );
  }
  return undefined;
}

/** The governments from `id` up, as the registered organisations place it (the pools a decision there may use, Art. 21). */
async function governmentsUp(prisma: PrismaClient, id: string): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ id: string; kind: string }[]>`
    WITH RECURSIVE up AS (SELECT o.id, o.kind, o.parent_id, 1 AS depth FROM organisations o WHERE o.id = ${id}
                          UNION ALL SELECT o.id, o.kind, o.parent_id, up.depth + 1 FROM organisations o JOIN up ON o.id = up.parent_id WHERE up.depth < 32)
    SELECT id, kind FROM up`;
  return rows.filter((r) => r.kind === 'government').map((r) => r.id);
}

/** An archive of a run is made once; another archiver (or a retry, at another time) finds it made. */
function sameArchive(existing: { action: string; payload: unknown }, step: StepEntry): boolean {
  return step.action === 'archiveHistory' && existing.action === 'archiveHistory' && (existing.payload as { runId?: string }).runId === (step.payload as { runId?: string }).runId;
}

/** The step as a chained record entry following the entry of hash `prevHash` (none for the first): canonical text, its hash. */
function seal(step: StepEntry, prevHash: string | null) {
  const { id, name, role, organisation } = step.actor;
  const { canonical, hash } = sealEntry({
    v: 1,
    decisionId: step.decisionId,
    seq: step.seq,
    action: step.action,
    phaseAfter: step.phaseAfter,
    actor: { id, name, role, organisation },
    at: new Date(step.at).toISOString(),
    payload: step.payload ?? {},
    documents: documentHashes(step.payload),
    articles: step.articles,
    workflowId: step.workflowId,
    runId: step.runId,
    activityId: currentActivityId(),
    signature: step.signature,
    periods: step.periods,
    profile: step.profile as RecordEntry['profile'],
    office: step.office as RecordEntry['office'],
    authority: step.authority,
    prevHash,
  });
  return { canonical, hash, prevHash };
}

/** The histogram of record appends in the worker's metrics (exported where WORKER_METRICS_ADDRESS is set); none outside an activity. */
function appendLatency() {
  try {
    return Context.current().metricMeter.createHistogram('record_append_latency', 'float', 's', 'Seconds to seal, chain, store and log one record entry');
  } catch {
    return undefined;
  }
}

/** The id of the running activity, or undefined when called outside one (the archiver). */
function currentActivityId(): string | undefined {
  try {
    return Context.current().info.activityId;
  } catch {
    return undefined;
  }
}
