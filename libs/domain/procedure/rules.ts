import { art, type Citation } from './articles';
import type { PeriodRequest, PeriodResult } from './calendar';
import { HASH_PATTERN, type ActionName, type Command, type Payloads } from './commands';
import { INSTANT_FORMAT, instantMs, parseInstant } from './instant';
import type { ProcedureProfile } from './profiles';
import { ProcedureViolation, refuse, RefusalCode as R, type Bilingual, type Refusal } from './refusal';
import { Role, ROLE_LABELS, SYSTEM_ACTOR, type Actor } from './roles';
import { currentDraft, Hold, Phase, PHASE_LABELS, type Deadline, type ProcedureState } from './state';

/**
 * The statutory procedure as pure rules: `check` says whether a step may be
 * taken now (and which article forbids it if not), `periodsFor` says which
 * periods the step starts (computed on the working calendar outside), and
 * `apply` returns the state after the step. The workflow's Update validators
 * call `check`, its handlers `apply`; the property tests drive the same code.
 */
export interface StepContext {
  now: number;
  profile: ProcedureProfile;
}

const DAY = 86_400_000;

interface Rule<K extends ActionName> {
  roles: readonly Role[];
  /** The articles that govern the step; recorded with it. */
  basis: Citation[];
  /** The articles that say who takes the step, where not all of `basis` does; cited when the role is wrong. */
  roleBasis?: Citation[];
  /** Phases in which the step may be taken; undefined: any open phase. */
  phases?: readonly Phase[];
  /** Allowed while the decision is postponed or suspended. */
  duringHold?: boolean;
  shape(p: Payloads[K]): void;
  /** Preconditions that do not depend on the payload; also what makes a step an open task. */
  when?(s: ProcedureState): void;
  validate?(s: ProcedureState, p: Payloads[K], actor: Actor, ctx: StepContext): void;
  periods?(s: ProcedureState, p: Payloads[K], ctx: StepContext): PeriodRequest[];
  apply(s: ProcedureState, p: Payloads[K], actor: Actor, ctx: StepContext, periods: PeriodResult[]): void;
}

// ---------- payload guards: each names the article that needs the field ----------

function need(ok: unknown, field: string, what: Bilingual, basis: Citation): void {
  if (!ok) refuse(R.InvalidPayload, { zh: `${field}：${what.zh}`, en: `${field} ${what.en}` }, basis);
}
const BOOL: Bilingual = { zh: '必须为 true 或 false', en: 'must be true or false' };
const isStr = (v: unknown, max = 2000): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max;
const isHash = (v: unknown): v is string => typeof v === 'string' && HASH_PATTERN.test(v);
const isTime = (v: unknown): boolean => parseInstant(v) !== undefined;
const str = (v: unknown, field: string, basis: Citation, max?: number) => need(isStr(v, max), field, { zh: '必须是非空文本', en: 'must be a non-empty text' }, basis);
const hash = (v: unknown, field: string, basis: Citation) => need(isHash(v), field, { zh: '必须是文件哈希值（sha256: 或 sm3: 后接64位十六进制数字）', en: "must be a document hash ('sha256:' or 'sm3:' and 64 hex digits)" }, basis);
const optHash = (v: unknown, field: string, basis: Citation) => v === undefined || hash(v, field, basis);
const oneOf = (v: unknown, values: readonly string[], field: string, basis: Citation) => need(values.includes(v as string), field, { zh: `必须是以下之一：${values.join('、')}`, en: `must be one of ${values.join(', ')}` }, basis);
const list = (v: unknown, field: string, basis: Citation, min = 0): v is unknown[] => {
  need(Array.isArray(v) && v.length >= min && v.length <= 1000, field, min ? { zh: `必须是列表，至少列出${min}项`, en: `must list at least ${min}` } : { zh: '必须是列表', en: 'must be a list' }, basis);
  return true;
};

// ---------- shared predicates ----------

function lastMaterialVersion(s: ProcedureState): number {
  return Math.max(0, ...s.drafts.filter((d) => d.material).map((d) => d.version));
}
const draftVersion = (s: ProcedureState) => currentDraft(s)?.version ?? 0;

export function publicParticipationDone(s: ProcedureState): boolean {
  if (!s.applicability) return false;
  if (!s.applicability.publicParticipation.required) return true;
  const pp = s.publicParticipation;
  return !!pp?.adoptionReport && pp.draftVersion >= lastMaterialVersion(s);
}
export function expertDone(s: ProcedureState): boolean {
  if (!s.applicability) return false;
  if (!s.applicability.expertArgumentation.required) return true;
  return !!s.expert?.completed && s.expert.draftVersion >= lastMaterialVersion(s);
}
export function riskDone(s: ProcedureState): boolean {
  if (!s.applicability) return false;
  const r = s.applicability.riskAssessment;
  if (!r.required || r.priorAssessmentRef) return true;
  return !!s.risk && s.risk.controllable && s.risk.draftVersion >= lastMaterialVersion(s);
}
/** A passing legality review of the very draft now on the table (Art. 25; a revision needs a new review). */
export function legalityPassed(s: ProcedureState): boolean {
  const o = s.legality?.opinion;
  return !!o && (o.outcome === 'lawful' || o.outcome === 'exploratory') && s.legality!.draftVersion === draftVersion(s);
}

function deadline(s: ProcedureState, id: string | undefined): Deadline | undefined {
  return s.deadlines.find((d) => d.id === id);
}

function startDeadline(
  s: ProcedureState,
  d: Pick<Deadline, 'id' | 'label' | 'basis' | 'type' | 'unit' | 'days'> & { shortenedReason?: string },
  period: PeriodResult,
  ctx: StepContext,
): Deadline {
  const remindAt = d.type === 'maximum' ? period.end - ctx.profile.reminderDays * DAY : undefined;
  const deadline: Deadline = {
    ...d,
    startedAt: ctx.now,
    dueAt: period.end,
    remindAt,
    reminded: false,
    status: 'running',
    calendarVersion: period.calendarVersion,
    provisional: period.provisional,
    tolled: [],
    usedWorkingDays: 0,
  };
  s.deadlines = [...s.deadlines.filter((x) => x.id !== d.id), deadline];
  return deadline;
}

function settle(s: ProcedureState, id: string | undefined, status: 'met' | 'cancelled', shortenedReason?: string): void {
  const d = deadline(s, id);
  if (!d || d.status === 'elapsed' || d.status === 'met' || d.status === 'cancelled') return;
  d.status = status;
  if (shortenedReason) d.shortenedReason = shortenedReason;
}

function separate(actor: Actor, s: ProcedureState, what: Bilingual, basis: Citation): void {
  if (actor.organisation === s.undertakingUnit) {
    refuse(R.SeparationOfDuties, { zh: `决策承办单位（${s.undertakingUnit}）不得对本单位起草的决策草案${what.zh}`, en: `${what.en} cannot be done by the undertaking unit (${s.undertakingUnit}) of its own draft` }, basis);
  }
}

// ---------- the rules, action by action ----------

const PRE_DECISION: readonly Phase[] = [Phase.Drafting, Phase.Consultation, Phase.LegalityReview, Phase.Discussion];

