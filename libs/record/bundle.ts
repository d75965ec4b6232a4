import { apply, check, checkMatterTypes, checkRegistration, periodsFor, profileAsKeptBefore, initialState, RefusalCode, registrationPayload, textChainOf, tick, type Actor, type Command, type OfficeHeld, type ProcedureProfile, type ProcedureState, type TextChain } from '../domain';
import { verifyChain, type RecordEntry } from './chain';
import { closedBy, historyHash as hashOfHistory, type HistoryJson } from './history';
import { InclusionVerifier, leafHash } from './merkle';
import { checkpointMessage, type Checkpoint } from './seal';
import { headProblem, type RecordHead } from './head';
import { keyEndorsementMessage, revocationEndorsementMessage } from './endorsement';
import { verifyKeyScope } from './key-scope';
import { verifyAuthorityLog, type BundleAuthorityEvent } from './authority-log';
import { verifyCommentAnswers, type BundleCommentAnswers } from './comment-answers';
import { verifyExpertDisqualifications, type ExpertDisqualificationInfo } from './experts';
import { recordStepsInHistories } from './history-join';
import { canonicalize } from './jcs';
import type { ActorKeyInfo, PublicKeyInfo } from './key-info';
import { verifyOffices, verifyProfileArea, type AppointmentInfo, type OrganisationInfo, type RegistrarKeyInfo } from './offices';
import { keyIdOf, signOffMessage, verifySignature } from './signatures';
import type { BundleVerdict, VerificationCheck } from './checks';

/**
 * One decision's record as an inspector receives it, and its verification:
 * nothing but the bundle and the keys the inspector trusts, no server, no
 * database, no network. The first thing that does not hold is named.
 */
/**
 * The format exported now. v2 heads seal the sections the bundle carries (head.ts `carries`), which a verifier of v1
 * would read as a broken seal: it says instead that the bundle is not of its format. v1 bundles still verify.
 */
export const BUNDLE_FORMAT = 'major-decision-bundle/v2';
const READ_FORMATS: readonly string[] = ['major-decision-bundle/v1', BUNDLE_FORMAT];

export interface BundleEntry {
  seq: number;
  canonical: string;
  hash: string;
  seal: string;
  sealKeyId: string;
}

export interface BundleInclusion {
  seq: number;
  leafIndex: number;
  proof?: string[] | null;
}

export type { ActorKeyInfo, PublicKeyInfo } from './key-info';

export interface DecisionBundle {
  format: typeof BUNDLE_FORMAT | 'major-decision-bundle/v1';
  decisionId: string;
  exportedAt: string;
  entries: BundleEntry[];
  /** The latest signed checkpoint of the log when exported; null before the first one is signed. */
  checkpoint: Checkpoint | null;
  /**
   * The record's head, sealed by the system at export (head.ts): the bundle holds every entry there was then, under
   * that checkpoint. Bundles exported before heads were sealed have none, and verify only where no head is required.
   */
  head?: RecordHead;
  /**
   * Where each entry stands in the log: its leaf index, and an inclusion proof
   * when the checkpoint covers it (leafIndex < checkpoint.treeSize). An entry
   * logged after the checkpoint has no proof yet (proof null): it is pending.
   */
  inclusion: BundleInclusion[];
  /** The keys as the system had them registered (for reference; trust comes from the inspector's own list). */
  actorKeys: ActorKeyInfo[];
  systemKeys: PublicKeyInfo[];
  /** The Temporal event history of every run the entries name, as proto3 JSON. */
  histories: { runId: string; history: { events?: unknown[] } }[];
  /** The organisations the entries' offices and the decision's authority name, each with every one above it, as registered. */
  organisations?: OrganisationInfo[];
  /** The appointments the signers relied on, as the registrars endorsed (and ended) them. */
  appointments?: AppointmentInfo[];
  /** The registrars that endorsed those (for reference, like actorKeys; trust comes from the inspector's own list). */
  registrarKeys?: RegistrarKeyInfo[];
  /**
   * The registrars' acts behind the organisations, appointments and actor keys
   * above, as events of the global log with their inclusion proofs
   * (authority-log.ts). Bundles exported before the acts were logged have none.
   */
  authorityEvents?: BundleAuthorityEvent[];
  /**
   * The answer to every public comment of each draft whose adoption report signs them by their root
   * (commentsAnswered, comment-answers.ts): (receipt, group) pairs. Bundles of reports that list receipts inline have none.
   */
  commentAnswers?: BundleCommentAnswers[];
  /**
   * Every disqualification under Art. 41 entered for an expert a panel of the record names, with its registrar's
   * signature and the time the register took it (experts.ts); their registrars are among `registrarKeys`. Bundles
   * exported before they were carried have none.
   */
  expertDisqualifications?: ExpertDisqualificationInfo[];
  /**
   * The steps the rules or the API refused on this decision, as the system kept them (step_refusals, which the
   * application may only add to): who tried what, when, and why it was refused, oldest first. A refusal changes nothing
   * in the decision, so it is no entry of the signed and sealed record: listed for the inspector, not verified. Bundles
   * exported before they were carried have none.
   */
  refusals?: BundleRefusal[];
}

