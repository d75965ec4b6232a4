import { isWithin } from '../../authority/organisations';
import { art, type Citation } from '../articles';
import { HASH_PATTERN } from '../commands';
import type { PeriodResult } from '../calendar';
import { refuse, RefusalCode as R, type Bilingual } from '../refusal';
import type { Actor } from '../roles';
import { currentDraft, Hold, Phase, type Deadline, type ProcedureState, type RiskAssessment, type TextChain } from '../state';
import { DAY, type StepContext } from './rule';

// Shared predicates and state helpers of the rules: whether a stage is done for
// the draft on the table, the periods a step starts or settles, holds and closing.

export function lastMaterialVersion(s: ProcedureState): number {
  return Math.max(0, ...s.drafts.filter((d) => d.material).map((d) => d.version));
}
export const draftVersion = (s: ProcedureState) => currentDraft(s)?.version ?? 0;

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
  return !!s.risk && riskControllable(s.risk) && s.risk.draftVersion >= lastMaterialVersion(s);
}
/** Whether the risk counts as controllable: as the deciding organ judged it (Art. 24), or, until it has, as assessed. */
export function riskControllable(r: RiskAssessment): boolean {
  return r.judgement?.controllable ?? r.controllable;
}
/** A passing legality review of the very draft now on the table (Art. 25; a revision needs a new review). */
export function legalityPassed(s: ProcedureState): boolean {
  const o = s.legality?.opinion;
  return !!o && (o.outcome === 'lawful' || o.outcome === 'exploratory') && s.legality!.draftVersion === draftVersion(s);
}

// ---------- the chain of texts (Arts. 25, 30, 32) ----------

/** The text of the draft the legality review examined (Art. 25): the draft version it was submitted with. */
export function reviewedText(s: ProcedureState): string | undefined {
  const v = s.legality?.draftVersion;
  return v === undefined ? undefined : s.drafts.find((d) => d.version === v)?.documentHash;
}
/**
 * The alternatives (Art. 12 para. 4: 两个以上方案) the reviewed draft carried: reviewed with it (Art. 25), each may be the
 * one the organ adopts (Art. 30).
 */
export function reviewedAlternatives(s: ProcedureState): { title: string; documentHash: string }[] {
  const v = s.legality?.draftVersion;
  return v === undefined ? [] : s.drafts.find((d) => d.version === v)?.alternatives ?? [];
}
/** A text adopted with changes that no supplementary legality review has yet found lawful: it may not be published. */
export function changesAwaitingReview(s: ProcedureState): boolean {
  const d = s.decision;
  return d?.outcome === 'adopt_with_changes' && d.adoptedTextHash !== undefined && d.changesReview?.outcome !== 'lawful';
}
/** The basis on which this pass declared the matter not to be disclosed (Art. 14), where it did. */
export function withheldBy(s: ProcedureState): string | undefined {
  const pp = s.applicability?.publicParticipation;
  return pp && !pp.required ? pp.nonDisclosureBasis : undefined;
}

/**
 * Art. 32 para. 1: a decision of public concern, or a professional or technical one, is published with the explanation
 * of how the public's and the experts' opinions were adopted. The record knows a matter as such by its stages: public
 * participation held (Art. 14) or expert argumentation held (Art. 19). Not where the law withholds the decision from
 * publication (依法不予公开的除外): the matter declared one that may lawfully not be disclosed (Art. 14).
 */
export function adoptionExplanationNeeded(s: ProcedureState): boolean {
  const a = s.applicability;
  if (!a) return false;
  const withheld = !a.publicParticipation.required;
  const publicConcern = a.publicParticipation.required;
  const technical = a.expertArgumentation.required;
  return !withheld && (publicConcern || technical);
}
/** The texts of the current pass, reviewed → adopted → published, as far as they go. */
export function textChainOf(s: ProcedureState): TextChain {
  const d = s.decision;
  const r = d?.changesReview;
  return {
    cycle: s.cycle,
    reviewed: reviewedText(s),
    adopted: d?.adoptedTextHash,
    outcome: d?.outcome,
    changesReviewed: r ? { textHash: r.textHash, opinionHash: r.opinionHash, outcome: r.outcome } : undefined,
    published: s.publication?.documentHash,
    adoptionExplanation: s.publication?.adoptionExplanationHash,
    ...(s.publication && !s.publication.channels.length ? { withheld: true as const } : {}),
  };
}

// ---------- what the deciding organ designated (Arts. 23, 34, 36) ----------

/**
 * Whether the signer acts for the organisation: by the office relied on, the organisation itself or one under it (an
 * office of a designated department); without an office (decisions made before offices were checked), the organisation
 * the step names.
 */