const rules: { [K in ActionName]: Rule<K> } = {
  submitDraft: {
    roles: [Role.UndertakingUnit],
    basis: [art(12), art(13)],
    roleBasis: [art(11), art(12)],
    phases: [Phase.Drafting, Phase.Consultation],
    shape(p) {
      hash(p.documentHash, 'documentHash', art(12));
      hash(p.explanationHash, 'explanationHash', art(15));
      if (p.alternatives !== undefined) {
        list(p.alternatives, 'alternatives', art(12));
        p.alternatives.forEach((a, i) => {
          str(a?.title, `alternatives.${i}.title`, art(12), 300);
          hash(a?.documentHash, `alternatives.${i}.documentHash`, art(12));
        });
      }
      optHash(p.comparisonHash, 'comparisonHash', art(12));
      if (p.reason !== undefined) str(p.reason, 'reason', art(18));
    },
    validate(s, p) {
      if ((p.alternatives?.length ?? 0) >= 2 && !p.comparisonHash) {
        refuse(R.MissingDocument, { zh: '提出两个以上方案的，应当附方案比较说明（comparisonHash）', en: 'two or more alternatives need the comparison of them (comparisonHash)' }, art(12));
      }
      if (s.drafts.length > 0 && !p.reason) refuse(R.ReasonRequired, { zh: '修改后的决策草案应当说明修改理由', en: 'a revised draft needs the reason for the revision' }, art(18), art(27));
      if (s.drafts.length > 0 && p.material === undefined) {
        refuse(R.InvalidPayload, { zh: '修改后的决策草案应当载明是否属于实质性修改（material），以确定是否重新征求公众意见', en: 'a revised draft must say whether the change is substantial (material), which decides whether the public is consulted again' }, art(18));
      }
    },
    apply(s, p, actor, ctx) {
      const first = s.drafts.length === 0;
      s.drafts.push({
        version: s.drafts.length + 1,
        documentHash: p.documentHash,
        explanationHash: p.explanationHash,
        alternatives: p.alternatives ?? [],
        comparisonHash: p.comparisonHash,
        material: first || p.material === true,
        reason: p.reason,
        by: actor.id,
        at: ctx.now,
      });
      if (s.applicability) s.phase = Phase.Consultation;
    },
  },

  declareApplicability: {
    roles: [Role.UndertakingUnit],
    basis: [art(14), art(19), art(22)],
    phases: [Phase.Drafting, Phase.Consultation],
    shape(p) {
      const pp = p.publicParticipation as { required?: unknown; nonDisclosureBasis?: unknown } | undefined;
      need(pp && typeof pp.required === 'boolean', 'publicParticipation.required', BOOL, art(14));
      if (pp?.required === false) str(pp.nonDisclosureBasis, 'publicParticipation.nonDisclosureBasis', art(14));
      need(typeof p.hearingRequired === 'boolean', 'hearingRequired', BOOL, art(16));
      need(typeof p.expertArgumentation?.required === 'boolean', 'expertArgumentation.required', BOOL, art(19));
      str(p.expertArgumentation?.reason, 'expertArgumentation.reason', art(19));
      need(typeof p.riskAssessment?.required === 'boolean', 'riskAssessment.required', BOOL, art(22));
      str(p.riskAssessment?.reason, 'riskAssessment.reason', art(22));
      if (p.riskAssessment?.priorAssessmentRef !== undefined) str(p.riskAssessment.priorAssessmentRef, 'riskAssessment.priorAssessmentRef', art(22, 2));
      need(typeof p.affectsMarket === 'boolean', 'affectsMarket', BOOL, art(29));
    },
    validate(s, p, _a, ctx) {
      if (s.publicParticipation || s.expert || s.risk) {
        refuse(R.WrongStage, { zh: '公众参与、专家论证或者风险评估已经开始，适用的决策程序不得再行变更', en: 'which stages apply is fixed once public participation, expert argumentation or risk assessment has begun' }, art(14), art(19), art(22));
      }
      if (ctx.profile.publicCommentRequired.value && !p.publicParticipation.required && !('nonDisclosureBasis' in p.publicParticipation)) {
        refuse(R.InvalidPayload, { zh: '只有依法不予公开的决策事项，才可以不开展公众参与', en: 'public participation may be left out only for a matter that may lawfully not be disclosed' }, art(14));
      }
      if (!p.publicParticipation.required && p.hearingRequired) {
        refuse(R.InvalidPayload, { zh: '不开展公众参与的决策事项，不能要求召开听证会', en: 'a hearing cannot be required for a matter exempt from public participation' }, art(14), art(16));
      }
    },
    apply(s, p) {
      s.applicability = structuredCloneJson(p);
      if (s.drafts.length) s.phase = Phase.Consultation;
    },
  },

  openPublicComment: {
    roles: [Role.UndertakingUnit],
    basis: [art(15)],
    phases: [Phase.Consultation],
    shape(p) {
      need(Number.isInteger(p.days) && p.days >= 1 && p.days <= 365, 'days', { zh: '必须是1至365之间的整数天数', en: 'must be a whole number of days from 1 to 365' }, art(15));
      list(p.channels, 'channels', art(15), 1);
      p.channels.forEach((c, i) => str(c, `channels.${i}`, art(15), 200));
      if (p.shortenedReason !== undefined) str(p.shortenedReason, 'shortenedReason', art(15));
    },
    validate(s, p, _a, ctx) {
      requirePublicParticipation(s);
      const pp = s.publicParticipation;
      if (pp && pp.draftVersion >= lastMaterialVersion(s) && pp.comment && !pp.comment.closedAt) {
        refuse(R.Duplicate, { zh: '本决策草案的公开征求意见已经开始', en: 'a public comment period on this draft is already open' }, art(15));
      }
      if (pp && pp.draftVersion >= lastMaterialVersion(s) && pp.adoptionReport) {
        refuse(R.WrongStage, { zh: '本决策草案的公众参与已经完成；草案作实质性修改的，方可重新征求意见', en: 'public participation on this draft is complete; a substantially changed draft reopens it' }, art(18));
      }
      const min = ctx.profile.minCommentDays;
      if (p.days < min.value && !p.shortenedReason) {
        refuse(R.ReasonRequired, { zh: `公开征求意见期限少于${min.value}日的，应当在征求意见时说明理由`, en: `a comment period shorter than ${min.value} days must state the reason when it opens` }, min.basis);
      }
    },
    periods: (_s, p, ctx) => [{ kind: 'calendar', start: ctx.now, days: p.days }],
    apply(s, p, _a, ctx, [period]) {
      const fresh = !s.publicParticipation || s.publicParticipation.draftVersion < lastMaterialVersion(s);
      if (fresh) s.publicParticipation = { draftVersion: draftVersion(s), hearings: [], otherForms: [] };
      const pp = s.publicParticipation!;
      pp.draftVersion = draftVersion(s);
      const id = `public-comment-v${pp.draftVersion}`;
      startDeadline(s, { id, label: '公开征求意见期 (public comment period)', basis: art(15), type: 'minimum', unit: 'calendar', days: p.days, shortenedReason: p.shortenedReason }, period, ctx);
      pp.comment = { deadlineId: id, channels: p.channels, openedAt: ctx.now, days: p.days, shortenedReason: p.shortenedReason };
    },
  },

  closePublicComment: {
    roles: [Role.UndertakingUnit],
    basis: [art(15)],
    phases: [Phase.Consultation],
    shape() {},
    when(s) {
      const c = s.publicParticipation?.comment;
      if (!c || c.closedAt) refuse(R.WrongStage, { zh: '没有正在进行的公开征求意见', en: 'no public comment period is open' }, art(15));
    },
    validate(s, _p, _a, ctx) {
      const c = s.publicParticipation!.comment!;
      const d = deadline(s, c.deadlineId)!;
      if (d.status === 'running' && d.dueAt !== undefined && ctx.now < d.dueAt) {
        refuse(R.PeriodRunning, { zh: `公开征求意见期限至${isoMinute(d.dueAt)}届满，不得提前结束`, en: `the comment period runs until ${isoMinute(d.dueAt)} and cannot be closed early` }, art(15));
      }
    },
    apply(s, _p, _a, ctx) {
      const c = s.publicParticipation!.comment!;
      c.closedAt = ctx.now;
      const d = deadline(s, c.deadlineId)!;
      if (d.status === 'running') d.status = 'elapsed';
    },
  },

  scheduleHearing: {
    roles: [Role.UndertakingUnit],
    basis: [art(16)],
    phases: [Phase.Consultation],
    shape(p) {
      str(p.hearingId, 'hearingId', art(16), 100);
      need(isTime(p.date), 'date', { zh: `必须是${INSTANT_FORMAT.zh}`, en: `must be ${INSTANT_FORMAT.en}` }, art(16));
      hash(p.selectionMethodHash, 'selectionMethodHash', art(16));
      list(p.participants, 'participants', art(16), 1);
      p.participants.forEach((x, i) => {
        str(x?.id, `participants.${i}.id`, art(16), 100);
        str(x?.name, `participants.${i}.name`, art(16), 200);
        need(typeof x?.interested === 'boolean', `participants.${i}.interested`, BOOL, art(16));
      });
    },
    validate(s, p, _a, ctx) {
      requirePublicParticipation(s);
      const held = currentParticipation(s)?.hearings.find((h) => h.id === p.hearingId)?.held;
      if (held) refuse(R.Duplicate, { zh: `听证会 ${p.hearingId} 已经举行`, en: `hearing ${p.hearingId} has already been held` }, art(17));
      const lead = ctx.profile.hearingNoticeLeadDays;
      if (instantMs(p.date) < ctx.now + lead.value * DAY) {
        refuse(R.NoticeTooShort, { zh: `听证会的时间、地点和听证参加人名单应当至少提前${lead.value}日公布`, en: `the hearing's time, place and participants must be published at least ${lead.value} day(s) ahead` }, lead.basis);
      }
      const share = ctx.profile.hearingInterestedShare;
      const interested = p.participants.filter((x) => x.interested).length / p.participants.length;
      if (interested < share.value) {
        refuse(R.PrerequisiteMissing, {
          zh: `利害关系人代表应当不少于听证参加人的${share.value * 100}%（现为${Math.round(interested * 100)}%）`,
          en: `interested parties must be at least ${share.value * 100}% of hearing participants (now ${Math.round(interested * 100)}%)`,
        }, share.basis);
      }
    },
    apply(s, p, _a, ctx) {
      const pp = ensureParticipation(s);
      pp.hearings = [
        ...pp.hearings.filter((h) => h.id !== p.hearingId),
        { id: p.hearingId, date: instantMs(p.date), noticePublishedAt: ctx.now, selectionMethodHash: p.selectionMethodHash, participants: p.participants },
      ];
    },
  },

  deliverHearingMaterials: {
    roles: [Role.UndertakingUnit],
    basis: [art(16)],
    phases: [Phase.Consultation],
    shape(p) {
      str(p.hearingId, 'hearingId', art(16), 100);
    },
    validate(s, p, _a, ctx) {
      const h = currentParticipation(s)?.hearings.find((x) => x.id === p.hearingId);
      if (!h) refuse(R.PrerequisiteMissing, { zh: `未安排听证会 ${p.hearingId}`, en: `no hearing ${p.hearingId} is scheduled` }, art(16));
      const lead = ctx.profile.hearingMaterialsLeadDays;
      if (ctx.now > h.date - lead.value * DAY) {
        refuse(R.NoticeTooShort, {
          zh: `听证会材料应当于听证会（${isoMinute(h.date)}）${lead.value}日前送达听证参加人；请重新安排听证会`,
          en: `hearing materials must reach participants at least ${lead.value} days before the hearing (${isoMinute(h.date)}); reschedule the hearing`,
        }, lead.basis);
      }
    },
    apply(s, p, _a, ctx) {
      currentParticipation(s)!.hearings.find((x) => x.id === p.hearingId)!.materialsDeliveredAt = ctx.now;
    },
  },

  recordHearing: {
    roles: [Role.UndertakingUnit],
    basis: [art(16), art(17)],
    phases: [Phase.Consultation],
    shape(p) {
      str(p.hearingId, 'hearingId', art(17), 100);
      hash(p.transcriptHash, 'transcriptHash', art(17));
      list(p.signedBy, 'signedBy', art(17));
      if (p.refusals !== undefined) list(p.refusals, 'refusals', art(17));
      (p.refusals ?? []).forEach((r, i) => {
        str(r?.participantId, `refusals.${i}.participantId`, art(17));
        str(r?.witness, `refusals.${i}.witness`, art(17));
      });
    },
    validate(s, p, _a, ctx) {
      const h = currentParticipation(s)?.hearings.find((x) => x.id === p.hearingId);
      if (!h) refuse(R.PrerequisiteMissing, { zh: `未安排听证会 ${p.hearingId}`, en: `no hearing ${p.hearingId} is scheduled` }, art(16));
      if (h.held) refuse(R.Duplicate, { zh: `听证会 ${p.hearingId} 的记录已经提交`, en: `hearing ${p.hearingId} is already recorded` }, art(17));
      if (ctx.now < h.date) refuse(R.PeriodRunning, { zh: `听证会定于${isoMinute(h.date)}举行，举行前不得提交听证记录`, en: `the hearing is scheduled for ${isoMinute(h.date)} and cannot be recorded before it is held` }, art(16));
      const lead = ctx.profile.hearingMaterialsLeadDays;
      if (h.materialsDeliveredAt === undefined || h.materialsDeliveredAt > h.date - lead.value * DAY) {
        refuse(R.NoticeTooShort, { zh: `听证会材料未在听证会${lead.value}日前送达听证参加人，应当重新举行听证会`, en: `the materials did not reach participants ${lead.value} days before the hearing; hold it again` }, lead.basis);
      }
      const accounted = new Set([...p.signedBy, ...(p.refusals ?? []).map((r) => r.participantId)]);
      const missing = h.participants.filter((x) => !accounted.has(x.id)).map((x) => x.id);
      if (missing.length) refuse(R.MissingDocument, {
          zh: `听证会记录应当经每位听证参加人确认并签字，拒绝签字的应当有见证人记录在案；缺少：${missing.join('、')}`,
          en: `the hearing record must be signed by every participant, or a refusal recorded with a witness; missing: ${missing.join(', ')}`,
        }, art(17));
    },
    apply(s, p, _a, ctx) {
      const h = currentParticipation(s)!.hearings.find((x) => x.id === p.hearingId)!;
      h.held = { transcriptHash: p.transcriptHash, signedBy: p.signedBy, refusals: p.refusals ?? [], at: ctx.now };
    },
  },

  recordParticipationForm: {
    roles: [Role.UndertakingUnit],
    basis: [art(14)],
    phases: [Phase.Consultation],
    shape(p) {
      oneOf(p.form, ['symposium', 'site_visit', 'written_solicitation', 'questionnaire', 'poll', 'group_consultation'], 'form', art(14));
      hash(p.recordHash, 'recordHash', art(14));
    },
    validate: (s) => requirePublicParticipation(s),
    apply(s, p, _a, ctx) {
      ensureParticipation(s).otherForms.push({ form: p.form, recordHash: p.recordHash, at: ctx.now });
    },
  },

  submitAdoptionReport: {
    roles: [Role.UndertakingUnit],
    basis: [art(18)],
    phases: [Phase.Consultation],
    shape(p) {
      hash(p.reportHash, 'reportHash', art(18));
      list(p.groups, 'groups', art(18), 1);
      p.groups.forEach((g, i) => {
        hash(g?.groupHash, `groups.${i}.groupHash`, art(18));
        oneOf(g?.response, ['adopted', 'partly_adopted', 'not_adopted'], `groups.${i}.response`, art(18));
        if (g?.response !== 'adopted') str(g?.reason, `groups.${i}.reason`, art(18));
        if (g?.commentHashes !== undefined) {
          list(g.commentHashes, `groups.${i}.commentHashes`, art(18));
          g.commentHashes.forEach((c, j) => hash(c, `groups.${i}.commentHashes.${j}`, art(18)));
        }
      });
      const all = p.groups.flatMap((g) => g.commentHashes ?? []);
      need(new Set(all).size === all.length, 'groups', { zh: '每条意见只能在一个分组中答复', en: 'must answer each comment in one group only' }, art(18));
    },
    validate(s, _p, _a, ctx) {
      requirePublicParticipation(s);
      const pp = currentParticipation(s);
      if (pp?.adoptionReport) refuse(R.Duplicate, { zh: '本决策草案的意见研究采纳情况已经提交', en: 'the adoption report for this draft is already submitted' }, art(18));
      if (pp?.comment && !pp.comment.closedAt) refuse(R.PeriodRunning, { zh: '公开征求意见结束后，方可提交意见研究采纳情况', en: 'the public comment period must close before opinions are reported on' }, art(15), art(18));
      if (ctx.profile.publicCommentRequired.value && !pp?.comment?.closedAt) {
        refuse(R.PrerequisiteMissing, { zh: '应当向社会公开征求意见，并在期限届满后结束', en: 'a public comment period must be held and closed' }, ctx.profile.publicCommentRequired.basis);
      }
      const pending = pp?.hearings.filter((h) => !h.held).map((h) => h.id) ?? [];
      if (pending.length) refuse(R.PrerequisiteMissing, { zh: `已安排的听证会尚未举行：${pending.join('、')}`, en: `scheduled hearings not yet held: ${pending.join(', ')}` }, art(16), art(17));
      if (s.applicability!.hearingRequired && !pp?.hearings.some((h) => h.held)) refuse(R.PrerequisiteMissing, { zh: '本事项应当召开听证会，但尚未举行', en: 'a hearing is required and none has been held' }, art(16));
      if (!pp || (!pp.comment?.closedAt && !pp.hearings.some((h) => h.held) && pp.otherForms.length === 0)) {
        refuse(R.PrerequisiteMissing, { zh: '本决策草案尚未完成任何形式的公众参与', en: 'no form of public participation has been completed on this draft' }, art(14));
      }
    },
    apply(s, p, _a, ctx) {
      currentParticipation(s)!.adoptionReport = { reportHash: p.reportHash, groups: p.groups, at: ctx.now };
    },
  },

  appointExpertPanel: {
    roles: [Role.UndertakingUnit],
    basis: [art(19), art(20)],
    phases: [Phase.Consultation],
    shape(p) {
      oneOf(p.form, ['meeting', 'written', 'commissioned'], 'form', art(20));
      list(p.experts, 'experts', art(19), 1);
      p.experts.forEach((e, i) => {
        str(e?.id, `experts.${i}.id`, art(20), 100);
        str(e?.name, `experts.${i}.name`, art(20), 200);
        str(e?.organisation, `experts.${i}.organisation`, art(20), 200);
        str(e?.field, `experts.${i}.field`, art(20), 200);
        need(typeof e?.directInterest === 'boolean', `experts.${i}.directInterest`, { zh: '必须申报（true 或 false）', en: 'must be declared (true or false)' }, art(20));
      });
    },
    validate(s, p, actor, ctx) {
      if (!s.applicability?.expertArgumentation.required) refuse(R.WrongStage, { zh: '本事项已确定不适用专家论证', en: 'expert argumentation was declared not applicable' }, art(19));
      if (s.expert && s.expert.draftVersion >= lastMaterialVersion(s)) refuse(R.Duplicate, { zh: '本决策草案已选定论证专家', en: 'an expert panel already argues this draft' }, art(20));
      const conflicted = p.experts.filter((e) => e.directInterest).map((e) => e.name);
      if (conflicted.length) refuse(R.ConflictOfInterest, { zh: `不得选择与决策事项有直接利害关系的专家：${conflicted.join('、')}`, en: `experts with a direct interest in the matter must be excluded: ${conflicted.join(', ')}` }, art(20));
      if (p.experts.some((e) => e.id === actor.id)) refuse(R.SeparationOfDuties, { zh: '选定论证专家的人员不得本人参加论证', en: 'the person who appoints the panel cannot sit on it' }, art(20));
      if (new Set(p.experts.map((e) => e.id)).size !== p.experts.length) refuse(R.InvalidPayload, { zh: '同一专家被重复列入', en: 'an expert is listed twice' }, art(20));
      const min = ctx.profile.minExperts;
      if (p.experts.length < min.value) refuse(R.PrerequisiteMissing, { zh: `论证专家不得少于${min.value}人`, en: `the panel needs at least ${min.value} experts` }, min.basis);
    },
    apply(s, p, actor) {
      s.expert = {
        draftVersion: draftVersion(s),
        appointedBy: actor.id,
        form: p.form,
        panel: p.experts.map(({ id, name, organisation, field }) => ({ id, name, organisation, field })),
        opinions: [],
      };
    },
  },

  submitExpertOpinion: {
    roles: [Role.Expert],
    basis: [art(19)],
    phases: [Phase.Consultation],
    shape(p) {
      hash(p.opinionHash, 'opinionHash', art(19));
      need(p.signed === true, 'signed', { zh: '必须为 true：书面论证意见应当署名、盖章', en: 'must be true: written expert opinions are signed' }, art(19));
    },
    validate(s, _p, actor) {
      const e = s.expert;
      if (!e || e.draftVersion < lastMaterialVersion(s)) refuse(R.PrerequisiteMissing, { zh: '本决策草案尚未选定论证专家', en: 'no expert panel has been appointed for this draft' }, art(20));
      if (!e.panel.some((x) => x.id === actor.id)) refuse(R.WrongRole, { zh: `${actor.name}不是选定的论证专家`, en: `${actor.name} is not on the expert panel` }, art(20));
      if (e.opinions.some((o) => o.expertId === actor.id)) refuse(R.Duplicate, { zh: `${actor.name}已经提交论证意见`, en: `${actor.name} has already given an opinion` }, art(19));
      if (e.completed) refuse(R.WrongStage, { zh: '本决策草案的专家论证已经完成', en: 'expert argumentation on this draft is complete' }, art(19));
    },
    apply(s, p, actor, ctx) {
      s.expert!.opinions.push({ expertId: actor.id, opinionHash: p.opinionHash, at: ctx.now });
    },
  },

  completeExpertArgumentation: {
    roles: [Role.UndertakingUnit],
    basis: [art(19), art(29)],
    roleBasis: [art(19), art(20)],
    phases: [Phase.Consultation],
    shape(p) {
      hash(p.adoptionReportHash, 'adoptionReportHash', art(29));
    },
    validate(s) {
      const e = s.expert;
      if (!e || e.draftVersion < lastMaterialVersion(s)) refuse(R.PrerequisiteMissing, { zh: '本决策草案尚未选定论证专家', en: 'no expert panel has been appointed for this draft' }, art(20));
      if (e.completed) refuse(R.Duplicate, { zh: '专家论证已经完成', en: 'expert argumentation is already complete' }, art(19));
      const missing = e.panel.filter((x) => !e.opinions.some((o) => o.expertId === x.id)).map((x) => x.name);
      if (missing.length) refuse(R.MissingDocument, { zh: `以下专家尚未提交署名的书面论证意见：${missing.join('、')}`, en: `signed written opinions missing from: ${missing.join(', ')}` }, art(19));
    },
    apply(s, p, _a, ctx) {
      s.expert!.completed = { adoptionReportHash: p.adoptionReportHash, at: ctx.now };
    },
  },

  submitRiskAssessment: {
    roles: [Role.RiskAssessor],
    basis: [art(22), art(23), art(24)],
    roleBasis: [art(22), art(23)],
    phases: [Phase.Consultation],
    shape(p) {
      oneOf(p.level, ['low', 'medium', 'high'], 'level', art(23));
      need(typeof p.controllable === 'boolean', 'controllable', BOOL, art(24));
      hash(p.reportHash, 'reportHash', art(23));
      need(typeof p.thirdParty === 'boolean', 'thirdParty', BOOL, art(23));
    },
    validate(s) {
      const a = s.applicability?.riskAssessment;
      if (!a?.required) refuse(R.WrongStage, { zh: '本事项已确定不适用风险评估', en: 'risk assessment was declared not applicable' }, art(22));
      if (a.priorAssessmentRef) refuse(R.WrongStage, { zh: '有关风险已按照有关规定进行评估，不作重复评估', en: 'the risk was already assessed under other rules and is not assessed again' }, art(22, 2));
      if (s.risk && s.risk.draftVersion === draftVersion(s)) {
        refuse(
          s.risk.controllable ? R.Duplicate : R.RiskUncontrollable,
          s.risk.controllable
            ? { zh: '本决策草案已经进行风险评估', en: 'this draft has already been assessed' }
            : { zh: '本决策草案的风险经评估不可控，应当调整草案后再行评估', en: 'the risk of this draft was found uncontrollable: adjust the draft before it is assessed again' },
          art(24),
        );
      }
    },
    apply(s, p, actor, ctx) {
      s.risk = {
        draftVersion: draftVersion(s),
        assessor: { id: actor.id, organisation: actor.organisation, thirdParty: p.thirdParty },
        level: p.level,
        controllable: p.controllable,
        reportHash: p.reportHash,
        at: ctx.now,
      };
    },
  },

  submitForLegalityReview: {
    roles: [Role.UndertakingUnit],
    basis: [art(25), art(26), art(27)],
    phases: [Phase.Consultation],
    shape(p) {
      hash(p.materialsHash, 'materialsHash', art(26));
      hash(p.procedureExplanationHash, 'procedureExplanationHash', art(26));
    },
    validate(s) {
      if (!s.applicability || !s.drafts.length) refuse(R.PrerequisiteMissing, { zh: '应当先提交决策草案并确定适用的决策程序', en: 'a draft and the declaration of applicable stages come first' }, art(12), art(26));
      if (!publicParticipationDone(s)) refuse(R.PrerequisiteMissing, {
          zh: '本决策草案的公众参与及意见研究采纳情况完成后，方可送请合法性审查',
          en: 'public participation on this draft, with the report on adopted opinions, must be complete before legality review',
        }, art(14), art(18), art(27));
      if (!expertDone(s)) refuse(R.PrerequisiteMissing, { zh: '本决策草案的专家论证完成后，方可送请合法性审查', en: 'expert argumentation on this draft must be complete before legality review' }, art(19), art(27));
      if (s.risk && !s.risk.controllable && s.risk.draftVersion === draftVersion(s)) {
        refuse(R.RiskUncontrollable, { zh: '风险经评估不可控，应当调整决策草案并重新评估后再送审', en: 'the risk was found uncontrollable: adjust the draft and have it reassessed before submitting' }, art(24));
      }
      if (!riskDone(s)) refuse(R.PrerequisiteMissing, {
          zh: '本决策草案的风险评估完成且风险可控后，方可送请合法性审查',
          en: 'risk assessment of this draft must be complete, with a controllable risk, before legality review',
        }, art(22), art(24), art(27));
      const prior = s.legality;
      if (prior && prior.draftVersion === draftVersion(s)) {
        refuse(
          R.PrerequisiteMissing,
          prior.opinion
            ? { zh: '本决策草案已经过合法性审查；应当根据审查意见修改后，提交修改后的草案', en: 'this draft has been reviewed already; revise it as the opinion requires and submit the revision' }
            : { zh: '本决策草案正在进行合法性审查', en: 'this draft is already under review' },
          art(28),
        );
      }
    },
    periods(_s, _p, ctx) {
      const out: PeriodRequest[] = [{ kind: 'working', start: ctx.now, days: ctx.profile.legalityReviewMinWorkingDays.value }];
      const max = ctx.profile.legalityReviewMaxWorkingDays.value;
      if (max !== undefined) out.push({ kind: 'working', start: ctx.now, days: max });
      return out;
    },
    apply(s, p, actor, ctx, [minPeriod, maxPeriod]) {
      const v = draftVersion(s);
      const minId = `legality-review-min-v${v}`;
      startDeadline(s, { id: minId, label: '合法性审查期 (legality review period)', basis: ctx.profile.legalityReviewMinWorkingDays.basis, type: 'minimum', unit: 'working', days: ctx.profile.legalityReviewMinWorkingDays.value }, minPeriod, ctx);
      let maxId: string | undefined;
      if (maxPeriod) {
        maxId = `legality-review-max-v${v}`;
        startDeadline(s, { id: maxId, label: '合法性审查时限 (legality review time limit)', basis: ctx.profile.legalityReviewMaxWorkingDays.basis, type: 'maximum', unit: 'working', days: ctx.profile.legalityReviewMaxWorkingDays.value! }, maxPeriod, ctx);
      }
      s.legality = { draftVersion: v, submittedBy: actor.id, submittedAt: ctx.now, materialsHash: p.materialsHash, minDeadlineId: minId, maxDeadlineId: maxId, legalOpinions: [] };
      s.phase = Phase.LegalityReview;
    },
  },

  pauseLegalityReview: {
    roles: [Role.LegalityReviewer],
    basis: [art(26)],
    phases: [Phase.LegalityReview],
    shape(p) {
      oneOf(p.kind, ['supplement', 'consultation', 'expert_advice'], 'kind', art(26));
      str(p.reason, 'reason', art(26));
    },
    when(s) {
      if (s.legality!.paused) refuse(R.WrongStage, { zh: '合法性审查已经暂停', en: 'the review is already paused' }, art(26));
    },
    validate(s, _p, actor) {
      separate(actor, s, { zh: '进行合法性审查', en: 'legality review' }, art(25));
    },
    periods(s, _p, ctx) {
      return reviewDeadlines(s).map((d) => ({ kind: 'count' as const, start: lastRestart(d), until: ctx.now }));
    },
    apply(s, p, actor, ctx, counts) {
      reviewDeadlines(s).forEach((d, i) => {
        d.usedWorkingDays = (d.usedWorkingDays ?? 0) + (counts[i]?.count ?? 0);
        d.status = 'paused';
        d.tolled.push({ from: ctx.now, reason: `${p.kind}: ${p.reason}` });
      });
      s.legality!.paused = { kind: p.kind, reason: p.reason, at: ctx.now, by: actor.id };
    },
  },

  resumeLegalityReview: {
    roles: [Role.UndertakingUnit, Role.LegalityReviewer],
    basis: [art(26)],
    phases: [Phase.LegalityReview],
    shape(p) {
      optHash(p.materialsHash, 'materialsHash', art(26));
    },
    when(s) {
      if (!s.legality!.paused) refuse(R.WrongStage, { zh: '合法性审查未暂停', en: 'the review is not paused' }, art(26));
    },
    validate(s, p, actor) {
      const paused = s.legality!.paused!;
      if (paused.kind === 'supplement') {
        if (actor.role !== Role.UndertakingUnit) refuse(R.WrongRole, { zh: '因补充材料暂停的审查，由决策承办单位补充材料后恢复', en: 'the review resumes when the undertaking unit supplies the materials' }, art(26));
        if (!p.materialsHash) refuse(R.MissingDocument, { zh: '应当提交补充的材料（materialsHash）', en: 'the supplemented materials (materialsHash) are required' }, art(26));
      } else if (actor.role !== Role.LegalityReviewer) {
        refuse(R.WrongRole, { zh: '因征求意见或者专家咨询暂停的审查，由负责合法性审查的部门恢复', en: 'a review paused for consultation resumes by the reviewing department' }, art(26));
      } else {
        separate(actor, s, { zh: '进行合法性审查', en: 'legality review' }, art(25));
      }
    },
    periods(s, _p, ctx) {
      return reviewDeadlines(s).map((d) => ({ kind: 'working' as const, start: ctx.now, days: Math.max(0, d.days - (d.usedWorkingDays ?? 0)) }));
    },
    apply(s, p, _a, ctx, periods) {
      reviewDeadlines(s).forEach((d, i) => {
        const last = d.tolled[d.tolled.length - 1];
        if (last && last.to === undefined) last.to = ctx.now;
        d.status = 'running';
        d.dueAt = periods[i].end;
        d.remindAt = d.type === 'maximum' ? periods[i].end - ctx.profile.reminderDays * DAY : undefined;
        d.reminded = false;
        d.calendarVersion = periods[i].calendarVersion;
        d.provisional = periods[i].provisional;
      });
      if (p.materialsHash) s.legality!.materialsHash = p.materialsHash;
      s.legality!.paused = undefined;
    },
  },

  submitLegalOpinion: {
    roles: [Role.LegalAdviser, Role.PublicLawyer],
    basis: [art(28)],
    phases: [Phase.LegalityReview],
    shape(p) {
      hash(p.opinionHash, 'opinionHash', art(28));
    },
    validate(s, _p, actor) {
      separate(actor, s, { zh: '在合法性审查中提出法律意见', en: 'a legal opinion in the legality review' }, art(28));
      if (s.legality!.legalOpinions.some((o) => o.by === actor.id)) refuse(R.Duplicate, { zh: `${actor.name}已经提出法律意见`, en: `${actor.name} has already given a legal opinion` }, art(28));
    },
    apply(s, p, actor, ctx) {
      s.legality!.legalOpinions.push({ by: actor.id, capacity: actor.role as 'legal_adviser' | 'public_lawyer', opinionHash: p.opinionHash, at: ctx.now });
    },
  },

  issueLegalityOpinion: {
    roles: [Role.LegalityReviewer],
    basis: [art(25), art(27), art(28)],
    roleBasis: [art(25), art(28)],
    phases: [Phase.LegalityReview],
    shape(p) {
      oneOf(p.form, ['review', 'opinion_solicitation', 'countersignature'], 'form', art(25));
      oneOf(p.outcome, ['lawful', 'lawful_with_changes', 'returned', 'unlawful', 'exploratory'], 'outcome', art(28));
      hash(p.opinionHash, 'opinionHash', art(28));
      if (p.outcome === 'lawful_with_changes' || p.outcome === 'returned') str(p.requiredChanges, 'requiredChanges', art(28));
      if (p.outcome === 'exploratory') str(p.legalRisks, 'legalRisks', art(25));
      if (p.earlyReason !== undefined) str(p.earlyReason, 'earlyReason', art(26));
    },
    validate(s, p, actor, ctx) {
      if (p.form !== 'review') refuse(R.NotReplaceable, {
          zh: `不得以${p.form === 'countersignature' ? '会签' : '征求意见'}等方式代替合法性审查`,
          en: `legality review cannot be replaced by ${p.form === 'countersignature' ? 'countersignature' : 'soliciting opinions'}`,
        }, art(25));
      separate(actor, s, { zh: '进行合法性审查', en: 'legality review' }, art(25));
      const l = s.legality!;
      if (l.submittedBy === actor.id) refuse(R.SeparationOfDuties, { zh: '送审人员不得审查本人送审的决策草案', en: 'the person who submitted the draft cannot review it' }, art(25));
      if (l.paused) refuse(R.WrongStage, { zh: `合法性审查已暂停（${l.paused.kind}），应当先恢复审查`, en: `the review is paused (${l.paused.kind}); resume it first` }, art(26));
      if (!l.legalOpinions.length) refuse(R.PrerequisiteMissing, { zh: '应当先组织法律顾问、公职律师提出法律意见', en: 'the opinions of legal advisers or public-sector lawyers must be obtained first' }, art(28));
      const min = deadline(s, l.minDeadlineId);
      if (min?.status === 'running' && min.dueAt !== undefined && ctx.now < min.dueAt && !p.earlyReason) {
        refuse(R.PeriodRunning, {
          zh: `合法性审查应当保证${min.days}个工作日，至${isoMinute(min.dueAt)}；提前出具审查意见的，应当说明理由（earlyReason）`,
          en: `the review is guaranteed ${min.days} working days, until ${isoMinute(min.dueAt)}; an earlier opinion must state why (earlyReason)`,
        }, min.basis);
      }
    },
    apply(s, p, actor, ctx) {
      const l = s.legality!;
      const min = deadline(s, l.minDeadlineId);
      const early = min?.status === 'running' && min.dueAt !== undefined && ctx.now < min.dueAt;
      settle(s, l.minDeadlineId, 'met', early ? p.earlyReason : undefined);
      settle(s, l.maxDeadlineId, 'met');
      l.opinion = { outcome: p.outcome, opinionHash: p.opinionHash, by: actor.id, at: ctx.now, requiredChanges: p.requiredChanges, legalRisks: p.legalRisks, earlyReason: early ? p.earlyReason : undefined };
      // lawful (or exploratory, with its legal risks stated) → discussion; anything else → back to the draft.
      s.phase = p.outcome === 'lawful' || p.outcome === 'exploratory' ? Phase.Discussion : Phase.Drafting;
    },
  },

  recordDiscussion: {
    roles: [Role.MeetingSecretary],
    basis: [art(29), art(30)],
    roleBasis: [art(30)],
    phases: [Phase.Discussion],
    shape(p) {
      str(p.meeting?.kind, 'meeting.kind', art(30), 50);
      need(isTime(p.meeting?.date), 'meeting.date', { zh: `必须是${INSTANT_FORMAT.zh}`, en: `must be ${INSTANT_FORMAT.en}` }, art(30));
      str(p.meeting?.presidingId, 'meeting.presidingId', art(30), 100);
      need(Number.isInteger(p.membersTotal) && p.membersTotal >= 1, 'membersTotal', { zh: '必须是正整数', en: 'must be a positive whole number' }, art(30));
      list(p.members, 'members', art(30), 1);
      p.members.forEach((m, i) => {
        str(m?.id, `members.${i}.id`, art(30), 100);
        str(m?.name, `members.${i}.name`, art(30), 200);
        need(typeof m?.present === 'boolean', `members.${i}.present`, BOOL, art(30));
        if (m?.present) oneOf(m.view, ['agree', 'disagree', 'abstain'], `members.${i}.view`, art(30));
        if (m?.view === 'disagree') str(m.statement, `members.${i}.statement`, art(30));
      });
      need(typeof p.legalAdviserPresent === 'boolean', 'legalAdviserPresent', BOOL, art(30));
      hash(p.minutesHash, 'minutesHash', art(30));
      hash(p.materials?.draftHash, 'materials.draftHash', art(29));
      hash(p.materials?.legalityOpinionHash, 'materials.legalityOpinionHash', art(29));
      for (const k of ['adoptionReportHash', 'expertReportHash', 'riskReportHash', 'fairCompetitionReviewHash'] as const) optHash(p.materials?.[k], `materials.${k}`, art(29));
    },
    validate(s, p, actor, ctx) {
      if (p.meeting.kind !== 'executive' && p.meeting.kind !== 'plenary') {
        refuse(R.NotReplaceable, { zh: `决策草案应当经常务会议或者全体会议讨论，不得以${p.meeting.kind}代替`, en: `a major decision is discussed at the executive or plenary meeting, not by ${p.meeting.kind}` }, art(30));
      }
      separate(actor, s, { zh: '记录集体讨论情况', en: 'recording the collective discussion' }, art(30));
      if (!legalityPassed(s)) refuse(R.PrerequisiteMissing, { zh: '决策草案未经合法性审查或者经审查不合法，不得提交讨论', en: 'a draft not found lawful in legality review cannot be submitted for discussion' }, art(25));
      if (s.discussion && s.discussion.draftVersion === draftVersion(s) && !s.decision) refuse(R.Duplicate, { zh: '本决策草案的集体讨论情况已经记录', en: 'the discussion of this draft is already recorded' }, art(30));
      if (p.members.length > p.membersTotal) refuse(R.InvalidPayload, { zh: '列出的人数多于会议组成人员总数', en: 'more members listed than the meeting has' }, art(30));
      const present = p.members.filter((m) => m.present).length;
      const q = ctx.profile.discussionQuorum;
      if (present / p.membersTotal < q.value) refuse(R.PrerequisiteMissing, {
          zh: `出席人数应当不少于会议组成人员的${q.value * 100}%（现为${p.membersTotal}人中${present}人出席）`,
          en: `at least ${q.value * 100}% of the meeting's members must be present (${present} of ${p.membersTotal})`,
        }, q.basis);
      if (!p.members.some((m) => m.id === p.meeting.presidingId && m.present)) refuse(R.PrerequisiteMissing, { zh: '会议主持人应当是出席的会议组成人员', en: 'the presiding official must be among the members present' }, art(30));
      if (ctx.profile.legalAdviserAtDiscussion.value && !p.legalAdviserPresent) refuse(R.PrerequisiteMissing, { zh: '法律顾问应当列席集体讨论', en: 'a legal adviser attends the discussion' }, ctx.profile.legalAdviserAtDiscussion.basis);
      const m = p.materials;
      const draft = currentDraft(s)!;
      const mismatch = (field: string, given: string | undefined, expected: string | undefined, basis: Citation) => {
        if (given !== expected) {
          refuse(R.MissingDocument, {
            zh: `materials.${field}：${given ? '与在案文件不符' : '缺少该材料'}${expected ? `（应为 ${expected}）` : ''}`,
            en: `materials.${field} ${given ? 'is not the document on record' : 'is missing'}${expected ? ` (expected ${expected})` : ''}`,
          }, basis);
        }
      };
      mismatch('draftHash', m.draftHash, draft.documentHash, art(29));
      mismatch('legalityOpinionHash', m.legalityOpinionHash, s.legality!.opinion!.opinionHash, art(29));
      if (s.applicability!.publicParticipation.required) mismatch('adoptionReportHash', m.adoptionReportHash, s.publicParticipation?.adoptionReport?.reportHash, art(29));
      if (s.applicability!.expertArgumentation.required) mismatch('expertReportHash', m.expertReportHash, s.expert?.completed?.adoptionReportHash, art(29));
      if (s.risk) mismatch('riskReportHash', m.riskReportHash, s.risk.reportHash, art(29));
      if (s.applicability!.affectsMarket && !m.fairCompetitionReviewHash) refuse(R.MissingDocument, { zh: '决策草案涉及市场主体经济活动的，应当报送公平竞争审查情况', en: 'the fair competition review is required for a matter concerning market entities' }, art(29));
    },
    apply(s, p, actor, ctx) {
      s.discussion = {
        draftVersion: draftVersion(s),
        recordedBy: actor.id,
        meeting: { kind: p.meeting.kind as 'executive' | 'plenary', date: instantMs(p.meeting.date), presidingId: p.meeting.presidingId },
        membersTotal: p.membersTotal,
        members: p.members,
        legalAdviserPresent: p.legalAdviserPresent,
        minutesHash: p.minutesHash,
        at: ctx.now,
      };
      s.decision = undefined;
    },
  },

  decide: {
    roles: [Role.ChiefExecutive],
    basis: [art(30)],
    phases: [Phase.Discussion],
    shape(p) {
      oneOf(p.outcome, ['adopt', 'adopt_with_changes', 'not_adopt', 'postpone', 'further_study'], 'outcome', art(30));
      if (p.reasons !== undefined) str(p.reasons, 'reasons', art(30));
      if (p.outcome === 'adopt_with_changes') hash(p.changesHash, 'changesHash', art(30));
      if (p.outcome === 'postpone') need(isTime(p.reviewDate), 'reviewDate', { zh: `必须载明暂缓后再行研究的时间，格式为${INSTANT_FORMAT.zh}`, en: `must be the time the postponed decision is taken up again, as ${INSTANT_FORMAT.en}` }, art(30));
    },
    validate(s, p, actor, ctx) {
      const d = s.discussion;
      if (!d || d.draftVersion !== draftVersion(s) || s.decision) refuse(R.PrerequisiteMissing, { zh: '应当先记录对本决策草案的集体讨论情况，方可作出决定', en: 'the collective discussion of this draft must be recorded first' }, art(30));
      if (!legalityPassed(s)) refuse(R.PrerequisiteMissing, { zh: '决策草案未经合法性审查或者经审查不合法，不得作出决定', en: 'no decision on a draft not found lawful' }, art(25));
      separate(actor, s, { zh: '作出决定', en: 'deciding' }, art(30));
      if (d.recordedBy === actor.id) refuse(R.SeparationOfDuties, { zh: '集体讨论的记录人不得作出决定', en: 'the person who recorded the discussion cannot decide' }, art(30));
      if (!d.members.some((m) => m.id === actor.id && m.present)) refuse(R.PrerequisiteMissing, { zh: '行政首长应当作为出席会议的组成人员，在集体讨论的基础上作出决定', en: 'the chief executive decides at the meeting, after the discussion, as a member present' }, art(30));
      if (againstMajority(s, p.outcome) && !p.reasons) refuse(R.ReasonRequired, { zh: '拟作出的决定与会议组成人员多数人的意见不一致的，应当说明理由（reasons）', en: 'a decision that differs from the majority view must be explained (reasons)' }, art(30));
      if ((p.outcome === 'postpone' || p.outcome === 'further_study' || p.outcome === 'not_adopt') && !p.reasons) {
        refuse(R.ReasonRequired, { zh: `作出${OUTCOME_ZH[p.outcome]}的决定，应当说明理由`, en: `a decision to ${p.outcome.replace('_', ' ')} needs its reasons` }, art(30));
      }
      if (p.outcome === 'postpone' && instantMs(p.reviewDate!) <= ctx.now) refuse(R.InvalidPayload, { zh: 'reviewDate：必须是将来的日期', en: 'reviewDate must be in the future' }, art(30));
    },
    periods(s, p, ctx) {
      const days = ctx.profile.publicationDays.value;
      const adopting = p.outcome === 'adopt' || p.outcome === 'adopt_with_changes';
      return adopting && days !== undefined && s.pendingChange?.kind !== 'terminate' ? [{ kind: 'calendar', start: ctx.now, days }] : [];
    },
    apply(s, p, actor, ctx, [publication]) {
      s.decision = { outcome: p.outcome, by: actor.id, reasons: p.reasons, changesHash: p.changesHash, againstMajority: againstMajority(s, p.outcome), at: ctx.now };
      switch (p.outcome) {
        case 'adopt':
        case 'adopt_with_changes':
          if (s.pendingChange?.kind === 'terminate') {
            close(s, 'terminated');
          } else {
            s.phase = Phase.Decided;
            if (s.hold === Hold.Suspended) clearHold(s);
            if (publication) {
              startDeadline(s, { id: `publication-c${s.cycle}`, label: '决策公布时限 (publication time limit)', basis: ctx.profile.publicationDays.basis, type: 'maximum', unit: 'calendar', days: ctx.profile.publicationDays.value! }, publication, ctx);
            }
          }
          s.pendingChange = undefined;
          break;
        case 'not_adopt':
          if (s.pendingChange) {
            // The proposed change is not adopted: the decision in force stays in execution.
            s.pendingChange = undefined;
            s.phase = Phase.Execution;
          } else close(s, 'not_adopted');
          break;
        case 'postpone':
          s.hold = Hold.Postponed;
          s.holdInfo = { reason: p.reasons!, by: actor.id, at: ctx.now, reviewDate: instantMs(p.reviewDate!) };
          s.decision = undefined;
          s.discussion = undefined;
          break;
        case 'further_study':
          s.phase = Phase.Drafting;
          break;
      }
    },
  },

  reportToPartyCommittee: {
    roles: [Role.UndertakingUnit, Role.ChiefExecutive],
    basis: [art(31)],
    phases: [Phase.Decided],
    shape(p) {
      hash(p.reportHash, 'reportHash', art(31));
    },
    when(s) {
      if (s.partyReport) refuse(R.Duplicate, { zh: '向同级党委请示报告的情况已经记录', en: 'the report to the Party committee is already recorded' }, art(31));
    },
    apply(s, p, actor, ctx) {
      s.partyReport = { reportHash: p.reportHash, at: ctx.now, by: actor.id };
    },
  },

  publish: {
    roles: [Role.UndertakingUnit],
    basis: [art(32)],
    phases: [Phase.Decided],
    shape(p) {
      list(p.channels, 'channels', art(32));
      p.channels.forEach((c, i) => str(c, `channels.${i}`, art(32), 200));
      hash(p.documentHash, 'documentHash', art(32));
      optHash(p.adoptionExplanationHash, 'adoptionExplanationHash', art(32));
    },
    validate(s, p) {
      if (!s.partyReport) refuse(R.PrerequisiteMissing, { zh: '重大行政决策出台前应当向同级党委请示报告', en: 'the decision is reported to the same-level Party committee before it is issued' }, art(31));
      const secret = s.applicability && !s.applicability.publicParticipation.required;
      if (!secret && p.channels.length === 0) refuse(R.InvalidPayload, { zh: '应当载明公布途径（政府公报、政府网站、报纸等）', en: 'name where the decision is published (gazette, website, newspaper)' }, art(32));
    },
    apply(s, p, _a, ctx) {
      const pp = s.applicability!.publicParticipation;
      s.publication = { channels: p.channels, documentHash: p.documentHash, at: ctx.now, nonDisclosureBasis: pp.required ? undefined : pp.nonDisclosureBasis, deadlineId: `publication-c${s.cycle}` };
      settle(s, `publication-c${s.cycle}`, 'met');
      s.phase = Phase.Published;
    },
  },

  archive: {
    roles: [Role.UndertakingUnit],
    basis: [art(33)],
    phases: [Phase.Published],
    shape(p) {
      str(p.archiveRef, 'archiveRef', art(33), 200);
    },
    apply(s, p, _a, ctx) {
      s.archive = { archiveRef: p.archiveRef, at: ctx.now };
      s.phase = Phase.Execution;
    },
  },

  submitExecutionReport: {
    roles: [Role.ExecutionUnit],
    basis: [art(34), art(35)],
    phases: [Phase.Execution],
    duringHold: true,
    shape(p) {
      hash(p.reportHash, 'reportHash', art(35));
      need(typeof p.problem === 'boolean', 'problem', { zh: '必须载明报告是否反映问题（true 或 false）', en: 'must say whether the report raises a problem' }, art(35));
    },
    apply(s, p, actor, ctx) {
      s.executionReports.push({ reportHash: p.reportHash, problem: p.problem, by: actor.id, at: ctx.now });
    },
  },

  startEvaluation: {
    roles: [Role.Evaluator],
    basis: [art(36)],
    phases: [Phase.Execution],
    duringHold: true,
    shape(p) {
      str(p.trigger, 'trigger', art(36));
    },
    validate(s, _p, actor) {
      const argued = new Set([...(s.expert?.panel.map((e) => e.organisation) ?? []), ...(s.risk ? [s.risk.assessor.organisation] : [])]);
      if (argued.has(actor.organisation)) {
        refuse(R.ConflictOfInterest, {
          zh: `${actor.organisation}在决策作出前承担了主要论证评估工作，不得承担决策后评估`,
          en: `${actor.organisation} did the main argumentation or assessment before the decision and cannot evaluate it`,
        }, art(36, 2));
      }
      if (s.evaluations.some((e) => !e.report)) refuse(R.Duplicate, { zh: '决策后评估正在进行', en: 'an evaluation is already under way' }, art(36));
    },
    apply(s, p, actor, ctx) {
      s.evaluations.push({ evaluator: { id: actor.id, organisation: actor.organisation }, trigger: p.trigger, startedAt: ctx.now });
    },
  },

  submitEvaluation: {
    roles: [Role.Evaluator],
    basis: [art(36)],
    phases: [Phase.Execution],
    duringHold: true,
    shape(p) {
      hash(p.reportHash, 'reportHash', art(36));
      oneOf(p.recommendation, ['continue', 'adjust', 'suspend', 'terminate'], 'recommendation', art(36));
    },
    when(s) {
      if (!s.evaluations.some((e) => !e.report)) refuse(R.PrerequisiteMissing, { zh: '没有正在进行的决策后评估', en: 'no evaluation is under way' }, art(36));
    },
    validate(s, _p, actor) {
      const open = s.evaluations.find((e) => !e.report)!;
      if (open.evaluator.id !== actor.id) refuse(R.WrongRole, { zh: '评估报告应当由启动该评估的评估单位提交', en: 'only the evaluator who started the evaluation submits it' }, art(36));
    },
    apply(s, p, _a, ctx) {
      s.evaluations.find((e) => !e.report)!.report = { reportHash: p.reportHash, recommendation: p.recommendation, at: ctx.now };
    },
  },

  suspendExecution: {
    roles: [Role.ChiefExecutive],
    basis: [art(35), art(37)],
    roleBasis: [art(37)],
    phases: [Phase.Execution],
    shape(p) {
      str(p.reason, 'reason', art(37));
    },
    when(s) {
      if (s.hold === Hold.Suspended) refuse(R.Duplicate, { zh: '决策已经中止执行', en: 'execution is already suspended' }, art(37));
    },
    apply(s, p, actor, ctx) {
      s.hold = Hold.Suspended;
      s.holdInfo = { reason: p.reason, by: actor.id, at: ctx.now };
    },
  },

  resumeExecution: {
    roles: [Role.ChiefExecutive],
    basis: [art(37)],
    phases: [Phase.Execution],
    duringHold: true,
    shape(p) {
      str(p.reason, 'reason', art(37));
    },
    when(s) {
      if (s.hold !== Hold.Suspended) refuse(R.WrongStage, { zh: '决策未中止执行', en: 'execution is not suspended' }, art(37));
    },
    apply(s) {
      clearHold(s);
    },
  },

  startAdjustment: {
    roles: [Role.UndertakingUnit],
    basis: [art(37)],
    phases: [Phase.Execution],
    duringHold: true,
    shape(p) {
      oneOf(p.kind, ['adjust', 'terminate'], 'kind', art(37));
      str(p.reason, 'reason', art(37));
    },
    apply(s, p, actor, ctx) {
      s.pendingChange = { kind: p.kind, reason: p.reason, by: actor.id, at: ctx.now };
      s.cycle += 1;
      // A new pass through the procedure: new draft, participation, review and decision.
      s.publicParticipation = undefined;
      s.expert = undefined;
      s.risk = undefined;
      s.legality = undefined;
      s.discussion = undefined;
      s.decision = undefined;
      s.partyReport = undefined;
      s.publication = undefined;
      s.archive = undefined;
      s.applicability = undefined;
      s.phase = Phase.Drafting;
    },
  },

  withdraw: {
    roles: [Role.UndertakingUnit, Role.ChiefExecutive],
    basis: [art(10), art(11)],
    phases: PRE_DECISION,
    duringHold: true,
    shape(p) {
      str(p.reason, 'reason', art(10));
    },
    when(s) {
      if (s.pendingChange) refuse(R.WrongStage, { zh: '正在进行的决策调整不得撤回，应当经集体讨论决定不予通过', en: 'an adjustment in progress is ended by a collective decision not to adopt it' }, art(37));
    },
    apply(s) {
      close(s, 'withdrawn');
    },
  },

  postpone: {
    roles: [Role.ChiefExecutive],
    basis: [art(30)],
    phases: PRE_DECISION,
    shape(p) {
      str(p.reason, 'reason', art(30));
      need(isTime(p.reviewDate), 'reviewDate', { zh: `必须载明暂缓后再行研究的时间，格式为${INSTANT_FORMAT.zh}`, en: `must be the time the matter is taken up again, as ${INSTANT_FORMAT.en}` }, art(30));
    },
    validate(_s, p, _a, ctx) {
      if (instantMs(p.reviewDate) <= ctx.now) refuse(R.InvalidPayload, { zh: 'reviewDate：必须是将来的日期', en: 'reviewDate must be in the future' }, art(30));
    },
    apply(s, p, actor, ctx) {
      s.hold = Hold.Postponed;
      s.holdInfo = { reason: p.reason, by: actor.id, at: ctx.now, reviewDate: instantMs(p.reviewDate) };
    },
  },

  resumeFromPostponement: {
    roles: [Role.ChiefExecutive],
    basis: [art(30)],
    phases: PRE_DECISION,
    duringHold: true,
    shape(p) {
      str(p.reason, 'reason', art(30));
    },
    when(s) {
      if (s.hold !== Hold.Postponed) refuse(R.WrongStage, { zh: '决策未被暂缓', en: 'the decision is not postponed' }, art(30));
    },
    apply(s) {
      clearHold(s);
    },
  },
};