/** A step refused (step_refusals), as the bundle lists it. */
export interface BundleRefusal {
  attemptedAt: string;
  action: string;
  actor: { id: string; name: string; role: string; organisation: string };
  code: string;
  message: string;
  articles: string[];
  payload: unknown;
}

/**
 * What the inspector trusts: the system's keys, and either the actors' keys
 * as the government publishes them, or the registrars whose endorsements make
 * the bundle's own actor keys trustworthy.
 */
export interface TrustedKeys {
  systemKeys: PublicKeyInfo[];
  actorKeys?: ActorKeyInfo[];
  /** Registrars; those with a government also vouch for its organisations and appointments. */
  registrarKeys?: RegistrarKeyInfo[];
}

/** The bundle's actor keys that a trusted registrar endorsed, exactly as they stand. */
export function endorsedActorKeys(keys: readonly ActorKeyInfo[], registrars: readonly PublicKeyInfo[]): ActorKeyInfo[] {
  const byId = new Map(registrars.map((r) => [r.keyId, r]));
  const endorsed = (by: string | null | undefined, message: Buffer, signature: string | null | undefined): boolean => {
    const registrar = by ? byId.get(by) : undefined;
    return !!registrar && !!signature && verifySignature(registrar.algorithm, registrar.publicKey, message, signature);
  };
  return (keys ?? [])
    .filter((k) => keyIdOf(k.algorithm, k.publicKey) === k.keyId && endorsed(k.endorsedBy, keyEndorsementMessage(k), k.endorsement))
    .map((k) =>
      // A revocation no trusted registrar signed is none: the key is read as not revoked, and the revocation the bundle
      // claims fails where the registrars' acts are checked (authority-log), not as the signer's misconduct (attacker
      // tester: a forged revocation read as "signed with key … after its revocation").
      k.revokedAt && !endorsed(k.revocationEndorsedBy, revocationEndorsementMessage({ keyId: k.keyId, reason: k.revocationReason ?? '' }), k.revocationEndorsement) ? { ...k, revokedAt: null } : k,
    );
}

/**
 * `pending`: entries logged after the checkpoint (their leaf index is not
 * below its tree size), everything else about them verified; an inspector who
 * needs them covered fetches the bundle again after the next checkpoint.
 */
export type { BundleVerdict } from './checks';

/** How the verdict names a closed run whose history the record has not archived (yet, where the run closed just now). */
export const MISSING_ARCHIVE = 'missing: the archive of the closed run';

/**
 * Steps 1 to 5 of the verification, the cryptographic ones: the checkpoint's
 * signature, the chain, each seal and actor signature (none given twice),
 * each inclusion proof.
 */
