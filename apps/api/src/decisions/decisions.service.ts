import { BadRequestException, ConflictException, Inject, Injectable, Optional, ServiceUnavailableException } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { Client, WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowFailedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { AppConfig } from '../../../../libs/config/config';
import { hotQuery, type PrismaClient } from '../../../../libs/db/prisma';
import {
  art,
  checkRegistration,
  closedRefusal,
  MEETING_MEMBER,
  coUnitProblem,
  NATIONAL_PROFILE,
  profileById,
  checkCatalogGovernment,
  checkOwnAreaRules,
  checkProfileArea,
  OrganisationKind,
  PROFILES,
  checkCatalogItem,
  profileAsKeptBefore,
  refusal,
  RefusalCode,
  registrationIdempotencyKey,
  Role,
  registrationPayload,
  type Actor,
  type PathStep,
  type Citation,
  type DecisionAuthority,
  type ActionName,
  type Bilingual,
  type Command,
  type DecisionRegistration,
  type ProcedureProfile,
  type Refusal,
  type RegistrationReceipt,
  type DecisionRecordView,
  type StepRefusalView,
  isWithin,
  materialsOnRecord,
  mayActRefusal,
  stepRefusal,
  carriedBytesOf,
  type DiscussionMaterialsView,
  type OfficeHeld,
  type DecisionDocumentView,
  undertakerEvaluating,
} from '../../../../libs/domain';
import { APP_CONFIG } from '../../../../libs/nest/config.module';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import {
  deadlinesQuery,
  majorDecision,
  procedureQuery,
  PROCEDURE_VIOLATION,
  recordHead,
  registeredUpdate,
  stateQuery,
  stepsTakenQuery,
  tasksQuery,
  timelineQuery,
  type DecisionState,
  type StepResult,
} from '../../../../workflows';
import { canonicalize } from '../../../../libs/record/jcs';
import { namedRefusal } from '../authority/organisation-names';
import type { DecisionBundle } from '../../../../libs/record/bundle';
import { exportBundle } from '../../../../libs/record/export';
import { latestCheckpoint } from '../../../../libs/record/log-store';
import { registrationSignOffMessage, signOffMessage, verifySignature, type SignatureAlgorithm } from '../../../../libs/record/signatures';
import { AuthorityService } from '../authority/authority.service';
import { ExpertsService } from '../authority/experts.service';
import { ScopeService } from '../authority/scope.service';
import type { Caller } from '../auth/caller';
import { Signers } from '../auth/signers';
import { CommentAnswersService } from '../comments/comment-answers.service';
import { recordWithHistory, type RecordHistoryRow } from '../../../../libs/record/history-join';
import { KeysService } from '../keys/keys.service';
import { MetricsService } from '../metrics/metrics.service';
import { VerificationService } from '../record/verification.service';
import { DecisionNotFoundError, ProcedureRefusedError } from '../errors';
import { citedUnavailable, NOT_DOCUMENTS, unavailableRefusal } from '../documents/cited-documents';
import { documentReferences } from '../../../../libs/record/chain';
import { draftHeldWithheld, draftHeldWithheldRefusal } from '../documents/withheld-drafts';
import { isPublicDocument } from '../documents/document-access.service';
import { explanationOnRecord, reusedWork } from '../documents/authored-documents';
import { evaluatorArguedBefore } from './evaluator-independence';
import { isRunContinuing, recordedStepIdentity, sendStep, stepIdentity, stepUpdateId } from '../../../../libs/temporal/steps';
import { Slots } from '../edge/slots';
import { INSTANT_YEARS, timeOutsideYears } from '../edge/is-instant';
import { DEFAULT_PAGE, pageOf, type Page, type RowPageQueryDto } from '../edge/paging';
import { TEMPORAL_CLIENT } from '../temporal.module';
import type { RegisterDecisionDto } from './dto/register-decision.dto';
import type { StepDto } from './dto/step.dto';
import { localDay, presentDeadlines, presentTimeline, timeZoneOf } from './presenters';

/** The advisory lock (with hashtext of the lower-cased id) under which a decision id is checked and registered. */
const REGISTRATION_LOCK = 711;

/** Bundles exported at once through GET /decisions/:id/bundle and record-history, and how many more may wait, how long. */
const EXPORT_CONCURRENCY = 2;
const EXPORT_QUEUE = 8;
const EXPORT_WAIT_MS = 30_000;
const EXPORT_RETRY_AFTER_SECONDS = 10;

/** 503 with Retry-After: no worker sealed the record's head in time (they alone hold the seal key). */
class HeadUnsealedException extends ServiceUnavailableException {
  constructor() {
    super({
      statusCode: 503,
      error: 'Service Unavailable',
      message: `系统未能及时为核验包加盖记录完整性封印（工作进程未应答），请在 ${EXPORT_RETRY_AFTER_SECONDS} 秒后重试（no worker sealed the record's head in time: try again after ${EXPORT_RETRY_AFTER_SECONDS} s）`,
      retryAfterSeconds: EXPORT_RETRY_AFTER_SECONDS,
    });
  }
}

/** 503 with Retry-After: as many exports run and wait as the API takes at once. */
class ExportBusyException extends ServiceUnavailableException {
  constructor() {
    super({
      statusCode: 503,
      error: 'Service Unavailable',
      message: `导出决策记录的任务繁忙，请在 ${EXPORT_RETRY_AFTER_SECONDS} 秒后重试（exports busy: try again after ${EXPORT_RETRY_AFTER_SECONDS} s）`,
      retryAfterSeconds: EXPORT_RETRY_AFTER_SECONDS,
    });
  }
}

/** What the registration keeps of the rules a decision runs under: its profile, and who decides and reviews it. */
type RegistrationKept = { profile?: ProcedureProfile; authority?: DecisionAuthority };

/** The rules a decision runs under: as its registration keeps them, or, registered before they were kept, as its profile's id stood then (the workflow's own choice). */
const rulesKept = (kept: RegistrationKept, profileId: string | undefined): ProcedureProfile | undefined => kept.profile ?? (profileId ? profileAsKeptBefore(profileId) : undefined);

/** The most of a refused step's payload kept whole (bytes of its JSON); past it, its size and digest. */
export const REFUSED_PAYLOAD_KEPT = 16 * 1024;

/**
 * What is kept of a refused step's payload: itself, or past REFUSED_PAYLOAD_KEPT its size and SHA-256 (attacker: 65
 * refused steps of 700 KB each made a decision's bundle 45 MB and the API's memory grow by 300 MB, from any official
 * who could see the decision). The refusal, its code, articles and signer are kept whole either way.
 */
function keptOfRefused(payload: unknown): object {
  const json = JSON.stringify(payload ?? {});
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes <= REFUSED_PAYLOAD_KEPT) return (payload ?? {}) as object;
  return { omitted: `内容过大，未予保存（${bytes} 字节）（too large to keep: ${bytes} bytes）`, bytes, sha256: createHash('sha256').update(json, 'utf8').digest('hex') };
}

/** The most of a refusal's message kept (characters): one echoing a field name of 99,000 characters was kept whole (retest). */
const REFUSAL_MESSAGE_KEPT = 4000;
const keptMessage = (message: string) => (typeof message !== 'string' || message.length <= REFUSAL_MESSAGE_KEPT ? message : `${message.slice(0, REFUSAL_MESSAGE_KEPT)}…（以下 ${message.length - REFUSAL_MESSAGE_KEPT} 字未予保存）`);

/** A refusal of a check before the rules that concerns the decision, not the step: the rules' own refusal of the step is told first. */
class RefusedAfterTheRules extends ProcedureRefusedError {}