// ---------- helpers used by the rules ----------

function requirePublicParticipation(s: ProcedureState): void {
  if (!s.applicability?.publicParticipation.required) refuse(R.WrongStage, { zh: '本事项属于依法不予公开的事项，已确定不适用公众参与', en: 'public participation was declared not applicable (matter not to be disclosed)' }, art(14));
}
function currentParticipation(s: ProcedureState) {
  const pp = s.publicParticipation;
  return pp && pp.draftVersion >= lastMaterialVersion(s) ? pp : undefined;
}
function ensureParticipation(s: ProcedureState) {
  if (!currentParticipation(s)) s.publicParticipation = { draftVersion: draftVersion(s), hearings: [], otherForms: [] };
  return s.publicParticipation!;
}
function reviewDeadlines(s: ProcedureState): Deadline[] {
  return [s.legality?.minDeadlineId, s.legality?.maxDeadlineId]
    .map((id) => deadline(s, id))
    .filter((d): d is Deadline => !!d && (d.status === 'running' || d.status === 'paused'));
}
function lastRestart(d: Deadline): number {
  return d.tolled.length ? d.tolled[d.tolled.length - 1].to ?? d.startedAt : d.startedAt;
}
function againstMajority(s: ProcedureState, outcome: string): boolean {
  const present = s.discussion?.members.filter((m) => m.present) ?? [];
  const agree = present.filter((m) => m.view === 'agree').length;
  const disagree = present.filter((m) => m.view === 'disagree').length;
  if (outcome === 'adopt' || outcome === 'adopt_with_changes') return disagree > agree;
  if (outcome === 'not_adopt') return agree > disagree;
  return false;
}
function close(s: ProcedureState, reason: 'withdrawn' | 'not_adopted' | 'terminated'): void {
  s.phase = Phase.Closed;
  s.closedReason = reason;
  clearHold(s);
  for (const d of s.deadlines) if (d.status === 'running' || d.status === 'paused') d.status = 'cancelled';
}
function clearHold(s: ProcedureState): void {
  s.hold = Hold.None;
  s.holdInfo = undefined;
}
/** An instant as ISO 8601 in China Standard Time, to the minute: 2026-12-04T09:00+08:00. */
function isoMinute(ms: number): string {
  return `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 16)}+08:00`;
}