export function verifyRecord(
  decisionId: string,
  bundleEntries: BundleEntry[],
  inclusionProofs: readonly BundleInclusion[],
  cp: Checkpoint | null | undefined,
  trusted: TrustedKeys,
): BundleVerdict {
  let check: VerificationCheck = 'format';
  const fail = (failure: string, seq?: number): BundleVerdict => ({ ok: false, failure: seq === undefined ? failure : `entry ${seq}: ${failure}`, seq, check });
  if (!Array.isArray(bundleEntries) || !bundleEntries.length) return fail('the bundle has no entries');
  const systemKeys = new Map(trusted.systemKeys.map((k) => [k.keyId, k]));
  const actorKeys = new Map((trusted.actorKeys ?? []).map((k) => [k.keyId, k]));

  // 1. The checkpoint, if there is one yet, is signed by a key the inspector trusts. Without one, every entry is pending.
  let treeSize = 0;
  let inclusion: InclusionVerifier | undefined;
  check = 'checkpoint';
  if (cp) {
    const cpKey = systemKeys.get(cp.keyId);
    if (!cpKey) return fail(`the checkpoint is not signed by a trusted system key (${cp.keyId})`);
    if (!verifySignature(cpKey.algorithm, cpKey.publicKey, checkpointMessage(cp), cp.signature)) return fail('the checkpoint signature does not hold');
    if (!Number.isSafeInteger(cp.treeSize) || cp.treeSize < 1) return fail(`the checkpoint's tree size ${cp.treeSize} is not a positive whole number`);
    treeSize = cp.treeSize;
    inclusion = new InclusionVerifier(treeSize, Buffer.from(cp.rootHash, 'hex'));
  }

  // 2. The chain: every entry matches its hash and follows the one before.
  check = 'chain';
  const chain = verifyChain(decisionId, bundleEntries);
  if (!chain.ok) return fail(chain.reason, chain.seq);

  // Each entry's place in the log, given once.
  const proofs = new Map<number, BundleInclusion>();
  check = 'inclusion';
  for (const p of Array.isArray(inclusionProofs) ? inclusionProofs : []) {
    if (proofs.has(p?.seq)) return fail('the bundle gives it two places in the log', p.seq);
    proofs.set(p?.seq, p);
  }
  // No step is given twice: the workflow accepts an idempotency key once, and an actor signs each step afresh.
  const signatureValues = new Map<string, number>();
  const idempotencyKeys = new Map<string, number>();
  let previousLeaf = -1;
  let pending = 0;
  for (const [i, e] of bundleEntries.entries()) {
    const entry = chain.parsed[i];
    // 3. The system's seal.
    check = 'seal';
    const sk = systemKeys.get(e.sealKeyId);
    if (!sk) return fail(`sealed by ${e.sealKeyId}, which is not a trusted system key`, e.seq);
    if (!verifySignature(sk.algorithm, sk.publicKey, Buffer.from(e.hash, 'utf8'), e.seal)) return fail('the system seal does not hold', e.seq);
    // 4. The actor's signature, by a key of that actor valid at the time. The engine's own entries
    //    (history archives) carry the system seal alone.
    if (entry.action !== 'archiveHistory') {
      check = 'signature';
      const sig = entry.signature;
      if (!sig) return fail('the step is not signed by its actor', e.seq);
      const key = actorKeys.get(sig.keyId);
      if (!key) return fail(`signed with ${sig.keyId}, which is not a trusted key`, e.seq);
      if (key.actorId !== entry.actor.id) return fail(`signed with a key of ${key.actorId}, not of ${entry.actor.id}`, e.seq);
      const at = Date.parse(entry.at);
      if (at < Date.parse(key.validFrom) || at >= Date.parse(key.validTo)) return fail(`signed outside the validity of key ${key.keyId}`, e.seq);
      if (key.revokedAt && Date.parse(key.revokedAt) <= at) return fail(`signed with key ${key.keyId} after its revocation`, e.seq);
      const message = signOffMessage({ decisionId: entry.decisionId, action: entry.action, actor: entry.actor, payload: entry.payload, idempotencyKey: sig.idempotencyKey });
      if (!verifySignature(key.algorithm, key.publicKey, message, sig.value)) return fail("the actor's signature does not hold", e.seq);
      // 4a. A step replayed: the same signature, or the same idempotency key (the registration's is the decision id), again.
      check = 'replay';
      const sameSignature = signatureValues.get(sig.value);
      if (sameSignature !== undefined) return fail(`replayed: the actor's signature of entry ${sameSignature} appears again`, e.seq);
      const sameKey = idempotencyKeys.get(sig.idempotencyKey);
      if (sameKey !== undefined) return fail(`replayed: idempotency key ${JSON.stringify(sig.idempotencyKey)} of entry ${sameKey} appears again`, e.seq);
      signatureValues.set(sig.value, e.seq);
      idempotencyKeys.set(sig.idempotencyKey, e.seq);
    }
    // 5. The entry is in the log: at a leaf after the previous entry's (entries are logged in order, one after the
    //    other), proven included when the checkpoint covers that leaf, pending when it lies beyond.
    check = 'inclusion';
    const inc = proofs.get(e.seq);
    if (!inc || !Number.isSafeInteger(inc.leafIndex) || inc.leafIndex < 0) return fail('the bundle gives it no place in the log', e.seq);
    if (inc.leafIndex <= previousLeaf) return fail(`its log leaf ${inc.leafIndex} does not come after the previous entry's leaf ${previousLeaf}`, e.seq);
    previousLeaf = inc.leafIndex;
    if (inc.leafIndex >= treeSize) {
      pending++;
      continue;
    }
    if (!Array.isArray(inc.proof)) return fail(`no inclusion proof, though its leaf ${inc.leafIndex} is within the checkpoint of size ${treeSize}`, e.seq);
    if (!inclusion?.verify(inc.leafIndex, leafHash(Buffer.from(e.canonical, 'utf8')), inc.proof)) {
      return fail(`not included in the log at leaf ${inc.leafIndex} of the checkpoint of size ${treeSize}`, e.seq);
    }
  }
  return { ok: true, entries: bundleEntries.length, treeSize, pending };
}