export function actsFor(actor: Actor, ctx: StepContext, organisation: string): boolean {
  const path = ctx.office?.path;
  return Array.isArray(path) && path.length ? isWithin(path, organisation) : actor.organisation === organisation;
}

export function deadline(s: ProcedureState, id: string | undefined): Deadline | undefined {
  return s.deadlines.find((d) => d.id === id);
}

export function startDeadline(
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

export function settle(s: ProcedureState, id: string | undefined, status: 'met' | 'cancelled', shortenedReason?: string): void {
  const d = deadline(s, id);
  if (!d || d.status === 'elapsed' || d.status === 'met' || d.status === 'cancelled') return;
  d.status = status;
  if (shortenedReason) d.shortenedReason = shortenedReason;
}

// ---------- a postponement's review date (Arts. 30, 38; decisions under `postponementReview`) ----------

/** The ids of the time limits review dates became: `review-date-<seq of the postponing step>`. */
export const REVIEW_DATE_PREFIX = 'review-date-';

/**
 * A date an official gave becoming a time limit, named by the step's own seq (`<prefix><seq>`): the date as given, not a
 * period on the working calendar; passed while it still counts, the decision is overdue.
 */
function startDateLimit(s: ProcedureState, limit: { prefix: string; label: string; basis: Citation; calendarVersion: string }, end: number, ctx: StepContext): string {
  const id = `${limit.prefix}${s.timeline.length + 1}`;
  startDeadline(
    s,
    { id, label: limit.label, basis: limit.basis, type: 'maximum', unit: 'calendar', days: Math.max(1, Math.ceil((end - ctx.now) / DAY)) },
    { end, calendarVersion: limit.calendarVersion, provisional: false },
    ctx,
  );
  return id;
}

/**
 * The review date of a postponement becomes a time limit: passed while the matter still waits, the decision is left
 * undecided (久拖不决, Art. 38). The date is the one the chief executive gave.
 */
export const startReviewDate = (s: ProcedureState, reviewDate: number, ctx: StepContext): string =>
  startDateLimit(s, { prefix: REVIEW_DATE_PREFIX, label: '暂缓后再行研究的时间，逾期未决即久拖不决 (review date of the postponement: past it, the decision is left undecided)', basis: art(38), calendarVersion: 'review-date' }, reviewDate, ctx);

/** The prefix of the time limits the organ sets its execution units to correct by (Art. 34, `correctionDue`). */
export const CORRECTION_PREFIX = 'correction-';

/**
 * Art. 34 (decisions under `correctionDue`): the date the organ orders its execution units to correct by is a time limit,
 * met by their next report on the execution (submitExecutionReport); past it, overdue (statute tester: a missed
 * correction never showed, and an inspector had nothing to hold the delay against, Art. 40).
 */
export const startCorrectionDue = (s: ProcedureState, dueBy: number, ctx: StepContext): string =>
  startDateLimit(s, { prefix: CORRECTION_PREFIX, label: '责令纠正的期限 (time limit to correct)', basis: art(34), calendarVersion: 'correction-due' }, dueBy, ctx);

/** A new discussion takes up every postponed matter again: the review dates still counting, or missed, are met. */
export function meetReviewDates(s: ProcedureState): void {
  for (const d of s.deadlines) if (d.id.startsWith(REVIEW_DATE_PREFIX)) settle(s, d.id, 'met');
}

export function close(s: ProcedureState, reason: 'withdrawn' | 'not_adopted' | 'terminated'): void {
  s.phase = Phase.Closed;
  s.closedReason = reason;
  clearHold(s);
  delete s.suspensionBeneath;
  for (const d of s.deadlines) if (d.status === 'running' || d.status === 'paused') d.status = 'cancelled';
}
export function clearHold(s: ProcedureState): void {
  s.hold = Hold.None;
  s.holdInfo = undefined;
}
/**
 * A postponement of the adjustment over a suspended decision in force (decisions under `executionThroughAdjustment`):
 * the suspension is kept beneath it, to come back when the postponement is lifted (statute tester: it was lost).
 */
export function keepSuspension(s: ProcedureState): void {
  if (s.hold === Hold.Suspended && s.holdInfo) s.suspensionBeneath = s.holdInfo;
}
/** The postponement lifted: the suspension kept beneath it holds the decision in force again. */
export function restoreSuspension(s: ProcedureState): void {
  if (!s.suspensionBeneath) return;
  s.hold = Hold.Suspended;
  s.holdInfo = s.suspensionBeneath;
  delete s.suspensionBeneath;
}
/** An instant as ISO 8601 in China Standard Time, to the minute: 2026-12-04T09:00+08:00. */
export function isoMinute(ms: number): string {
  return `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 16)}+08:00`;
}

/**
 * An instant as an official writes it, in China Standard Time: 2026年12月4日9时30分; midnight as the end of the day
 * before (2027年1月4日24时), as a period's last day is said (the portal says the same day, 当日24时).
 */
export function zhMinute(ms: number): string {
  const t = new Date(ms + 8 * 3600_000);
  const midnight = t.getUTCHours() === 0 && t.getUTCMinutes() === 0;
  const day = midnight ? new Date(t.getTime() - 86_400_000) : t;
  const date = `${day.getUTCFullYear()}年${day.getUTCMonth() + 1}月${day.getUTCDate()}日`;
  return midnight ? `${date}24时` : `${date}${t.getUTCHours()}时${t.getUTCMinutes() ? `${t.getUTCMinutes()}分` : ''}`;
}

/** A deep copy of plain data; the sandbox has no structuredClone guarantee. */
export function structuredCloneJson<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

// ---------- the consultation the decree names (Arts. 8, 13, 14 para. 3; decisions under `consultation`) ----------

/** Art. 13: the units concerned, as declared, that this pass has not consulted yet. */
export function unconsultedUnits(s: ProcedureState): string[] {
  const consulted = new Set((s.unitConsultations ?? []).filter((c) => c.cycle === s.cycle).map((c) => c.unit));
  return (s.applicability?.unitsConcerned ?? []).filter((u) => !consulted.has(u));
}

/** Art. 13: the units whose latest consultation in this pass left them disagreeing (不能取得一致意见). */
export function unresolvedDisagreements(s: ProcedureState): string[] {
  const latest = new Map<string, boolean>();
  for (const c of s.unitConsultations ?? []) if (c.cycle === s.cycle) latest.set(c.unit, c.agreed);
  return [...latest].filter(([, agreed]) => !agreed).map(([unit]) => unit);
}

/** Art. 14 para. 3: the special groups, as declared, not yet talked with in this pass. */
export function unconsultedGroups(s: ProcedureState): string[] {
  const heard = new Set((s.groupConsultations ?? []).filter((c) => c.cycle === s.cycle).map((c) => c.group));
  return (s.applicability?.specialGroups ?? []).filter((g) => !heard.has(g));
}

/** Art. 8: what the people's congress or its standing committee last did with the matter in this pass, if recorded. */
/** The Party committee's reply to the latest report or request, if recorded. */
export function replyTo(s: ProcedureState): ProcedureState['partyReply'] {
  const r = s.partyReport;
  return r && s.partyReply && s.partyReply.answers === r.seq ? s.partyReply : undefined;
}

/**
 * Why a decision made cannot be issued as it stands, if it cannot: the people's congress (or its standing committee)
 * did not approve a matter within its decision (Art. 8), or the Party committee objected (Art. 31).
 */
export function issueBarred(s: ProcedureState): 'congress' | 'party' | undefined {
  if (s.applicability?.peoplesCongress === 'decide' && congressAction(s)?.outcome === 'not_approved') return 'congress';
  if (replyTo(s)?.outcome === 'objections') return 'party';
  return undefined;
}

/** Why a decision cannot be issued (issueBarred), as a refusal says it, with its article. */
export function barredBecause(barred: 'congress' | 'party'): Bilingual & { article: Citation } {
  return barred === 'congress'
    ? { zh: '本级人民代表大会或者其常务委员会未予同意', en: "the people's congress or its standing committee did not approve it", article: art(8) }
    : { zh: '同级党委提出了意见', en: 'the Party committee objected', article: art(31) };
}

/**
 * What the people's congress or its standing committee last did with the matter in this cycle (Art. 8): on the decision
 * in hand, where the action names the decision it concerned (`congressOnDecision`): one on an earlier decision, before
 * the meeting decided again, is not one on this.
 */
export function congressAction(s: ProcedureState): NonNullable<ProcedureState['congressActions']>[number] | undefined {
  const decided = decidedSeq(s);
  return (s.congressActions ?? []).filter((a) => a.cycle === s.cycle && (a.decided === undefined || a.decided === decided)).at(-1);
}

/** The seq of the entry of the organ's latest decision (`decide`), or undefined before one. */
export function decidedSeq(s: ProcedureState): number | undefined {
  for (let i = s.timeline.length - 1; i >= 0; i--) if (s.timeline[i].action === 'decide') return s.timeline[i].seq;
  return undefined;
}

/** What each document of a pass was, as a refusal names it. */
const EARLIER_AS: Record<string, { zh: string; en: string }> = {
  materials: { zh: '送审材料', en: 'review materials' },
  procedureExplanation: { zh: '履行决策程序的说明', en: 'explanation of the procedure followed' },
  legalOpinion: { zh: '法律意见', en: 'legal opinion' },
  legalityOpinion: { zh: '合法性审查意见', en: 'legality opinion' },
  changesReview: { zh: '对修改内容的合法性审查意见', en: 'legality opinion on the changes' },
  minutes: { zh: '集体讨论记录', en: 'minutes' },
  partyReport: { zh: '向同级党委的请示报告', en: 'report to the Party committee' },
  adoptionReport: { zh: '公众意见研究采纳情况报告', en: "report on the public's opinions" },
  expertOpinion: { zh: '专家论证意见', en: 'expert opinion' },
  expertMinutes: { zh: '专家论证会记录', en: 'minutes of the expert meeting' },
  expertReport: { zh: '专家论证意见采纳情况', en: "report on the experts' opinions" },
  riskReport: { zh: '风险评估报告', en: 'risk assessment report' },
  engagement: { zh: '风险评估委托文件', en: 'engagement of the risk assessor' },
};

/** The documents of the pass now ending, kept as the adjustment starts (decisions under `freshDocumentsPerCycle`). */
export function keepEarlierPass(s: ProcedureState): void {
  const l = s.legality;
  const kept: { hash: string | undefined; as: string }[] = [
    { hash: l?.materialsHash, as: 'materials' },
    { hash: l?.procedureExplanationHash, as: 'procedureExplanation' },
    ...(l?.legalOpinions ?? []).map((o) => ({ hash: o.opinionHash, as: 'legalOpinion' })),
    { hash: l?.opinion?.opinionHash, as: 'legalityOpinion' },
    { hash: s.decision?.changesReview?.opinionHash, as: 'changesReview' },
    { hash: s.discussion?.minutesHash, as: 'minutes' },
    { hash: s.partyReport?.reportHash, as: 'partyReport' },
    { hash: s.publicParticipation?.adoptionReport?.reportHash, as: 'adoptionReport' },
    ...(s.expert?.opinions ?? []).map((o) => ({ hash: o.opinionHash, as: 'expertOpinion' })),
    ...(s.expert?.minutes ?? []).map((m) => ({ hash: m.minutesHash, as: 'expertMinutes' })),
    { hash: s.expert?.completed?.adoptionReportHash, as: 'expertReport' },
    { hash: s.risk?.reportHash, as: 'riskReport' },
    ...(s.riskEngagements ?? []).map((e) => ({ hash: e.documentHash, as: 'engagement' })),
  ];
  s.earlierPasses = [...(s.earlierPasses ?? []), ...kept.filter((k): k is { hash: string; as: string } => !!k.hash).map((k) => ({ ...k, cycle: s.cycle }))];
}

/**
 * Every document a step names (any field holding a document's hash), against the earlier passes' (decisions under
 * `freshDocumentsPerCycle`): the retest found the first pass's risk report, experts' opinions and reports, adoption
 * report, engagement and changes review taken again where only some fields were checked.
 */
export function notFromEarlierPassAnywhere(s: ProcedureState, payload: unknown, ...basis: Citation[]): void {
  if (!s.earlierPasses?.length) return;
  const stack: { value: unknown; path: string }[] = [{ value: payload, path: '' }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      // An assessment made before may stand for this one (Art. 22 para. 2: 不作重复评估), the first pass's included.
      if (HASH_PATTERN.test(value) && path !== 'riskAssessment.priorAssessmentRef') notFromEarlierPass(s, value, path, { zh: '本轮的文件', en: "this pass's document" }, ...basis);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    for (const [k, v] of entries) stack.push({ value: v, path: path ? `${path}.${k}` : k });
  }
}

/**
 * Art. 37 (decisions under `freshDocumentsPerCycle`): a document of an earlier pass is not this pass's: an adjustment's
 * review, opinions, minutes and report are its own (statute tester: the first cycle's were taken again).
 */
export function notFromEarlierPass(s: ProcedureState, hash: string | undefined, field: string, what: { zh: string; en: string }, ...basis: Citation[]): void {
  const earlier = hash === undefined ? undefined : s.earlierPasses?.find((e) => e.hash === hash);
  if (!earlier) return;
  const was = EARLIER_AS[earlier.as] ?? { zh: '文件', en: 'document' };
  refuse(R.InvalidPayload, {
    zh: `${field}：这是第${earlier.cycle}轮决策程序的${was.zh}；决策调整应当依照法定程序重新进行，${what.zh}应当是本轮形成的文件`,
    en: `${field}: this is the ${was.en} of pass ${earlier.cycle} of the procedure; an adjustment goes through the procedure again, and ${what.en} is this pass's own`,
  }, art(37), ...basis);
}

/** A channel of the organ's own (its office system, circulation within it): not one the public reaches. */
const INTERNAL_CHANNEL = /内部|内网|(?<![A-Za-z])OA(?![A-Za-z])|传阅|局内|机关内|系统内|内刊/;
/** The kinds of channel the public reaches (Arts. 15, 32): gazette, websites, government new media, press, broadcasting. */
const PUBLIC_CHANNEL = /公报|网站|门户|网|新媒体|公众号|微博|微信|客户端|APP|报|刊|广播|电台|电视|发布会|公告栏|公示栏|媒体/i;

/**
 * Arts. 15, 32 (`publicChannels`): the channels named are ones the public reaches, at least one of the kinds the statute
 * names, none of the organ's own; `what` says what goes out through them.
 */
export function publicChannels(channels: readonly string[], what: 'comment' | 'publication', official = false): void {
  const basis = what === 'comment' ? art(15) : art(32);
  channels.forEach((c, i) => {
    if (INTERNAL_CHANNEL.test(c)) {
      refuse(R.InvalidPayload, {
        zh: `channels.${i}：“${c}”是机关内部的途径，社会公众无法知晓；应当通过政府公报、政府网站、政务新媒体以及报刊、广播、电视等便于社会公众知晓的途径${what === 'comment' ? '公布决策草案' : '公布决策'}`,
        en: `channels.${i}: "${c}" is the organ's own channel, which the public does not reach; use the gazette, government websites and new media, the press, radio or television`,
      }, basis);
    }
  });
  if (channels.length && !channels.some((c) => PUBLIC_CHANNEL.test(c))) {
    const named = channels.slice(0, 3);
    const more = channels.length - named.length;
    refuse(R.InvalidPayload, {
      zh: `channels：${named.map((c) => `“${c}”`).join('、')}${more ? `等 ${channels.length} 个途径` : ''}不是便于社会公众知晓的途径；应当至少载明一个政府公报、政府网站、政务新媒体、报刊、广播、电视等途径`,
      en: `channels: ${named.join(', ')}${more ? ` and ${more} more` : ''} name no channel the public reaches; name at least one gazette, government website or new media account, newspaper, radio or television`,
    }, basis);
  }
  // Art. 32 (`publishedOfficially`): 通过本级人民政府公报和政府网站以及…报纸等途径: the gazette or the government's website at
  // least, the press and new media beside them (statute tester: a WeChat account or a Weibo alone published a decision).
  // Either one: a town government has no gazette of its own.
  if (official && channels.length && !channels.some(isOfficialChannel)) {
    refuse(R.InvalidPayload, {
      zh: `channels：决策应当通过本级人民政府公报和政府网站等途径公布，${channels.map((c) => `“${c}”`).join('、')}中没有政府公报或者政府网站；政务新媒体、报刊等可以同时使用，但不能代替`,
      en: `channels: a decision is published through the government's gazette and website (and the press and the like); ${channels.join(', ')} include neither the gazette nor a government website: new media and the press come beside them, not instead`,
    }, art(32));
  }
}
/**
 * The channels of Art. 32 a decision is published through at least: a government's gazette or website, named as one (an
 * organ of government before 公报/网站/门户网站/政府网, nothing after it but a closing bracket), or a gov.cn address; not
 * a company's, a portal's or a new-media account's, nor one said not to be (retest: any text with 网站 or 公报 in it
 * passed, 政府公报（微信版） and 某房地产公司网站 among them).
 */
const OFFICIAL_CHANNEL = /((政府|国务院|[省市县区州盟旗镇乡]|厅|局|委员会|委|办公室)[^，,、；;]*?(公报|网站|门户网站)|政府网)[》」』）)\s\d年第期号〔〕]*$/;
const NOT_OFFICIAL = /非|不是|并非|公司|企业|集团|商业|微信|微博|抖音|快手|头条|公众号|视频号|客户端|APP|版|新浪|搜狐|腾讯|网易|百度|论坛|贴吧/i;
const GOV_CN = /(^|[./@\s（(])gov\.cn([/:\s）)]|$)/i;
export function isOfficialChannel(c: string): boolean {
  if (INTERNAL_CHANNEL.test(c)) return false;
  return GOV_CN.test(c) || (OFFICIAL_CHANNEL.test(c) && !NOT_OFFICIAL.test(c));
}