// ---------- words of the refusals, in Chinese ----------

const ACTION_ZH: Record<ActionName, string> = {
  submitDraft: '提交决策草案',
  declareApplicability: '确定适用的决策程序',
  openPublicComment: '公开征求意见',
  closePublicComment: '结束公开征求意见',
  scheduleHearing: '安排听证会',
  deliverHearingMaterials: '送达听证会材料',
  recordHearing: '提交听证会记录',
  recordParticipationForm: '记录其他公众参与方式',
  submitAdoptionReport: '提交意见研究采纳情况',
  appointExpertPanel: '选定论证专家',
  submitExpertOpinion: '提交专家论证意见',
  completeExpertArgumentation: '完成专家论证',
  submitRiskAssessment: '提交风险评估报告',
  submitForLegalityReview: '送请合法性审查',
  pauseLegalityReview: '暂停合法性审查',
  resumeLegalityReview: '恢复合法性审查',
  submitLegalOpinion: '提出法律意见',
  issueLegalityOpinion: '出具合法性审查意见',
  recordDiscussion: '记录集体讨论情况',
  decide: '作出决定',
  reportToPartyCommittee: '向同级党委请示报告',
  publish: '公布决策',
  archive: '归档',
  submitExecutionReport: '报告决策执行情况',
  startEvaluation: '启动决策后评估',
  submitEvaluation: '提交决策后评估报告',
  suspendExecution: '中止执行',
  resumeExecution: '恢复执行',
  startAdjustment: '启动决策调整',
  withdraw: '撤回决策事项',
  postpone: '暂缓决策',
  resumeFromPostponement: '恢复暂缓的决策',
};
const OUTCOME_ZH: Record<string, string> = { adopt: '通过', adopt_with_changes: '修改后通过', not_adopt: '不予通过', postpone: '暂缓', further_study: '进一步研究' };
/** What a legality opinion found, said of the draft: 决策草案经合法性审查…. */
const LEGALITY_EN: Record<string, string> = {
  lawful: 'was found lawful',
  lawful_with_changes: 'needs the changes the legality opinion requires',
  returned: 'was returned by the legality review',
  unlawful: 'was found unlawful in legality review',
  exploratory: 'is an exploratory reform with its legal risks stated',
};
const LEGALITY_ZH: Record<string, string> = { lawful: '合法', lawful_with_changes: '须按审查意见修改', returned: '被退回', unlawful: '不合法', exploratory: '属探索性改革事项并已明示法律风险' };
/** The Chinese half of a label written '中文 (English)'. */
const zhOf = (label: string | undefined, fallback: string) => (label ? label.split(' (')[0] : fallback);
const actionZh = (a: string) => ACTION_ZH[a as ActionName] ?? a;
const roleZh = (r: Role) => zhOf(ROLE_LABELS[r], r);
const phaseZh = (p: Phase) => zhOf(PHASE_LABELS[p], p);
/** A deep copy of plain data; the sandbox has no structuredClone guarantee. */
export function structuredCloneJson<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