/**
 * `requireHead`: a bundle without the record's sealed head fails (the offline verifier's rule: nothing else says that
 * no entry after the last one was left out). The API's own verification reads the record whole from the database.
 */
export function verifyBundle(bundle: DecisionBundle, trusted: TrustedKeys, { requireHead = false }: { requireHead?: boolean } = {}): BundleVerdict {
  try {
    return verifyWellFormed(bundle, trusted, requireHead);
  } catch (err) {
    // A field missing or of another kind (an entry null, a history without events): a bundle no export makes, said as
    // one, not as the JavaScript error it meets (fresh-eyes tester: "Cannot read properties of null (reading 'seq')").
    return { ok: false, failure: `the bundle is malformed: a field is missing or is not what a bundle holds there (${err instanceof Error ? err.message : String(err)})`, check: 'format' };
  }
}

function verifyWellFormed(bundle: DecisionBundle, trusted: TrustedKeys, requireHead: boolean): BundleVerdict {
  if (!READ_FORMATS.includes(bundle?.format)) return { ok: false, failure: `not a ${READ_FORMATS.join(' or ')} bundle`, check: 'format' };
  const actorKeys = trusted.actorKeys ?? endorsedActorKeys(bundle.actorKeys, trusted.registrarKeys ?? []);
  const record = verifyRecord(bundle.decisionId, bundle.entries, bundle.inclusion ?? [], bundle.checkpoint, { ...trusted, actorKeys });
  if (!record.ok) return record;
  // 5a. The record complete: every entry there was at export, under the checkpoint it was exported with (head.ts).
  if (bundle.head) {
    const problem = headProblem(bundle.head, bundle, trusted.systemKeys);
    if (problem) return { ok: false, failure: problem, check: 'head' };
  } else if (requireHead) {
    return { ok: false, failure: "the bundle carries no sealed head of the record: whether entries after its last one were left out cannot be told; export it again (GET /decisions/:id/bundle)", check: 'head' };
  }
  let check: VerificationCheck = 'offices';
  const fail = (failure: string, seq?: number): BundleVerdict => ({ ok: false, failure: seq === undefined ? failure : `entry ${seq}: ${failure}`, seq, check });
  const entries = bundle.entries.map((e) => JSON.parse(e.canonical) as RecordEntry);

  // 6. The offices: each signer held, at the time, the appointment the entry relied on (offices.ts).
  const offices = verifyOffices(entries, bundle.organisations, bundle.appointments, trusted.registrarKeys ?? []);
  if (!offices.ok) return { ...offices, check };
  // 6b. Each key signed where its registrar vouches for it: in its government or below (key-scope.ts).
  const keyScope = verifyKeyScope(entries, actorKeys, trusted.registrarKeys ?? [], bundle.organisations);
  if (!keyScope.ok) return { ...keyScope, check };

  // 6a. The registrars' acts behind those offices and the actors' keys are the ones the global log holds, ends and revocations included.
  check = 'authority-log';
  const authorityLog = bundle.authorityEvents === undefined ? undefined : verifyAuthorityLog(bundle.authorityEvents, bundle, bundle.checkpoint);
  if (authorityLog && !authorityLog.ok) return fail(authorityLog.failure);

  // 7. The procedure: the same rules the workflow enforces accept every step, in order, with the offices related to the decision;
  //    among them the chain of texts, named apart ('texts'): reviewed → adopted → published.
  check = 'procedure';
  // A profile of a place, for a government of that place only (Art. 43), as the registered organisations place it.
  const area = verifyProfileArea(entries, bundle.organisations);
  if (!area.ok) return { ...area, check };
  const procedure = replayProcedure(entries);
  if (!procedure.ok) {
    check = procedure.check;
    return fail(procedure.failure, procedure.seq);
  }
  // 7a. No panel named an expert disqualified then under Art. 41, as the registrars entered it (the API's rule, replayed).
  check = 'experts';
  const experts = verifyExpertDisqualifications(entries, bundle.expertDisqualifications, bundle.organisations, trusted.registrarKeys ?? []);
  if (!experts.ok) return fail(experts.failure, experts.seq);

  // 7b. Every public comment answered, as the adoption report signed (Art. 18).
  check = 'comments';
  const comments = verifyCommentAnswers(entries, bundle.commentAnswers);
  if (comments) return fail(comments.failure, comments.seq);

  // 8. Archived histories are the ones the record hashed.
  check = 'histories';
  for (const e of entries.filter((x) => x.action === 'archiveHistory')) {
    const { runId, historyHash } = e.payload as { runId: string; historyHash: string };
    const h = bundle.histories?.find((x) => x.runId === runId);
    if (!h) return fail(`the history of run ${runId} it archives is missing from the bundle`, e.seq);
    if (hashOfHistory(h.history) !== historyHash) return fail(`the bundled history of run ${runId} is not the one archived`, e.seq);
  }

  // A closed run's history must have been archived into the record: a record cut short before its archive entry fails here.
  const [unarchived] = closedRunsNotArchived(entries, bundle.histories ?? []);
  if (unarchived !== undefined) return fail(`${MISSING_ARCHIVE} ${unarchived}`, entries.length);

  check = 'history-match';
  // 9. The workflow history and the record agree: every recorded step was recorded by the workflow, as the workflow
  // gave it to record (time, actor, payload, run …), and back; and no event of a history is left out or moved.
  const gap = historyGap(bundle.histories ?? []);
  if (gap) return fail(gap);
  const history = historySteps(bundle.histories ?? []);
  const recorded = new Set(entries.map((e) => `${e.seq}:${e.action}`));
  for (const e of entries) {
    if (e.action === 'archiveHistory') continue;
    const given = history.get(`${e.seq}:${e.action}`);
    if (given === undefined) return fail('the workflow history has no recordStep for it', e.seq);
    if (e.activityId !== undefined && e.activityId !== given.activityId) return fail(`recorded by activity ${e.activityId}, the history says ${given.activityId}`, e.seq);
    const differs = differingFromHistory(e, given.input, given.runId);
    if (differs) return fail(`its ${differs} is not what the workflow gave its recordStep activity to record (the workflow history)`, e.seq);
  }
  // A step the open run recorded after the head was sealed (the history is fetched a moment later) is not one left out;
  // one whose recording had completed before the head was sealed is (the head is sealed from what the database holds:
  // the last entry deleted there, a head sealed after it certified the rest as complete, attacker tester).
  const sealedUpTo = bundle.head?.entries ?? Infinity;
  const sealedAt = bundle.head ? Date.parse(bundle.head.signedAt) : NaN;
  for (const [h, step] of history) {
    const seq = Number(h.split(':')[0]);
    if (recorded.has(h)) continue;
    if (seq < sealedUpTo) return fail(`the workflow recorded ${h.split(':')[1]} here, and the record lacks it`, seq);
    const completed = step.completedAt === null ? NaN : Date.parse(step.completedAt);
    if (completed < sealedAt - HEAD_CLOCK_SKEW_MS) {
      return fail(`the workflow recorded ${h.split(':')[1]} here (${step.completedAt}), before the head was sealed (${bundle.head!.signedAt}), and the record lacks it: it was taken out of the record`, seq);
    }
  }
  return {
    ...record,
    ...(procedure.texts.length ? { texts: procedure.texts } : {}),
    ...(offices.withoutOfficeCheck ? { withoutOfficeCheck: offices.withoutOfficeCheck } : {}),
    // A bundle whose offices were checked but that carries no logged acts (exported before they were logged) says so.
    ...(!authorityLog && entries[0]?.authority ? { authorityNotLogged: true } : {}),
    ...(bundle.head ? { completeAsOf: bundle.head.signedAt } : {}),
  };
}