/** All the workflow's Update validator would refuse of the step (stepRefusal). */
const wholeStepRefusal: typeof mayActRefusal = (s, cmd, ctx) => stepRefusal(s, cmd, ctx, () => carriedBytesOf()(s));

@Injectable()
export class DecisionsService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: KeysService,
    private readonly comments: CommentAnswersService,
    private readonly authority: AuthorityService,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  /**
   * Starts the decision's workflow and waits until its registration is stored,
   * so the 201 means the record exists. The workflow id is the business id:
   * nothing is started twice. The same registration sent again gets the first
   * receipt; another one with the same id gets 409. The profile's rules go
   * with the decision as they stand today. Only the official it names may
   * send it (the caller's token names the actor who signs; 403 otherwise).
   */
  async register(dto: RegisterDecisionDto, caller?: Caller) {
    try {
      return await this.registerChecked(dto, caller);
    } catch (err) {
      // Its refusals as an official reads them: the organisations they name by id, by name too.
      if (err instanceof ProcedureRefusedError) throw new ProcedureRefusedError(await namedRefusal(this.prisma, err.refusal));
      throw err;
    }
  }

  private async registerChecked(dto: RegisterDecisionDto, caller?: Caller) {
    await this.signers.assertSigner(caller, dto.actor.id, { decisionId: dto.id, action: 'register' });
    // The item, under the catalog's own rules of the decision's profile (profiles.ts `catalog`): its government is checked once known, below.
    const item = await this.catalogItem(dto.catalogRef, profileById(dto.profile ?? NATIONAL_PROFILE), 'catalogRef');
    // The matter types are the item's (Art. 3 para. 2): the registration names them, signed, exactly as the catalog does.
    const named = [...(dto.matterTypes ?? [])].sort();
    const listed = [...(item.matterTypes ?? [])].sort(); // null: a row written by hand, not by the API
    if (named.join() !== listed.join()) {
      const none = { zh: '（无）', en: '(none)' };
      throw new ProcedureRefusedError(
        refusal(RefusalCode.InvalidPayload, {
          zh: `matterTypes：目录事项 ${dto.catalogRef} 的事项类型为${listed.join('、') || none.zh}，登记载明的是${named.join('、') || none.zh}；应当按目录载明，并一并签名`,
          en: `matterTypes: catalog item ${dto.catalogRef} names the matter types ${listed.join(', ') || none.en}, the registration ${named.join(', ') || none.en}; name the item's, and sign them`,
        }, art(3, 2)),
      );
    }
    // Registered by the undertaking unit named in it (Art. 11), and signed like any step.
    const { actor, signature, ...fields } = dto;
    const registeredBy = { id: actor.id, name: actor.name, role: actor.role, organisation: actor.organisation };
    const { matterTypes, ...rest } = fields;
    const unsigned = { ...rest, ...(matterTypes?.length ? { matterTypes } : {}), profile: dto.profile ?? NATIONAL_PROFILE, registeredBy };
    // Only the undertaking unit registers (Art. 11): another role is refused before anything is looked up.
    const wrongRole = registeredBy.role === Role.UndertakingUnit ? undefined : checkRegistration(unsigned);
    if (wrongRole) throw new ProcedureRefusedError(wrongRole);
    const signOff = registrationSignOffMessage(unsigned, registeredBy);
    // The same signed registration sent again is answered as the first time, whatever became since of the office and
    // key it was made with, as a step sent again is (attacker: refused NO_OFFICE once the official's office ended).
    const again = await this.registeredAlready(dto, signOff);
    if (again) return again;
    // The office it is registered in, asked once: the key signs there (checkStepSignature), and the rules check it below.
    const heldOffice = askedAhead(this.authority.officeFor(registeredBy));
    const checked = await this.keys.checkStepSignature(actor.id, signOff, signature, registrationIdempotencyKey(dto), async () => (await heldOffice)?.path);
    // Whose decision it is, and the office the official registers it in: an appointment in the department or an office of it (Art. 11).
    // A department deciding its own matter (Art. 42) where the registration names it as decidingOrgan.
    const authority = await this.authority.authorityFor(dto.undertakingDepartment, dto.decidingOrgan);
    // A profile of an area's rules only for a government in that area (Art. 43): Shandong's in Shandong, Qingdao's in Qingdao.
    const profile = profileById(unsigned.profile);
    // And where the government's own area has rules, those (Art. 43): not the national baseline in Shandong.
    const governments = await this.authority.governmentsFrom(authority.government);
    const otherArea = checkProfileArea(profile, governments) ?? checkOwnAreaRules(profile, governments, Object.values(PROFILES));
    if (otherArea) throw new ProcedureRefusedError(otherArea);
    // From the catalog of the decision's own deciding organ (Art. 3 para. 3): its government's, or a department's own (Art. 42).
    const otherCatalog = checkCatalogGovernment(item, authority.decidingOrgan);
    if (otherCatalog) throw new ProcedureRefusedError(otherCatalog);
    const registeredByOffice = await heldOffice;
    const wrongUnit = checkRegistration({ ...unsigned, registeredByOffice });
    if (wrongUnit) throw new ProcedureRefusedError(wrongUnit);
    // Art. 33 as for a step: a registration names no document but one its signer holds (a hash typed into its legal
    // basis was recorded as a document of the decision, unchecked: the sixteenth session's tester).
    const unavailable = unavailableRefusal(await citedUnavailable(this.prisma, unsigned, { personId: actor.id, decisionId: dto.id }));
    if (unavailable) throw new ProcedureRefusedError(unavailable);
    const registration: DecisionRegistration = { ...unsigned, signature: checked, authority, registeredByOffice };
    const start = new WithStartWorkflowOperation(majorDecision, {
      workflowId: dto.id,
      taskQueue: this.config.taskQueue,
      args: [{ registration, profile: profileById(registration.profile), maxStepsPerRun: this.config.maxStepsPerRun }],
      workflowIdConflictPolicy: 'FAIL',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    // One registration at a time per id folded to lower case, until it is stored: two ids differing only in case, sent at
    // once, both passed the check before either was stored (fresh-eyes tester). The decision's row is written by the
    // workflow's activity, so a unique index there would strand the second workflow instead of refusing it.
    return this.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${REGISTRATION_LOCK}, hashtext(lower(${dto.id})))`;
        await this.assertNoCaseTwin(tx as unknown as PrismaClient, dto.id);
        try {
          return await this.temporal.workflow.executeUpdateWithStart(registeredUpdate, { startWorkflowOperation: start });
        } catch (err) {
          // The same registration sent again (say, after a 503) is answered as the first time; another one is refused (409).
          if (err instanceof WorkflowExecutionAlreadyStartedError) return this.sameRegistration(dto.id, registrationPayload(registration), registeredBy, err);
          // Its own entry refused by the record (its key or office lapsed before a worker came to it): that refusal.
          const refused = refusalOf(err);
          if (refused) throw new ProcedureRefusedError(refused);
          throw err;
        }
      },
      // Held no longer than the request may take (the API answers 503 at the dependency deadline).
      { timeout: (this.config.dependencyTimeoutSeconds + 5) * 1000, maxWait: this.config.dependencyTimeoutSeconds * 1000 },
    );
  }

  /** 409 for an id that differs from a registered decision's only in case: the two would be mixed up wherever named. */
  private async assertNoCaseTwin(db: PrismaClient, id: string): Promise<void> {
    const [twin] = await db.$queryRaw<{ id: string }[]>`SELECT id FROM decisions WHERE lower(id) = lower(${id}) AND id <> ${id} LIMIT 1`;
    if (!twin) return;
    throw new ConflictException({
      statusCode: 409,
      error: 'Conflict',
      message: `id：编号 ${id} 与已登记决策的编号 ${twin.id} 仅字母大小写不同，容易混淆，请换用其他编号（id ${id} differs from the registered decision ${twin.id} only in case; choose another id）`,
    });
  }

  /**
   * The receipt of the decision where its recorded registration is this one: signed by the same key with the same
   * signature, which holds for what is sent (retest: another title under the first signature was answered as the first).
   */
  private async registeredAlready(dto: RegisterDecisionDto, signOff: Buffer): Promise<RegistrationReceipt | undefined> {
    const entry = await this.prisma.decisionStep.findUnique({ where: { decisionId_seq: { decisionId: dto.id, seq: 0 } }, select: { entry: true, actorId: true } });
    const signed = entry?.entry ? (JSON.parse(entry.entry) as { signature?: { keyId?: string; value?: string } }).signature : undefined;
    if (!signed || entry!.actorId !== dto.actor.id || signed.keyId !== dto.signature.keyId || signed.value !== dto.signature.value) return undefined;
    const key = await this.prisma.actorKey.findUnique({ where: { keyId: dto.signature.keyId }, select: { algorithm: true, publicKey: true } });
    if (!key || !verifySignature(key.algorithm as SignatureAlgorithm, key.publicKey, signOff, dto.signature.value)) return undefined;
    const row = await this.prisma.decision.findUniqueOrThrow({ where: { id: dto.id } });
    return { id: row.id, workflowId: row.workflowId, runId: row.runId, registeredAt: row.registeredAt.toISOString() };
  }

  /** The receipt of a decision already registered, if it was registered exactly so; otherwise the conflict. */
  private async sameRegistration(id: string, payload: unknown, actor: Actor, conflict: Error): Promise<RegistrationReceipt> {
    let entry = await this.prisma.decisionStep.findUnique({ where: { decisionId_seq: { decisionId: id, seq: 0 } } });
    if (!entry) {
      // Started, not yet stored: wait for it (within the request's deadline). Or refused when it came to be recorded.
      await this.handle(id).executeUpdate(registeredUpdate).catch((err: unknown) => this.refusedRegistration(id, err));
      entry = await this.prisma.decisionStep.findUnique({ where: { decisionId_seq: { decisionId: id, seq: 0 } } });
    }
    const recorded = entry && { payload: entry.payload, actor: { id: entry.actorId, name: entry.actorName, role: entry.actorRole, organisation: entry.actorOrganisation } };
    if (!recorded || canonicalize(recorded) !== canonicalize({ payload, actor })) throw conflict;
    const row = await this.prisma.decision.findUniqueOrThrow({ where: { id } });
    return { id: row.id, workflowId: row.workflowId, runId: row.runId, registeredAt: row.registeredAt.toISOString() };
  }

  /**
   * A registration under this id whose own entry the record refused (its key or office lapsed before a worker came to
   * it): its run failed with that refusal, which answers whoever sends a registration under the id again, with what to
   * do; Temporal keeps the id, so another one is needed. Any other failure, as it is.
   */
  private async refusedRegistration(id: string, err: unknown): Promise<never> {
    const given = refusalOf(err) ?? (err instanceof WorkflowNotFoundError ? await this.handle(id).result().then(() => undefined, failedWith) : undefined);
    if (!given) throw err;
    throw new ProcedureRefusedError(
      refusal(
        given.code,
        {
          zh: `编号 ${id} 的登记未能记入决策记录：${given.zh}。该编号已为流程引擎所用，请换用其他编号重新登记`,
          en: `the registration under id ${id} was not recorded: ${given.en}. The id is taken in the workflow engine: register again under another id`,
        },
        ...given.articles,
      ),
    );
  }

  /**
   * The catalog item a registration names, or the organ's decision to start on a catalogued proposal (Arts. 3, 10): the
   * one place both look it up. It is published in the catalog (refused otherwise, naming `field`), and it meets the
   * catalog's own rules of the decision's profile (a yearly catalog, fixed by a month of its year: checkCatalogItem).
   * Whose catalog it is, the caller checks against the decision's government (checkCatalogGovernment).
   */
  private async catalogItem(ref: string, profile: ProcedureProfile | undefined, field: string) {
    const item = await this.prisma.catalogItem.findUnique({ where: { ref }, select: { ref: true, matterTypes: true, year: true, publishedAt: true, adjustmentReason: true, governmentId: true } });
    if (!item) {
      throw new ProcedureRefusedError(
        refusal(RefusalCode.PrerequisiteMissing, { zh: `${field}：决策事项目录中没有 ${ref}；应当先公布该事项或者调整目录`, en: `${field}: catalog item ${ref} is not in the decision catalog; publish it, or adjust the catalog, first` }, art(3)),
      );
    }
    const rule = checkCatalogItem(profile, item, Date.now());
    if (rule) throw new ProcedureRefusedError(rule);
    return item;
  }

  /**
   * The organ's decision to start on a proposal from the catalog (`proposal.source` catalog, Arts. 3 para. 3, 10) names
   * an item of the deciding government's published catalog, under the catalog rules the decision keeps (its profile as
   * registered): checked as the registration's item is, which the pure rules cannot look up.
   */
  private async checkStartCatalogItem(id: string, payload: unknown, registration: () => Promise<RegistrationKept>): Promise<void> {
    const proposal = (payload as { proposal?: { source?: unknown; catalogRef?: unknown } } | null)?.proposal;
    if (proposal?.source !== 'catalog' || typeof proposal.catalogRef !== 'string') return; // the rules refuse a missing ref, naming it
    const decision = await this.prisma.decision.findUniqueOrThrow({ where: { id }, select: { profile: true, governmentId: true } });
    const kept = await registration();
    const item = await this.catalogItem(proposal.catalogRef, rulesKept(kept, decision.profile), 'proposal.catalogRef');
    const otherCatalog = checkCatalogGovernment(item, kept.authority?.decidingOrgan ?? decision.governmentId, 'proposal.catalogRef');
    if (otherCatalog) throw new ProcedureRefusedError(otherCatalog);
  }

  /**
   * The units the organ names to share the drafting with the lead unit (`coUnits`) could each undertake it themselves
   * (coUnitProblem): the rules cannot look organisations up; an id no one registered is refused by checkNamedOrganisations.
   */
  private async checkCoUnits(payload: unknown, registration: () => Promise<RegistrationKept>): Promise<void> {
    const coUnits = (payload as { coUnits?: unknown } | null)?.coUnits;
    if (!Array.isArray(coUnits)) return;
    const { authority } = await registration();
    if (!authority) return; // registered before offices were checked
    for (const [i, co] of coUnits.entries()) {
      const path = typeof co === 'string' ? await this.authority.pathOf(co) : undefined;
      if (!path) continue;
      const problem = coUnitProblem(path, authority, `coUnits.${i}`);
      if (problem) throw new ProcedureRefusedError(problem);
    }
  }

  /**
   * The chief executive the minutes name decides (Art. 30), so it is the organ's: one holding, now, the chief executive's
   * office that acts in this decision (the government's head, or the department's for its own matter, Art. 42). Anyone
   * else named would leave a decision no one may take; the rules cannot look appointments up.
   */
  private async checkMinutedChiefExecutive(id: string, payload: unknown): Promise<void> {
    const chief = (payload as { meeting?: { chiefExecutiveId?: unknown } } | null)?.meeting?.chiefExecutiveId;
    if (typeof chief !== 'string' || (await this.scopes.actsAs(chief, id, Role.ChiefExecutive))) return; // the rules refuse a missing one, naming it
    const authority = (await this.registrationKept(id)).authority;
    const organ = authority?.decidingOrgan;
    const departmentDecides = !!authority && authority.decidingOrgan !== authority.government;
    throw new ProcedureRefusedError(
      refusal(RefusalCode.WrongOffice, {
        zh: `meeting.chiefExecutiveId：${chief}此时不担任本决策的决策机关${organ ? `（${organ}）` : ''}的行政首长；会议记录载明的行政首长将在集体讨论的基础上作出决定，应当是决策机关的行政首长（部门决定本部门事项的，为部门负责人）`,
        en: `meeting.chiefExecutiveId: ${chief} does not hold, now, the chief executive's office of this decision's deciding organ${organ ? ` (${organ})` : ''}; the chief executive the minutes name decides after the discussion, so it is the organ's (a department's head for its own matter)`,
      }, art(30), ...(departmentDecides ? [art(42)] : [])),
    );
  }

  /** Art. 36 para. 2, by name as well as by id (evaluator-independence.ts); the body is a registered one (checkNamedOrganisations). */
  private async checkEvaluatorIndependent(id: string, organisation: unknown): Promise<void> {
    if (typeof organisation !== 'string') return; // the rules refuse it, naming the field
    const path = await this.authority.pathOf(organisation);
    const body = path?.[0];
    const refused = body && (await evaluatorArguedBefore(this.prisma, id, { id: organisation, name: body.name }));
    if (refused) throw new ProcedureRefusedError(refused);
    // An office of the undertaking unit or of a co-undertaking unit (evaluatorNotUndertaker): the rules know the units'
    // own ids, not where an office lies (retest: the bureau's 评估处 was commissioned, and its evaluator then refused, the
    // commission a dead end).
    const decision = await this.prisma.decision.findUnique({ where: { id }, select: { profile: true, undertakingDepartment: true } });
    if (!decision || !path) return;
    const [start] = await this.prisma.$queryRaw<{ co_units: unknown }[]>`
      SELECT payload -> 'coUnits' AS co_units FROM decision_steps WHERE decision_id = ${id} AND action = 'decideToStart' ORDER BY seq DESC LIMIT 1`;
    const coUnits = Array.isArray(start?.co_units) ? start.co_units.filter((u): u is string => typeof u === 'string') : [];
    const unit = [decision.undertakingDepartment, ...coUnits].find((u) => u !== organisation && path.some((p) => p.id === u));
    if (unit !== undefined && rulesKept(await this.registrationKept(id), decision.profile)?.evaluatorNotUndertaker) throw new ProcedureRefusedError(undertakerEvaluating(unit, unit !== decision.undertakingDepartment, organisation));
  }

  /**
   * The members the minutes record as present sat in the deciding organ's meeting (Art. 30): each held, when it sat, the
   * office of its chief executive or of a member of its meeting (meeting_member, appointed in the organ itself). Ids
   * no registrar appointed (a fresh-eyes tester minuted fake-1 and fake-2, each "confirmed by" itself) would make the
   * record of who agreed and who dissented, on which Art. 38 para. 3 relieves dissenters, the secretary's alone.
   */
  private async checkMeetingMembers(id: string, payload: unknown): Promise<void> {
    const minutes = payload as { members?: unknown; meeting?: { date?: unknown; presidingId?: unknown } } | null;
    const members = minutes?.members;
    if (!Array.isArray(members)) return; // the rules refuse it, naming the field
    // Who sat when the meeting sat, not when its minutes come in (third tester: a deputy whose office ended since could
    // not be minuted as present, and one appointed since could). A date the rules will refuse is read as now.
    const held = typeof minutes?.meeting?.date === 'string' ? Date.parse(minutes.meeting.date) : NaN;
    const sat = Number.isFinite(held) ? new Date(held) : new Date();
    // Who presided sat in the organ's meeting too, as its chief executive or a member (second tester: 'm-ѕun', with a
    // Cyrillic s, presided over minutes that verified, a chair who read as the mayor and was nobody).
    const presiding = minutes?.meeting?.presidingId;
    if (typeof presiding === 'string' && (await this.scopes.actingOffice(id, [presiding], sat, [Role.ChiefExecutive, MEETING_MEMBER])) === null) {
      throw new ProcedureRefusedError(refusal(RefusalCode.WrongOffice, await this.whyNotSitting(id, presiding, sat, 'meeting.presidingId', presiding, { zh: '会议主持人', en: 'the one presiding' }), art(30)));
    }
    // One who argued the draft as an expert does not then discuss it as a member of the organ's meeting (Arts. 19 para.
    // 2, 20, 30), the other way round from the panel's check (retest: an expert appointed to the meeting after the opinion).
    const argued = new Map((await this.prisma.decisionStep.findMany({ where: { decisionId: id, action: 'submitExpertOpinion' }, select: { actorId: true, seq: true } })).map((e) => [e.actorId.toLowerCase(), e.seq]));
    for (const [i, m] of members.entries()) {
      const member = m as { id?: unknown; name?: unknown; present?: unknown } | null;
      if (member?.present !== true || typeof member.id !== 'string') continue;
      const opinion = argued.get(member.id.toLowerCase());
      if (opinion !== undefined) {
        throw new ProcedureRefusedError(
          refusal(RefusalCode.ConflictOfInterest, {
            zh: `members.${i}.id：${member.id} 在本决策中作为论证专家提交了论证意见（第 ${opinion} 条记录），不能再作为会议组成人员参加对本决策草案的讨论：专家应当独立开展论证`,
            en: `members.${i}.id: ${member.id} gave an expert opinion on this decision (entry ${opinion}) and cannot also discuss its draft as a member of the meeting: experts argue independently`,
          }, art(20), art(19, 2), art(30)),
        );
      }
      const office = await this.scopes.actingOffice(id, [member.id], sat, [Role.ChiefExecutive, MEETING_MEMBER]);
      const name = typeof member.name === 'string' ? member.name : member.id;
      if (office) {
        // Under the name the registrar appointed them by, as any signer is (second retest: m-li minuted as 王五).
        const named = await this.prisma.appointment.findMany({ where: { personId: member.id, role: office.role, organisationId: office.organisation.id }, select: { personName: true }, distinct: ['personName'] });
        if (named.length && !named.some((a) => a.personName === name)) {
          throw new ProcedureRefusedError(
            refusal(RefusalCode.WrongOffice, {
              zh: `members.${i}.name：${member.id} 经登记任命的姓名为${named.map((a) => a.personName).join('、')}，会议记录写作“${name}”，应当按任命的姓名记录`,
              en: `members.${i}.name: ${member.id} is appointed as ${named.map((a) => a.personName).join(', ')}, not "${name}": the minutes name members as appointed`,
            }, art(30)),
          );
        }
      }
      if (office !== null) continue; // held, or a decision registered before offices were checked (undefined)
      throw new ProcedureRefusedError(refusal(RefusalCode.WrongOffice, await this.whyNotSitting(id, member.id, sat, `members.${i}.id`, name), art(30)));
    }
    // Every member who sat in the organ's meeting that day is minuted, present or absent, and the meeting's size is theirs
    // at least: a member left out of the minutes, or a size typed to suit a quorum, was taken (statute tester, Art. 30).
    const sitting = await this.scopes.meetingMembers(id, sat);
    const listed = new Set(members.map((m) => (m as { id?: unknown } | null)?.id));
    const left = sitting.filter((m) => !listed.has(m.personId));
    if (left.length) {
      const names = left.map((m) => `${m.personName}（${m.personId}）`).join('、');
      throw new ProcedureRefusedError(refusal(RefusalCode.PrerequisiteMissing, {
        zh: `members：会议召开时（${localDay(sat.getTime())}）${names}是本决策的决策机关的会议组成人员，会议记录应当如实载明其出席或者缺席（present 为 true 或者 false）`,
        en: `members: on the meeting's day (${localDay(sat.getTime())}) ${left.map((m) => m.personId).join(', ')} sat in this decision's deciding organ's meeting; the minutes record each as present or absent`,
      }, art(30)));
    }
    // Nor is one who did not sit minuted as an absent member, to make up the meeting's size (retest: x-nobody, absent).
    const stranger = sitting.length ? members.findIndex((m) => { const x = m as { id?: unknown; present?: unknown } | null; return x?.present === false && typeof x.id === 'string' && !sitting.some((y) => y.personId === x.id); }) : -1;
    if (stranger >= 0) {
      const x = members[stranger] as { id: string; name?: unknown };
      throw new ProcedureRefusedError(refusal(RefusalCode.WrongOffice, {
        zh: `members.${stranger}.id：${typeof x.name === 'string' ? `${x.name}（${x.id}）` : x.id}会议召开时（${localDay(sat.getTime())}）不是本决策的决策机关的会议组成人员，不能记录为缺席的组成人员`,
        en: `members.${stranger}.id: ${x.id} did not sit in this decision's deciding organ's meeting on its day (${localDay(sat.getTime())}), so is not minuted as an absent member`,
      }, art(30)));
    }
    const total = (minutes as { membersTotal?: unknown }).membersTotal;
    if (typeof total === 'number' && total < sitting.length) {
      throw new ProcedureRefusedError(refusal(RefusalCode.InvalidPayload, {
        zh: `membersTotal：会议召开时本决策的决策机关有会议组成人员${sitting.length}人（含行政首长），会议组成人员总数不能少于该人数（记录为${total}人）`,
        en: `membersTotal: on the meeting's day this decision's deciding organ's meeting had ${sitting.length} members (the chief executive included), more than the ${total} recorded`,
      }, art(30)));
    }
  }

  /**
   * Why a person minuted as present did not sit in the decision's deciding organ's meeting, as a registrar can act on it
   * (third tester: one message covered a term that ended, one not begun and an office elsewhere): their term there did
   * not cover the meeting's date, they hold the office in another organ, or no registrar appointed them at all.
   */
  private async whyNotSitting(id: string, personId: string, sat: Date, field: string, name: string, as = { zh: '出席会议的组成人员', en: 'a member present' }): Promise<Bilingual> {
    const roles = [Role.ChiefExecutive, MEETING_MEMBER];
    const terms = await this.prisma.appointment.findMany({ where: { personId, role: { in: roles } }, select: { validFrom: true, validTo: true, endedAt: true }, orderBy: { validFrom: 'asc' } });
    const who = `${field}：${name}（${personId}）`;
    const day = (d: Date) => localDay(d.getTime());
    const meeting = day(sat);
    for (const a of terms) {
      if (!(await this.scopes.actingOffice(id, [personId], a.validFrom, roles))) continue;
      // The last day of the term: its end is the instant after it.
      const end = new Date((a.endedAt && a.endedAt < a.validTo ? a.endedAt : a.validTo).getTime() - 1);
      return {
        zh: `${who}在本决策的决策机关担任行政首长或者会议组成人员的任期为${day(a.validFrom)}至${day(end)}，会议召开时（${meeting}）不在任期内，不能作为${as.zh}记录；请核对会议日期，或者由登记员核对其任职`,
        en: `${field}: ${personId}'s term as chief executive or meeting member in this decision's deciding organ ran from ${day(a.validFrom)} to ${day(end)}, which does not cover the meeting's date (${meeting}), so cannot be minuted as ${as.en}; check the meeting's date, or have a registrar check the appointment`,
      };
    }
    if (terms.length) {
      return {
        zh: `${who}担任的行政首长或者会议组成人员职务不在本决策的决策机关，不能作为本机关会议的${as.zh}记录`,
        en: `${field}: ${personId} is chief executive or a meeting member of another organ than this decision's deciding organ, so cannot be minuted as ${as.en} at its meeting`,
      };
    }
    return {
      zh: `${who}未经登记员任命为本决策的决策机关的行政首长或者会议组成人员（meeting_member），不能作为${as.zh}记录；会议组成人员由登记员在决策机关任命后方可记录`,
      en: `${field}: no registrar appointed ${personId} chief executive or meeting member (meeting_member) of this decision's deciding organ, so cannot be minuted as ${as.en}; a registrar appoints the meeting's members in the organ first`,
    };
  }

  /** The path of the decision's government (an expert's step signs there), from its registration. */
  private async governmentPathOf(id: string): Promise<PathStep[] | undefined> {
    const government = (await this.registrationKept(id)).authority?.government;
    return government ? this.authority.pathOf(government) : undefined;
  }

  /** The profile and the authority a decision keeps, as its registration entry holds them (a record from before kept neither). */
  private async registrationKept(id: string): Promise<RegistrationKept> {
    const registration = await this.prisma.decisionStep.findUnique({ where: { decisionId_seq: { decisionId: id, seq: 0 } }, select: { entry: true } });
    try {
      const { profile, authority } = JSON.parse(registration?.entry ?? '{}') as { profile?: ProcedureProfile; authority?: DecisionAuthority };
      return { profile, authority };
    } catch {
      return {};
    }
  }

  async get(id: string): Promise<{ id: string; state: DecisionState; record: DecisionRecordView }> {
    const row = await this.prisma.decision.findUnique({ where: { id } });
    if (!row) throw new DecisionNotFoundError(id);
    const state = await this.handle(id).query(stateQuery);
    return { id, state, record: { ...row, registeredAt: row.registeredAt.toISOString(), updatedAt: row.updatedAt.toISOString() } };
  }

  /**
   * What a step's content claims that only the registers can check, by action, asked before the step is sent: the
   * rules in the workflow see the decision, not the registers of offices, experts and organisations.
   */
  private readonly registerChecks: Partial<Record<ActionName, (id: string, dto: StepDto) => Promise<unknown>>> = {
    decideToStart: (id, dto) => {
      // Both checks read the registration, where they need it: read once.
      let kept: Promise<RegistrationKept> | undefined;
      const registration = () => (kept ??= this.registrationKept(id));
      return Promise.all([this.checkStartCatalogItem(id, dto.payload, registration), this.checkCoUnits(dto.payload, registration)]);
    },
    // Art. 15: the draft put out for comment is published; not one the public could not read (draftHeldWithheld). Of
    // the draft, not of the step: whatever the rules refuse of the step is said first.
    openPublicComment: async (id) => {
      const held = draftHeldWithheldRefusal(await draftHeldWithheld(this.prisma, id));
      if (held) throw new RefusedAfterTheRules(held);
    },
    // Art. 16 para. 2: so is the draft a hearing is announced on.
    announceHearing: async (id, dto) => {
      const method = (dto.payload as { selectionMethodHash?: unknown }).selectionMethodHash;
      const held = draftHeldWithheldRefusal(await draftHeldWithheld(this.prisma, id, typeof method === 'string' ? [{ path: 'selectionMethodHash', hash: method }] : []), 'hearing');
      if (held) throw new RefusedAfterTheRules(held);
    },
    // Art. 32: what is published as the explanation of the opinions' adoption is opened to anyone: not another document of the record.
    publish: async (id, dto) => {
      const own = await explanationOnRecord(this.prisma, id, (dto.payload as { adoptionExplanationHash?: unknown }).adoptionExplanationHash, (hash) => isPublicDocument(this.prisma, hash));
      if (own) throw new ProcedureRefusedError(own);
    },
    recordDiscussion: (id, dto) => Promise.all([this.checkMinutedChiefExecutive(id, dto.payload), this.checkMeetingMembers(id, dto.payload)]),
    commissionEvaluation: (id, dto) => this.checkEvaluatorIndependent(id, (dto.payload as { organisation?: unknown }).organisation),
    // Art. 41: no expert disqualified for this government's pool, or one above it, is chosen for the panel. And, where
    // the decision's profile asks it (expertsFromPool; not the decree's baseline), every expert is in force in a pool the
    // decision may use (Art. 21).
    appointExpertPanel: async (id, dto) => this.experts.assertEligible(id, (dto.payload as { experts?: unknown }).experts, new Date(), (await this.registrationKept(id)).profile),
    // Arts. 19, 20: an opinion from a member who has since taken an office in the decision is not an independent one.
    // And Art. 41: nor from one disqualified since, nor minutes signed by one (second tester: they counted so).
    submitExpertOpinion: (id, dto) => Promise.all([this.experts.assertNeutral(id, [dto.actor], new Date(), 'actor'), this.experts.assertStillEligible(id, [{ id: dto.actor.id, field: 'actor.id' }])]),
    submitExpertMinutes: async (id, dto) => {
      const signed = (dto.payload as { signedBy?: unknown }).signedBy;
      if (Array.isArray(signed)) await this.experts.assertStillEligible(id, signed.flatMap((e, i) => (typeof e === 'string' ? [{ id: e, field: `signedBy.${i}` }] : [])));
    },
  };
  /**
   * One human step. The workflow's Update validator refuses an illegal step
   * before anything is written to its history; such a refusal leaves no trace
   * in Temporal, so it is written here, for inspectors: under the official's
   * name only when the official signed in and the signature held (Signers).
   */
  async step(id: string, dto: StepDto, caller?: Caller) {
    // Times within the years every instant the API takes lies in, checked as the request's shape is (a 400).
    const far = timeOutsideYears(dto.payload, 'body.payload');
    if (far) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [`${far}：时间应在 ${INSTANT_YEARS.from} 年至 ${INSTANT_YEARS.to} 年之间（${far} must lie in the years ${INSTANT_YEARS.from} to ${INSTANT_YEARS.to}）`] });
    // The reads the checks need do not depend on one another: asked at once, and answered in the order the checks
    // take them, so a refusal is the one it would be were they asked one by one (a decision outside one's offices is
    // 404 before anything about the step is said).
    // Whom the decision's scope admits is asked of the decision itself: for a caller, that is its existence too.
    const mayAct = caller && askedAhead(this.scopes.mayAct(caller.sub, id));
    const exists = mayAct ?? askedAhead(this.ensureExists(id));
    const earlierAnswer = askedAhead(this.earlierAnswer(id, dto));
    // The office the signer holds now for the role claimed; the workflow relates it to the decision.
    const heldOffice = askedAhead(
      this.authority.officeFor(dto.actor).catch(async (err: unknown) => {
        // No office for the role claimed, in a role that does not take this step at all: that is said first, as the
        // rules say it (retest: told to get an appointment as legal adviser to postpone a decision).
        const wrongRole = err instanceof ProcedureRefusedError ? await this.rulesRefusal(id, dto, undefined, mayActRefusal) : undefined;
        throw wrongRole?.code === RefusalCode.WrongRole ? new ProcedureRefusedError(wrongRole) : err;
      }),
    );
    const checkedSignature = askedAhead((async () => {
      const signOff = signOffMessage({ decisionId: id, action: dto.action, actor: dto.actor, payload: dto.payload, idempotencyKey: dto.idempotencyKey });
      // Where the key signs: in the office's government; an expert, who holds none, in the decision's.
      return this.keys.checkStepSignature(dto.actor.id, signOff, dto.signature, dto.idempotencyKey, async () => (await heldOffice)?.path ?? (await this.governmentPathOf(id)));
    })());
    // The documents the payload names by hash that its signer may not cite (nobody uploaded them, or not for them): one query for them all.
    const unavailable = askedAhead(citedUnavailable(this.prisma, dto.payload, { personId: dto.actor.id, decisionId: id }));
    // Whether the step's own work is a document the record holds already (authored-documents.ts), asked at the same time.
    const reusedAhead = askedAhead(reusedWork(this.prisma, id, dto));
    await exists;
    // Outside one's offices a decision does not exist, for steps as for reads: no refusal says that it does.
    if (mayAct && !(await mayAct)) throw new DecisionNotFoundError(id);
    await this.signers.assertSigner(caller, dto.actor.id, { decisionId: id, action: dto.action });
    const earlier = await earlierAnswer;
    // Answered from the record only once the workflow has taken the step in; until then (its activity's answer lost
    // with a worker, the retry to come) the step is sent again under its update id, which waits for the one in flight:
    // answered from the record alone, the official's next step was refused as if this one had not been taken.
    if (earlier && (await this.takenIn(id, earlier.seq))) {
      this.metrics?.stepReplayed(dto.action);
      return earlier;
    }
    try {
      const signature = await checkedSignature;
      const office = await heldOffice;
      // Art. 33: the record lists the documents a step names; each is to be one the system holds, not a hash of
      // materials no one can retrieve, and one its signer holds or the decision does. (A step recorded already was
      // answered above, or is sent again as it was.)
      try {
        const missing = earlier ? undefined : unavailableRefusal(await unavailable);
        if (missing) throw new ProcedureRefusedError(missing);
        // A step's own work is new: not a document the record holds already (authored-documents.ts).
        const reused = earlier ? undefined : await reusedAhead;
        if (reused) throw new ProcedureRefusedError(reused);
        await this.checkNamedOrganisations(id, dto);
        await this.registerChecks[dto.action]?.(id, dto);
      } catch (err) {
        // These check the step's content before the rules see it: a step that was not its signer's to take now (another
        // role's, another stage's, without the office) is told that, as the rules would, not what its content lacks.
        if (err instanceof ProcedureRefusedError) throw new ProcedureRefusedError((await this.rulesRefusal(id, dto, office, err instanceof RefusedAfterTheRules ? wholeStepRefusal : mayActRefusal)) ?? err.refusal);
        throw err;
      }
      const command = { action: dto.action, actor: dto.actor, payload: dto.payload, signature, office } as Command;
      const send = () => sendStep(this.handle(id), command, stepUpdateId(dto.idempotencyKey, dto));
      // An adoption report must answer the comments as the database holds them, and they must not move until it is recorded.
      const result = dto.action === 'submitAdoptionReport' ? await this.comments.withReportChecked(id, dto.payload as never, send) : await send();
      this.metrics?.stepAccepted(dto.action);
      return result;
    } catch (err) {
      if (isRunContinuing(err)) throw new ServiceUnavailableException(`decision ${id} is moving to a new run of its workflow; send the step again in a moment`);
      const given = err instanceof ProcedureRefusedError ? err.refusal : (refusalOf(err) ?? (await this.closedRefusalOf(id, err)));
      if (!given) throw err;
      const refusal = await namedRefusal(this.prisma, given);
      // The key taken meanwhile (the same step sent twice at once or into a later run, or another step under
      // the same key): the entry that holds it answers, or 409 if it is another step.
      const again = await this.earlierAnswer(id, dto);
      if (again) {
        this.metrics?.stepReplayed(dto.action);
        return again;
      }
      this.metrics?.stepRefused(dto.action, refusal);
      if (!(await this.signers.attributable(caller, dto.actor.id, { decisionId: id, action: dto.action }, refusal))) throw new ProcedureRefusedError(refusal);
      await this.prisma.stepRefusal.create({
        data: {
          decisionId: id,
          action: dto.action,
          actorId: dto.actor.id,
          actorName: dto.actor.name,
          actorRole: dto.actor.role,
          actorOrganisation: dto.actor.organisation,
          code: refusal.code,
          message: keptMessage(refusal.message),
          articles: refusal.citations,
          payload: keptOfRefused(dto.payload),
        },
      });
      throw new ProcedureRefusedError(refusal);
    }
  }

  /**
   * What the rules would refuse of the step, under the rules the decision keeps: of its signer before its content
   * (mayActRefusal), or all the workflow would refuse of it (wholeStepRefusal); undefined where they would not, or cannot be asked.
   */
  private async rulesRefusal(id: string, dto: StepDto, office: OfficeHeld | undefined, ask: typeof mayActRefusal): Promise<Refusal | undefined> {
    try {
      const [procedure, kept, row] = await Promise.all([
        this.handle(id).query(procedureQuery),
        this.registrationKept(id),
        this.prisma.decision.findUnique({ where: { id }, select: { profile: true } }),
      ]);
      const profile = rulesKept(kept, row?.profile);
      if (!profile) return undefined;
      return ask(procedure, { action: dto.action, actor: dto.actor, payload: dto.payload, office } as Command, { now: Date.now(), profile });
    } catch {
      // Temporal or the database not answering now: the content's refusal stands, which is true too.
      return undefined;
    }
  }

  /**
   * A step sent to a decision whose workflow has finished: Temporal answers that it is not found, which was answered as
   * "no such decision" (404) though the decision is there for all to read (fresh-eyes tester). Refused as the rules
   * refuse any step on a closed decision, saying why it closed, and kept among the refusals like any other.
   */
  private async closedRefusalOf(id: string, err: unknown): Promise<Refusal | undefined> {
    if (!(err instanceof WorkflowNotFoundError)) return undefined;
    const state = await this.handle(id).query(stateQuery).catch(() => undefined);
    return state?.phase === 'closed' ? closedRefusal(state) : undefined;
  }

  /**
   * The organisations the deciding organ designates, commissions or engages (Arts. 11, 23, 34, 36), the units the
   * undertaking unit consults or declares concerned (Art. 13), and the organisation that organised a hearing or a
   * procedure another law requires (Arts. 3 para. 2, 16) are registered ones:
   * a step naming an id no registrar entered is refused here, naming the field, as the rules cannot look it up.
   */
  private async checkNamedOrganisations(id: string, dto: StepDto): Promise<void> {
    const p = dto.payload as Record<string, unknown>;
    const each = (list: unknown, field: string, basis: Citation): [string, unknown, Citation][] => (Array.isArray(list) ? list.map((o, i) => [`${field}.${i}`, o, basis]) : []);
    const named: [string, unknown, Citation][] =
      dto.action === 'designateExecutionUnit' ? each(p.organisations, 'organisations', art(34))
        : dto.action === 'commissionEvaluation' ? [['organisation', p.organisation, art(36)]]
        : dto.action === 'engageRiskAssessor' ? [['organisation', p.organisation, art(23, 3)]]
        : dto.action === 'decideToStart' ? [['undertakingUnit', p.undertakingUnit, art(11)], ...each(p.coUnits, 'coUnits', art(11))]
        : dto.action === 'consultDepartment' ? [['unit', p.unit, art(13)]]
        : dto.action === 'declareApplicability' ? each(p.unitsConcerned, 'unitsConcerned', art(13))
        : dto.action === 'recordMatterStep' ? [['organisedBy', p.organisedBy, art(3, 2)]]
        : (dto.action === 'scheduleHearing' || dto.action === 'announceHearing') && p.organisedBy !== undefined ? [['organisedBy', p.organisedBy, art(16)]]
        : [];
    for (const [field, org, basis] of named) {
      if (typeof org !== 'string') continue;
      const path = await this.authority.pathOf(org);
      if (!path) throw new ProcedureRefusedError(refusal(RefusalCode.InvalidPayload, { zh: `${field}：没有编号为 ${org} 的已登记机构`, en: `${field}: no organisation ${org} is registered` }, basis));
      // Art. 34: the organ designates a unit to execute its decision from those it directs: its departments and their
      // offices, the governments under it and bodies registered under it (statute tester: 广东省审计厅 designated on a
      // Shenzhen decision, 201). A third party it commissions or engages may be from anywhere.
      if (dto.action === 'designateExecutionUnit') {
        const government = (await this.prisma.decision.findUnique({ where: { id }, select: { governmentId: true } }))?.governmentId;
        if (government && !isWithin(path, government)) {
          throw new ProcedureRefusedError(
            refusal(RefusalCode.InvalidPayload, {
              zh: `${field}：${path[0].name}（${org}）不属于本决策的决策机关所在的人民政府（${government}）；决策执行单位应当是本级政府的部门、下级人民政府或者在本级登记的机构`,
              en: `${field}: ${org} is not of the government whose organ decides this matter (${government}); the execution unit is one of its departments, a government under it or a body registered under it`,
            }, basis),
          );
        }
      }
      // Art. 23 para. 3: the assessment is entrusted to a third party, 专业机构、社会组织等: a body outside government, never the
      // undertaking unit, the government, its departments or their offices (fresh-eyes tester: each was engaged, 201).
      if (dto.action === 'engageRiskAssessor' && path[0].kind !== OrganisationKind.OutsideBody) {
        throw new ProcedureRefusedError(
          refusal(RefusalCode.InvalidPayload, {
            zh: `${field}：${path[0].name}（${org}）是国家机关或者其内设机构，不是专业机构、社会组织等第三方；委托开展风险评估的，应当委托登记为外部机构的第三方`,
            en: `${field}: ${org} is a government body or one of its offices, not a third party (a professional institution or social organisation); entrust the assessment to one registered as an outside body`,
          }, basis),
        );
      }
    }
  }

  /**
   * Idempotency for the life of the decision: Temporal deduplicates an Update
   * id within one run only, so the record keeps every entry's key. The same
   * key with the same step is answered as the first time; with another step
   * (or the registration's key, the decision id) it is refused with 409.
   */
  private async earlierAnswer(id: string, dto: StepDto): Promise<StepResult | undefined> {
    // On every step: one statement straight to the pool (libs/db/prisma.ts, hotQuery).
    const [step] = await hotQuery<{ seq: number; action: string; actorId: string; actorName: string; actorRole: string; actorOrganisation: string; payload: unknown; phaseAfter: string; holdAfter: string }>(
      this.prisma,
      `SELECT s.seq, s.action, s.actor_id AS "actorId", s.actor_name AS "actorName", s.actor_role AS "actorRole", s.actor_organisation AS "actorOrganisation",
              s.payload, s.phase_after AS "phaseAfter", s.hold_after AS "holdAfter"
       FROM step_idempotency_keys k JOIN decision_steps s ON s.decision_id = k.decision_id AND s.seq = k.seq
       WHERE k.decision_id = $1 AND k.idempotency_key = $2`,
      [id, dto.idempotencyKey],
    );
    if (!step) return undefined;
    if (recordedStepIdentity(step) !== stepIdentity(dto)) {
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        idempotencyKey: dto.idempotencyKey,
        seq: step.seq,
        message: `幂等键 ${dto.idempotencyKey} 已用于本决策的第 ${step.seq} 条记录（${step.action}），不能用于另一步骤；请换用新的幂等键（idempotency key ${dto.idempotencyKey} already made entry ${step.seq} (${step.action}) of this decision; a different step needs a new key）`,
      });
    }
    return { seq: step.seq, phase: step.phaseAfter as StepResult['phase'], hold: step.holdAfter as StepResult['hold'] };
  }

  async tasks(id: string) {
    await this.ensureExists(id);
    return this.handle(id).query(tasksQuery);
  }

  async deadlines(id: string) {
    await this.ensureExists(id);
    return presentDeadlines(await this.handle(id).query(deadlinesQuery), await this.timeZone(id));
  }

  /** The materials of the collective discussion the record holds, as the minutes name them (Art. 29; materialsOnRecord). */
  async discussionMaterials(id: string): Promise<DiscussionMaterialsView> {
    await this.ensureExists(id);
    return materialsOnRecord(await this.handle(id).query(procedureQuery));
  }

  async timeline(id: string) {
    await this.ensureExists(id);
    return presentTimeline(await this.handle(id).query(timelineQuery), await this.timeZone(id));
  }

  /**
   * The documents the decision's steps name (web tester: an official could read none of them in the web app, and the
   * reviewer, the secretary publishing, had to upload again the very files the record held), in the order of the
   * record: each with its entry, the field naming it, its size and type. Only those the entry's signer held (uploaded,
   * first or not), which is what those who see the decision may read (DocumentAccess.mayRead); a hash typed into a step
   * is not offered.
   */
  async documents(id: string): Promise<DecisionDocumentView[]> {
    await this.ensureExists(id);
    const rows = await this.prisma.$queryRaw<{ seq: number; action: string; payload: unknown; hash: string; size: number; media_type: string }[]>`
      SELECT s.seq, s.action, s.payload, d.hash, d.size, d.media_type
      FROM decision_steps s CROSS JOIN LATERAL jsonb_array_elements_text(step_document_hashes(s.payload)) AS h(hash)
      JOIN documents d ON d.hash = h.hash
      WHERE s.decision_id = ${id} AND document_held_by(d.hash, s.actor_id)
      ORDER BY s.seq`;
    return rows.flatMap((r) =>
      documentReferences(r.payload, NOT_DOCUMENTS)
        .filter((ref) => ref.hash === r.hash)
        .map((ref) => ({ seq: r.seq, action: r.action, field: ref.path, hash: r.hash, size: r.size, mediaType: r.media_type })),
    );
  }

  async refusals(id: string, { after, limit = DEFAULT_PAGE }: RowPageQueryDto = {}): Promise<Page<StepRefusalView>> {
    await this.ensureExists(id);
    const rows = await this.prisma.stepRefusal.findMany({ where: { decisionId: id, ...(after ? { id: { gt: BigInt(after) } } : {}) }, orderBy: { id: 'asc' }, take: limit + 1 });
    const views = rows.map(({ id: rowId, attemptedAt, ...r }) => ({ id: rowId.toString(), ...r, attemptedAt: attemptedAt.toISOString() }));
    return pageOf(views, limit, (r) => r.id);
  }

  /**
   * The decision's record as one bundle for inspectors, as GET /decisions/:id/bundle gives it: proven against the latest
   * checkpoint (entries after it pending), with the record's head the workers sealed (libs/record/head.ts), so that an
   * inspector offline can tell that none was left out at its end. A few exports at a time (`exports`), the rest 503.
   */
  bundle(id: string): Promise<DecisionBundle> {
    return this.exports.run(async () => {
      await this.ensureExists(id);
      const sealed = await this.sealedHead(id);
      return this.verification.unlessArchivePending(await exportBundle(this.prisma, this.temporal, id, sealed ? sealed.checkpoint : await latestCheckpoint(this.prisma), sealed?.head));
    });
  }

  /** The bundle the API verifies itself, reading the record whole from the database: no head needed. */
  private async exportBundle(id: string): Promise<DecisionBundle> {
    await this.ensureExists(id);
    return exportBundle(this.prisma, this.temporal, id, await latestCheckpoint(this.prisma));
  }

  /** The record's head, sealed by a worker (a short workflow of its own: the decision's history is not touched). */
  private async sealedHead(id: string) {
    try {
      // Within the request's deadline for Temporal (DEPENDENCY_TIMEOUT_SECONDS), so that a worker that does not answer
      // is said as such, not as Temporal down (second tester: the generic 503 came first).
      const seconds = Math.max(1, this.config.dependencyTimeoutSeconds - 2);
      return await this.temporal.workflow.execute(recordHead, { taskQueue: this.config.taskQueue, workflowId: `record-head:${id}:${randomUUID()}`, args: [id], workflowExecutionTimeout: `${seconds} seconds` });
    } catch (err) {
      if (err instanceof WorkflowFailedError) throw new HeadUnsealedException();
      throw err;
    }
  }

  /** The record beside the workflow history, step by step, for the inspectors' console. */
  async recordHistory(id: string): Promise<RecordHistoryRow[]> {
    return recordWithHistory(await this.bundle(id));
  }

  /**
   * Exports built at once: a long record's bundle is held whole in memory while it is built and sent (an 18 MB one, eight
   * at once, took the API to 1.2 GB: fresh-eyes tester). The verifier's own exports wait in its slots instead.
   */
  private readonly exports = new Slots(EXPORT_CONCURRENCY, EXPORT_QUEUE, EXPORT_WAIT_MS, () => new ExportBusyException());

  @Inject(VerificationService) private readonly verification!: VerificationService;
  @Inject(Signers) private readonly signers!: Signers;
  @Inject(ScopeService) private readonly scopes!: ScopeService;
  @Inject(ExpertsService) private readonly experts!: ExpertsService;

  /** The inspectors' verification, run against the system's own key registries: cached and bounded (VerificationService). */
  verify(id: string) {
    return this.verification.verify(id, () => this.exportBundle(id));
  }

  private async timeZone(id: string): Promise<string> {
    return timeZoneOf((await this.prisma.decision.findUnique({ where: { id }, select: { profile: true } }))?.profile);
  }

  private handle(id: string) {
    return this.temporal.workflow.getHandle<typeof majorDecision>(id);
  }

  /**
   * Whether the decision's workflow has taken in the entry at `seq`. Where the workflow cannot be asked (no worker
   * polls, Temporal is away), that is not known, and a step answered from the record then could be followed by one
   * refused as if it had not been taken (fresh-eyes tester): 503, to be sent again.
   */
  private async takenIn(id: string, seq: number): Promise<boolean> {
    try {
      return (await this.handle(id).query(stepsTakenQuery)) >= seq;
    } catch {
      throw new ServiceUnavailableException(`决策 ${id} 的工作流暂时无法确认该步骤是否已生效，请稍后重新提交（decision ${id}: whether the step has taken effect cannot be confirmed now; send it again in a moment）`);
    }
  }

  private async ensureExists(id: string): Promise<void> {
    if (!(await this.prisma.decision.findUnique({ where: { id }, select: { id: true } }))) throw new DecisionNotFoundError(id);
  }
}

/** A read started before its answer is wanted: its failure is not unhandled meanwhile (awaited later, it still throws). */
function askedAhead<T>(read: Promise<T>): Promise<T> {
  read.catch(() => undefined);
  return read;
}

/** The procedure's refusal a workflow run failed with, if that is why it failed. */
function failedWith(err: unknown): Refusal | undefined {
  if (!(err instanceof WorkflowFailedError)) return undefined;
  const cause = err.cause;
  if (!(cause instanceof ApplicationFailure) || cause.type !== PROCEDURE_VIOLATION) return undefined;
  return cause.details?.[0] as Refusal | undefined;
}

/** The procedure's refusal inside a failed Update, if that is why it failed. */
function refusalOf(err: unknown): Refusal | undefined {
  if (!(err instanceof WorkflowUpdateFailedError)) return undefined;
  const cause = err.cause;
  if (!(cause instanceof ApplicationFailure) || cause.type !== PROCEDURE_VIOLATION) return undefined;
  return cause.details?.[0] as Refusal | undefined;
}