// ---------- why a step is out of order: the article that forbids it ----------

/** The phases in the order the procedure passes through them. */
const ORDER: readonly Phase[] = [Phase.Drafting, Phase.Consultation, Phase.LegalityReview, Phase.Discussion, Phase.Decided, Phase.Published, Phase.Execution];

type Why = Bilingual & { articles: Citation[] };

function uniqueArticles(cs: Citation[]): Citation[] {
  return cs.filter((c, i) => cs.findIndex((x) => x.source === c.source && x.article === c.article && x.paragraph === c.paragraph) === i);
}

/**
 * Why a step is not possible in the decision's present phase, citing the
 * article that forbids it there (not merely the articles of the step's own
 * stage): a discussion before legality review is forbidden by Art. 25, a
 * publication before the decision by Art. 30 and 32, a change after the
 * decision by Art. 37, and so on.
 */
function outOfStage(s: ProcedureState, action: ActionName, rule: Rule<ActionName>): Why {
  const at = ORDER.indexOf(s.phase);
  const allowed = (rule.phases ?? ALL_OPEN).map((p) => ORDER.indexOf(p));
  const step = actionZh(action);
  const why: Why = at < Math.min(...allowed) ? tooEarly(s, action, rule, ORDER[Math.min(...allowed)]) : tooLate(s, action, ORDER[Math.max(...allowed)]) ?? {
    zh: `决策处于${phaseZh(s.phase)}阶段，不能${step}`,
    en: `${action} is not possible while the decision is in ${PHASE_LABELS[s.phase]}`,
    articles: rule.basis,
  };
  return { ...why, articles: uniqueArticles(why.articles) };
}