/**
 * The closed runs among the histories whose archive entry the record lacks: a record cut short, or (just closed) one
 * whose archive is still to come; the verifier and the API's export both ask it.
 */
export function closedRunsNotArchived(entries: readonly Pick<RecordEntry, 'action' | 'payload'>[], histories: DecisionBundle['histories']): string[] {
  const archived = new Set(entries.filter((x) => x.action === 'archiveHistory').map((x) => (x.payload as { runId: string }).runId));
  return histories.filter(({ runId, history }) => closedBy(history as HistoryJson) && !archived.has(runId)).map((h) => h.runId);
}

/**
 * The runs whose histories no archive entry seals: the run still open, whose recordStep events alone are matched
 * against the record (step 9); its other events are not verified, which the offline verifier says (inspector tester).
 */
export function runsUnsealed(entries: readonly Pick<RecordEntry, 'action' | 'payload'>[], histories: DecisionBundle['histories']): string[] {
  const archived = new Set(entries.filter((x) => x.action === 'archiveHistory').map((x) => (x.payload as { runId: string }).runId));
  return histories.filter(({ runId }) => !archived.has(runId)).map((h) => h.runId);
}

/** What replaying the rules over a record gives: the failure and the check it belongs to, or the chain of texts of each pass. */
export type ProcedureReplay = { ok: true; texts: TextChain[] } | { ok: false; failure: string; seq: number; check: 'procedure' | 'texts' };

/**
 * Step 7 alone: the entries (parsed, in order, the registration first) replayed through the domain's rules with the
 * periods they recorded. A step whose texts do not follow one from the other (TEXT_MISMATCH) fails the check 'texts'.
 */
export function replayProcedure(entries: RecordEntry[]): ProcedureReplay {
  const fail = (failure: string, seq: number, check: 'procedure' | 'texts' = 'procedure'): ProcedureReplay => ({ ok: false, failure, seq, check });
  const reg = entries[0];
  if (reg.seq !== 0 || reg.action !== 'register') return fail('the record does not start with the registration', reg.seq);
  const registered = reg.payload as Partial<ReturnType<typeof registrationPayload>>;
  // The rules as they stood at registration (kept in the entry); older records name a built-in profile, as it stood then.
  const profile = (reg.profile as ProcedureProfile | undefined) ?? profileAsKeptBefore(String(registered?.profile));
  if (!profile) return fail('the registration names no known procedure profile', 0);
  if (profile.id !== registered?.profile) return fail(`the registration is signed for profile ${registered?.profile}, its rules are those of ${profile.id}`, 0);
  if (typeof registered.undertakingDepartment !== 'string') return fail('the registration names no undertaking unit', 0);
  const wrongUnit = checkRegistration({ undertakingDepartment: registered.undertakingDepartment, registeredBy: reg.actor as Actor, registeredByOffice: reg.office as OfficeHeld | undefined });
  if (wrongUnit) return fail(`the procedure forbids it: ${wrongUnit.message} [${wrongUnit.citations.join('; ')}]`, 0);
  if (reg.authority && !reg.office) return fail('the registration names no office of its official', 0);
  // Each chain by the decision adopting its text (`seq:`), or, where none was adopted (not adopted, studied further, and
  // records kept before the chain), by its pass (`cycle:`).
  const texts = new Map<string, TextChain>();
  let chainOf: string | undefined;
  // The matter types the registration was signed with: what other laws add to this decision's procedure (Art. 3 para. 2).
  const badMatters = checkMatterTypes(registered.matterTypes);
  if (badMatters) return fail(`the registration names matter types the rules do not know: ${badMatters.message}`, 0);
  let state: ProcedureState = initialState({ decisionId: reg.decisionId, profileId: profile.id, undertakingUnit: registered.undertakingDepartment, catalogRef: typeof registered.catalogRef === 'string' ? registered.catalogRef : undefined, authority: reg.authority, matterTypes: registered.matterTypes, registeredBy: (reg.actor as Actor | undefined)?.id });
  for (const e of entries.slice(1)) {
    if (e.action === 'archiveHistory') continue; // the engine's own entry, checked against the history below
    const now = Date.parse(e.at);
    const ctx = { now, profile };
    state = tick(state, now).state;
    const cmd = { action: e.action, actor: e.actor, payload: e.payload, office: e.office } as Command;
    const refusal = check(state, cmd, ctx);
    if (refusal) return fail(`the procedure forbids it: ${refusal.message} [${refusal.citations.join('; ')}]`, e.seq, refusal.code === RefusalCode.TextMismatch ? 'texts' : 'procedure');
    const periods = e.periods ?? [];
    if (periodsFor(state, cmd, ctx).length !== periods.length) return fail('its recorded periods do not match the periods the step starts', e.seq);
    state = apply(state, cmd, ctx, periods);
    if (state.phase !== e.phaseAfter) return fail(`the record says ${e.phaseAfter}, the rules give ${state.phase}`, e.seq);
    // Each decision adopting a text has its chain; a supplementary review that found the changes unlawful ends it there.
    // A decision adopting no text starts no chain of its own and ends the one before: a later pass not adopting its
    // change overwrote the chain of the decision in force (statute tester: pass 1, published, was gone from the verdict).
    if (e.action === 'decide') chainOf = state.decision?.adoptedTextHash !== undefined ? `seq:${e.seq}` : undefined;
    if (TEXT_STEPS.has(e.action) && state.decision) texts.set(chainOf ?? `cycle:${state.cycle}`, textChainOf(state));
    else if (e.action === 'reviewAdoptedChanges' && chainOf !== undefined && texts.has(chainOf)) {
      const { textHash, opinionHash, outcome } = e.payload as { textHash: string; opinionHash: string; outcome: 'lawful' | 'unlawful' };
      texts.set(chainOf, { ...texts.get(chainOf)!, changesReviewed: { textHash, opinionHash, outcome } });
      chainOf = undefined;
    } else if (e.action === 'withdraw' && chainOf !== undefined && texts.has(chainOf) && !texts.get(chainOf)!.published) {
      // Adopted, and withdrawn before it was issued: said so, not left as if waiting to be published (retest).
      texts.set(chainOf, { ...texts.get(chainOf)!, withdrawn: true });
      chainOf = undefined;
    } else if (e.action === 'withdraw' && !texts.has(`cycle:${state.cycle}`)) {
      // Withdrawn before any decision (the matter, or an adjustment dropped): the pass is said to have ended so (retest:
      // the verifier said nothing of it).
      texts.set(`cycle:${state.cycle}`, { ...textChainOf(state), withdrawn: true });
    }
  }
  return { ok: true, texts: [...texts.values()] };
}