/** The step belongs to a later stage: cite what has to happen first. */
function tooEarly(s: ProcedureState, action: ActionName, rule: Rule<ActionName>, stage: Phase): Why {
  const step = actionZh(action);
  const review = s.legality?.draftVersion === draftVersion(s) ? s.legality : undefined;
  const failed = review?.opinion && !legalityPassed(s) ? review.opinion.outcome : undefined;
  switch (stage) {
    case Phase.Consultation:
      if (!s.drafts.length) return { zh: `尚未提交决策草案，不能${step}`, en: `no draft has been submitted yet; ${action} needs one`, articles: [art(12), ...rule.basis] };
      if (!s.applicability) {
        return {
          zh: `尚未确定本事项是否开展公众参与、专家论证和风险评估，不能${step}`,
          en: `which of public participation, expert argumentation and risk assessment apply has not been declared yet`,
          articles: [art(14), art(19), art(22)],
        };
      }
      if (failed) {
        return {
          zh: `决策草案经合法性审查${LEGALITY_ZH[failed]}，决策承办单位应当根据审查意见调整草案，提交修改后的草案后再行办理`,
          en: `the draft ${LEGALITY_EN[failed]}: the undertaking unit adjusts it as the opinion requires and submits the revision first`,
          articles: [art(28)],
        };
      }
      if (s.decision?.outcome === 'further_study') {
        return { zh: '决策机关决定对决策草案作进一步研究，应当先提交修改后的决策草案', en: 'the meeting sent the draft back for further study: submit the revised draft first', articles: [art(30)] };
      }
      return { zh: `应当先提交决策草案，方可${step}`, en: `submit the draft first; then ${action}`, articles: [art(12)] };
    case Phase.LegalityReview:
      if (review?.opinion) return { zh: '合法性审查已经出具审查意见，审查程序已经结束', en: 'the legality review has ended with its opinion', articles: [art(28)] };
      return { zh: `决策草案尚未送请合法性审查，不能${step}`, en: `the draft has not been submitted for legality review; ${action} is part of that review`, articles: [art(25), art(26)] };
    case Phase.Discussion: {
      const deciding = action === 'decide';
      const [zhTail, enTail] = deciding ? ['不得提交集体讨论，也不得作出决定', 'cannot be discussed or decided'] : ['不得提交集体讨论', 'cannot be submitted for discussion'];
      const articles = deciding ? [art(25), art(30)] : [art(25)];
      if (s.phase === Phase.LegalityReview) return { zh: `合法性审查尚未完成，${zhTail}`, en: `the legality review is not complete: the draft ${enTail}`, articles };
      if (failed) return { zh: `决策草案经合法性审查${LEGALITY_ZH[failed]}，${zhTail}`, en: `the draft ${LEGALITY_EN[failed]} and ${enTail}`, articles };
      return { zh: `决策草案未经合法性审查，${zhTail}`, en: `a draft not reviewed for legality ${enTail}`, articles };
    }
    case Phase.Decided:
      return {
        zh: `行政首长尚未在集体讨论的基础上作出决定，不能${step}`,
        en: `no decision has been made yet (the chief executive decides after the collective discussion); ${action} comes after it`,
        articles: [art(30), action === 'publish' ? art(32) : art(31)],
      };
    case Phase.Published:
      if (s.phase === Phase.Decided) {
        return { zh: '决策尚未公布，履行决策程序形成的记录、材料尚不完整，不能归档', en: 'the decision has not been published: the record of its procedure is not complete and cannot be archived', articles: [art(32), art(33)] };
      }
      return { zh: '决策尚未作出和公布，不能归档', en: 'the decision has been neither made nor published: nothing complete to archive', articles: [art(30), art(32), art(33)] };
    case Phase.Execution:
      if (ORDER.indexOf(s.phase) < ORDER.indexOf(Phase.Decided)) {
        return { zh: `决策尚未作出，不能${step}`, en: `no decision has been made yet; ${action} concerns a decision in execution`, articles: [art(30), ...rule.basis.filter((c) => (c.article ?? 0) >= 34)] };
      }
      return {
        zh: `决策尚未${s.phase === Phase.Decided ? '公布、' : ''}归档，尚未进入执行阶段，不能${step}`,
        en: `the decision has not yet been ${s.phase === Phase.Decided ? 'published and ' : ''}archived, so it is not in execution`,
        articles: s.phase === Phase.Decided ? [art(32), art(33)] : [art(33)],
      };
    default:
      return { zh: `决策处于${phaseZh(s.phase)}阶段，不能${step}`, en: `${action} is not possible while the decision is in ${PHASE_LABELS[s.phase]}`, articles: rule.basis };
  }
}