/**
 * One chain of texts as the inspector's tool prints it: reviewed → adopted → published, or, where the decision adopted
 * nothing (not adopted, studied further), what it decided; a pass not adopted read "adopted (not recorded then)".
 */
export function textChainLine(t: TextChain): string {
  const head = `TEXTS (pass ${t.cycle}): reviewed ${t.reviewed ?? '-'}`;
  if (t.outcome !== undefined && t.outcome !== 'adopt' && t.outcome !== 'adopt_with_changes') return `${head} -> decided ${t.outcome}, no text adopted`;
  const changes = t.changesReviewed ? ` -> changes reviewed (${t.changesReviewed.outcome}) ${t.changesReviewed.textHash}` : '';
  if (t.withdrawn && t.outcome === undefined) return `${head} -> withdrawn before any decision`;
  if (t.withdrawn) return `${head} -> adopted${t.outcome === 'adopt_with_changes' ? ' with changes' : ''} ${t.adopted ?? '(not recorded then)'}${changes} -> withdrawn before it was issued`;
  return `${head} -> adopted${t.outcome === 'adopt_with_changes' ? ' with changes' : ''} ${t.adopted ?? '(not recorded then)'}${changes} -> published ${t.published ?? '(not yet)'}${t.withheld ? ' withheld by law, through no channel (依法不予公开)' : ''}`;
}

/** The steps that fix a text of the chain: the decision adopting one, its supplementary review, publication. */
const TEXT_STEPS = new Set(['decide', 'reviewAdoptedChanges', 'publish']);

/** `seq:action` of every recordStep activity that completed, across the runs' histories: its run, activity id and input. */
function historySteps(histories: DecisionBundle['histories']): Map<string, { runId: string; activityId: string; input: Record<string, unknown>; completedAt: string | null }> {
  // Only the steps whose recording completed: those the workflow knows to be in the record.
  return new Map(
    [...recordStepsInHistories(histories)]
      .filter(([, s]) => s.row.completedEventId !== null)
      .map(([key, s]) => [key, { runId: s.row.runId, activityId: s.row.activityId, input: s.input, completedAt: s.row.completedAt }]),
  );
}

/**
 * How far the Temporal server's clock (a history's event times) and a worker's (the head's signedAt) may be apart: a
 * step whose recording completed this much before the head was sealed was in the database the head was sealed from
 * (activities/head.activities.ts takes the time before it reads).
 */
const HEAD_CLOCK_SKEW_MS = 2_000;

/** The fields of an entry the record activity copies from its input as they are (activities/record.activities.ts, seal). */
const COPIED_FROM_INPUT = ['decisionId', 'phaseAfter', 'articles', 'workflowId', 'runId', 'signature', 'periods', 'profile', 'office', 'authority'] as const;

/**
 * What of the entry is other than the workflow gave its recordStep activity to record (undefined: nothing): the run,
 * the actor, the time, the payload or a field copied as given, named for the failure. A history whose step was rewritten (an unlawful opinion
 * made lawful) had matched by its seq and action alone (fresh-eyes tester).
 */
function differingFromHistory(e: RecordEntry, input: Record<string, unknown>, runId: string): string | undefined {
  const same = (a: unknown, b: unknown) => (a === undefined || b === undefined ? a === b : canonicalize(a) === canonicalize(b));
  if (e.runId !== runId) return `run (${e.runId}; the history is of run ${runId})`;
  const actor = (input.actor ?? {}) as Record<string, unknown>;
  if (!same({ id: actor.id, name: actor.name, role: actor.role, organisation: actor.organisation }, e.actor)) return 'actor';
  const at = typeof input.at === 'number' && Number.isFinite(input.at) && Math.abs(input.at) <= 8.64e15 ? new Date(input.at).toISOString() : String(input.at);
  if (at !== e.at) return `time (${e.at}; the history gave ${at})`;
  if (!same(input.payload ?? {}, e.payload)) return 'payload';
  for (const field of COPIED_FROM_INPUT) if (!same(input[field], e[field])) return field;
  return undefined;
}

/**
 * Where a history's events are not 1, 2, 3 … in order: an event left out (a step's update, its recording) or moved.
 * Temporal numbers a run's events so, and a bundle carries every run's history whole.
 */
function historyGap(histories: DecisionBundle['histories']): string | undefined {
  for (const { runId, history } of histories) {
    const events = ((history as { events?: unknown[] })?.events ?? []) as { eventId?: unknown }[];
    for (let i = 0; i < events.length; i++) {
      if (String(events[i]?.eventId) !== String(i + 1)) return `the history of run ${runId} has event ${String(events[i]?.eventId)} where event ${i + 1} belongs: events were left out or moved`;
    }
  }
  return undefined;
}