/** The step's stage is over: cite what closes it. */
function tooLate(s: ProcedureState, action: ActionName, stage: Phase): Why | undefined {
  const step = actionZh(action);
  if (ORDER.indexOf(s.phase) >= ORDER.indexOf(Phase.Decided) && ORDER.indexOf(stage) < ORDER.indexOf(Phase.Decided)) {
    return {
      zh: `决策已经作出，未经法定程序不得变更或者停止执行，不能${step}；需要调整的，应当在执行中依照法定程序启动决策调整`,
      en: `the decision has been made and may not be changed or stopped outside the statutory procedure; an adjustment is started in execution (startAdjustment)`,
      articles: [art(37)],
    };
  }
  if (stage === Phase.Consultation && s.phase === Phase.LegalityReview) {
    return {
      zh: `决策草案正在进行合法性审查，审查期间不能${step}；材料需要补充的，由负责合法性审查的部门要求补充，其他调整应当在审查意见出具后根据审查意见进行`,
      en: `the draft is under legality review: ${action} is not possible during the review; supplements are asked for by the reviewing department, other changes follow its opinion`,
      articles: [art(26), art(28)],
    };
  }
  if (stage === Phase.Consultation && s.phase === Phase.Discussion) {
    return {
      zh: `决策草案已经合法性审查、待集体讨论，不能${step}；草案变更的，须重新经合法性审查，未经审查不得提交讨论`,
      en: `the draft has passed legality review and awaits discussion; a changed draft must be reviewed again before it may be discussed`,
      articles: [art(25)],
    };
  }
  if (stage === Phase.LegalityReview && s.phase === Phase.Discussion) {
    return { zh: '合法性审查已经出具审查意见，审查程序已经结束', en: 'the legality review has ended with its opinion', articles: [art(28)] };
  }
  if (stage === Phase.Decided && action === 'publish') return { zh: '决策已经公布', en: 'the decision has been published already', articles: [art(32)] };
  if (stage === Phase.Decided) return { zh: '决策已经公布出台，出台前的请示报告环节已过', en: 'the decision has been issued; the report before issuing is past', articles: [art(31)] };
  if (stage === Phase.Published) return { zh: '履行决策程序形成的记录、材料已经归档', en: 'the record of the procedure has been archived already', articles: [art(33)] };
  return undefined;
}

/** Why nothing more can be done on a closed decision: what closed it. */
function closedBecause(s: ProcedureState): Why {
  switch (s.closedReason) {
    case 'withdrawn':
      return { zh: '决策事项已撤回，决策程序已经终止；重新启动须由决策机关决定', en: 'the matter was withdrawn and its procedure has ended; only the decision organ can start it again', articles: [art(10)] };
    case 'not_adopted':
      return { zh: '决策机关已决定不予通过，决策程序已经终止', en: 'the decision organ decided not to adopt the draft; the procedure has ended', articles: [art(30)] };
    case 'terminated':
      return { zh: '决策已依照法定程序停止执行，决策程序已经终止', en: 'the decision was terminated by the statutory procedure; the procedure has ended', articles: [art(37)] };
    default:
      return { zh: '决策程序已经终止', en: `the decision's procedure has ended (${s.closedReason})`, articles: [art(33)] };
  }
}

// ---------- the public face ----------

const ALL_OPEN: readonly Phase[] = Object.values(Phase).filter((p) => p !== Phase.Closed);

/** Throws ProcedureViolation with the refusal when the step may not be taken now. */
export function assertAllowed(s: ProcedureState, cmd: Command, ctx: StepContext): void {
  const a = cmd.actor as Actor | undefined;
  if (!a || !isStr(a.id, 100) || !isStr(a.name, 200) || !isStr(a.organisation, 200) || typeof a.role !== 'string') {
    refuse(R.InvalidPayload, { zh: 'actor：必须载明 id、name、role 和 organisation', en: 'actor must name id, name, role and organisation' }, art(33));
  }
  const rule = assertOpen(s, cmd.action, a.role);
  if (typeof cmd.payload !== 'object' || cmd.payload === null) refuse(R.InvalidPayload, { zh: 'payload：必须是对象', en: 'payload must be an object' }, ...rule.basis);
  rule.shape(cmd.payload);
  rule.validate?.(s, cmd.payload, a, ctx);
}

/**
 * The payload-independent part of the rules: the role, the phase, the hold and
 * the rule's own preconditions. What passes it is an open task.
 */
function assertOpen(s: ProcedureState, action: ActionName, role: Role): Rule<ActionName> {
  const rule = rules[action] as Rule<ActionName> | undefined;
  if (!rule) refuse(R.InvalidPayload, { zh: `未知的步骤 ${String(action)}`, en: `unknown action ${String(action)}` }, art(33));
  if (!rule.roles.includes(role)) refuse(R.WrongRole, { zh: `${actionZh(action)}应当由${rule.roles.map(roleZh).join('或者')}办理，不能由${roleZh(role)}办理`, en: `${action} is for ${rule.roles.join(' or ')}, not ${role}` }, ...(rule.roleBasis ?? rule.basis));
  if (s.phase === Phase.Closed) {
    const why = closedBecause(s);
    refuse(R.Closed, why, ...why.articles);
  }
  if (!(rule.phases ?? ALL_OPEN).includes(s.phase)) {
    const why = outOfStage(s, action, rule);
    refuse(R.WrongStage, why, ...why.articles);
  }
  // A postponement holds the whole procedure; a suspension holds execution, while the
  // adjustment procedure that may follow it (Art. 37) goes on.
  const held = s.hold === Hold.Postponed || (s.hold === Hold.Suspended && s.phase === Phase.Execution);
  if (held && !rule.duringHold) {
    refuse(
      R.OnHold,
      {
        zh: `决策${s.hold === Hold.Suspended ? '已中止执行' : '已暂缓'}${s.holdInfo ? `（${s.holdInfo.reason}）` : ''}，恢复前不得办理此步骤`,
        en: `the decision is ${s.hold}${s.holdInfo ? ` (${s.holdInfo.reason})` : ''}`,
      },
      s.hold === Hold.Suspended ? art(37) : art(30),
    );
  }
  rule.when?.(s);
  return rule;
}

/** Whether the role may take the step now, given the right content. */
export function isOpen(s: ProcedureState, action: ActionName, role: Role): boolean {
  try {
    assertOpen(s, action, role);
    return true;
  } catch (err) {
    if (err instanceof ProcedureViolation) return false;
    throw err;
  }
}

/** The refusal, or undefined when the step is allowed. */
export function check(s: ProcedureState, cmd: Command, ctx: StepContext): Refusal | undefined {
  try {
    assertAllowed(s, cmd, ctx);
    return undefined;
  } catch (err) {
    if (err instanceof ProcedureViolation) return err.refusal;
    throw err;
  }
}

/** The periods a step starts, to be computed on the working calendar before `apply`. */
export function periodsFor(s: ProcedureState, cmd: Command, ctx: StepContext): PeriodRequest[] {
  const rule = rules[cmd.action] as Rule<ActionName>;
  return rule.periods?.(s, cmd.payload, ctx) ?? [];
}

/** The articles a step rests on, as recorded with it. */
export function basisOf(action: ActionName): Citation[] {
  return rules[action].basis;
}

export function rolesFor(action: ActionName): readonly Role[] {
  return rules[action].roles;
}

/** The state after an allowed step. Checks again, so an illegal step can never be applied. */
export function apply(s: ProcedureState, cmd: Command, ctx: StepContext, periods: PeriodResult[]): ProcedureState {
  assertAllowed(s, cmd, ctx);
  const next = structuredCloneJson(s);
  (rules[cmd.action] as Rule<ActionName>).apply(next, cmd.payload, cmd.actor, ctx, periods);
  const { id, name, role, organisation } = cmd.actor;
  next.timeline.push({ seq: next.timeline.length + 1, action: cmd.action, actor: { id, name, role, organisation }, at: ctx.now, articles: basisOf(cmd.action).map((c) => `${c.source}:${c.article ?? ''}`) });
  return next;
}

/** Enters one of the engine's own records (not a procedure step) in the timeline, so record numbering stays one sequence. */
export function appendSystemEntry(s: ProcedureState, action: 'archiveHistory', at: number, articles: string[]): ProcedureState {
  const next = structuredCloneJson(s);
  const { id, name, role, organisation } = SYSTEM_ACTOR;
  next.timeline.push({ seq: next.timeline.length + 1, action, actor: { id, name, role, organisation }, at, articles });
  return next;
}
