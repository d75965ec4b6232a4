import { art, citationZh, SOURCES, type Citation } from '../articles';
import type { ActionName, Command } from '../commands';
import { HEARING_CATEGORIES, HEARING_CATEGORY_ZH, matterTypeById, type Checkpoint, type MatterStep, type MatterType } from '../matters';
import type { ProcedureProfile } from '../profiles';
import { refuse, RefusalCode as R, type Bilingual, type RefusalCode } from '../refusal';
import { Role } from '../roles';
import { Phase, type MatterStepRecord, type ProcedureState } from '../state';
import { hash, need, str } from './guards';
import type { Chapter, StepContext } from './rule';
import { draftVersion, lastMaterialVersion } from './shared';

/**
 * What other laws require of some matters (Decree 713 Art. 3 para. 2, Art. 16 para. 1), read from the matter types
 * the decision was registered with (matters.ts): the steps those laws add (recordMatterStep), and the checks the
 * procedure's own steps pass for them (checkMatters). Decisions without matter types, or kept under a profile from
 * before these rules (no `otherLaws`), meet none of it.
 */
export const matterRules: Chapter<'recordMatterStep'> = {
  recordMatterStep: {
    roles: [Role.UndertakingUnit],
    basis: [art(3, 2)],
    phases: [Phase.Drafting, Phase.Consultation, Phase.LegalityReview, Phase.Discussion],
    shape(p) {
      str(p.matterType, 'matterType', art(3, 2), 100);
      str(p.step, 'step', art(3, 2), 100);
      hash(p.recordHash, 'recordHash', art(3, 2));
      str(p.organisedBy, 'organisedBy', art(3, 2), 200);
      if (p.conclusion !== undefined) str(p.conclusion, 'conclusion', art(3, 2), 100);
    },
    when(s, profile) {
      // The steps of the decision's matter types (other laws) and of its profile's requirements (provincial rules).
      const types = withSteps(s, profile);
      if (!types.length) refuse(R.WrongStage, { zh: '本决策事项不属于有关法律、行政法规另有程序规定的事项类型，适用的程序规则也未增加程序步骤', en: 'the decision is of no matter type that another law gives its own procedure, and its profile adds no step' }, art(3, 2));
      // Open only while a step the laws add is still to be recorded (so 我的待办 does not offer it once all are).
      if (!types.some((m) => m.steps.some((step) => !passed(s, m, step)))) {
        refuse(R.Duplicate, { zh: '本决策事项类型要求的程序步骤都已经记录', en: 'every step the matter types require is already recorded' }, ...types.flatMap((m) => m.steps.flatMap((step) => step.basis)));
      }
    },
    validate(s, p, _a, ctx) {
      const types = withSteps(s, ctx.profile);
      const m = types.find((x) => x.id === p.matterType);
      if (!m) {
        const ids = types.map((x) => x.id);
        refuse(R.InvalidPayload, { zh: `matterType：本决策事项的事项类型和程序规则增加的要求为${ids.join('、')}，不是${p.matterType}`, en: `matterType: the decision's matter types and profile requirements with steps are ${ids.join(', ')}, not ${p.matterType}` }, art(3, 2));
      }
      const step = m.steps.find((x) => x.id === p.step);
      if (!step) refuse(R.InvalidPayload, { zh: `step：${m.name.zh}的程序步骤为${m.steps.map((x) => x.id).join('、') || '（无）'}`, en: `step: the steps of ${m.name.en} are ${m.steps.map((x) => x.id).join(', ') || '(none)'}` }, ...m.basis);
      if (step.conclusions) {
        const values = Object.keys(step.conclusions.values);
        need(p.conclusion !== undefined && values.includes(p.conclusion), 'conclusion', { zh: `必须是以下之一：${values.map((v) => `${v}（${step.conclusions!.values[v].zh}）`).join('、')}`, en: `must be one of ${values.join(', ')}` }, step.basis[0]);
      }
      if (step.afterComment) {
        const pp = s.publicParticipation;
        const closed = pp && pp.draftVersion >= lastMaterialVersion(s) && pp.comment?.closedAt !== undefined;
        if (!closed) refuseBy(R.PrerequisiteMissing, { zh: `${step.name.zh}应当在公告（征求意见）期限届满后进行`, en: `${step.name.en} follows the close of the announcement (comment period)` }, step.basis);
      }
      const first = step.after ? m.steps.find((x) => x.id === step.after) : undefined;
      if (first && !passed(s, m, first)) {
        refuseBy(R.PrerequisiteMissing, { zh: `${step.name.zh}应当在${first.name.zh}之后进行（recordMatterStep ${m.id}/${first.id}）`, en: `${step.name.en} follows ${first.name.en} (recordMatterStep ${m.id}/${first.id})` }, step.basis);
      }
      if (passed(s, m, step)) {
        refuse(R.Duplicate, { zh: `${step.name.zh}已经记录`, en: `${step.name.en} is already recorded` }, ...step.basis);
      }
    },
    apply(s, p, actor, ctx) {
      const rec: MatterStepRecord = { matterType: p.matterType, step: p.step, recordHash: p.recordHash, organisedBy: p.organisedBy, draftVersion: draftVersion(s), by: actor.id, at: ctx.now };
      if (p.conclusion !== undefined) rec.conclusion = p.conclusion;
      s.matterSteps = [...(s.matterSteps ?? []), rec];
    },
  },
};

// ---------- the checks the procedure's own steps pass ----------

/** Throws the refusal when a step of the procedure does not meet what the decision's matter types require. */
export function checkMatters(s: ProcedureState, cmd: Command, ctx: StepContext): void {
  for (const m of requirementsOf(s, ctx.profile)) {
    switch (cmd.action) {
      case 'declareApplicability': {
        const p = cmd.payload;
        const r = m.requires;
        if (r.publicParticipation && !p.publicParticipation.required) refuseBy(R.PrerequisiteMissing, r.publicParticipation.what, r.publicParticipation.basis);
        if (r.hearing && !p.hearingRequired) refuseBy(R.PrerequisiteMissing, r.hearing.what, r.hearing.basis);
        if (r.riskAssessment && !p.riskAssessment.required) refuseBy(R.PrerequisiteMissing, r.riskAssessment.what, r.riskAssessment.basis);
        if (r.affectsMarket && !p.affectsMarket) refuseBy(R.PrerequisiteMissing, r.affectsMarket.what, r.affectsMarket.basis);
        break;
      }
      case 'openPublicComment': {
        const min = m.minCommentDays;
        if (min && cmd.payload.days < min.days) {
          refuseBy(R.NoticeTooShort, min.what, min.basis, { zh: `现为${cmd.payload.days}日，该期限没有可以缩短的例外`, en: `now ${cmd.payload.days} days; this period has no exception for a shorter one` });
        }
        break;
      }
      case 'scheduleHearing': {
        const p = cmd.payload;
        const org = m.hearing?.organiser;
        if (org && !p.organisedBy) refuseBy(R.PrerequisiteMissing, { zh: `听证会应当由${org.who.zh}组织，应当载明组织听证的单位（organisedBy）`, en: `the hearing is organised by ${org.who.en}: name the organisation that organises it (organisedBy)` }, org.basis);
        for (const rule of m.hearing?.composition ?? []) {
          const n = p.participants.filter((x) => x.category === rule.category).length;
          const who = HEARING_CATEGORY_ZH[rule.category];
          if (rule.minShare !== undefined && n / p.participants.length < rule.minShare) {
            refuseBy(R.PrerequisiteMissing, {
              zh: `听证会参加人中${who}人数不得少于总数的${fraction(rule.minShare)}（现为${p.participants.length}人中${n}人；participants[].category 为 ${rule.category}）`,
              en: `${rule.category} participants must be at least ${Math.round(rule.minShare * 100)}% of the hearing's participants (${n} of ${p.participants.length}; participants[].category ${rule.category})`,
            }, rule.basis);
          }
          if (rule.min !== undefined && n < rule.min) {
            refuseBy(R.PrerequisiteMissing, { zh: `听证会应当有${who}参加（participants[].category 为 ${rule.category}）`, en: `the hearing needs ${rule.category} participants (participants[].category ${rule.category})` }, rule.basis);
          }
        }
        break;
      }
      case 'recordDiscussion': {
        if (m.meeting && cmd.payload.meeting.kind !== m.meeting.kind) refuseBy(R.NotReplaceable, { zh: `${m.meeting.what.zh}，不得以${cmd.payload.meeting.kind}代替`, en: `${m.meeting.what.en}, not by ${cmd.payload.meeting.kind}` }, m.meeting.basis);
        for (const step of m.steps.filter((x) => x.discussionMaterial)) {
          const rec = stepRecord(s, m, step);
          const given = cmd.payload.materials?.[step.discussionMaterial!];
          if (!rec || given !== rec.recordHash) {
            const onRecord = rec ? `（${rec.recordHash}）` : '（尚未记录）';
            refuseBy(R.MissingDocument, { zh: `materials.${step.discussionMaterial}：应当是在案的${step.name.zh}结论${onRecord}`, en: `materials.${step.discussionMaterial} must be the ${step.name.en} on record (${rec?.recordHash ?? 'none recorded'})` }, step.basis);
          }
        }
        break;
      }
      default:
        break;
    }
    // Before an adoption only: a decision not to adopt, to postpone or to study further waits for nothing the laws add.
    if (cmd.action === 'decide' && ['adopt', 'adopt_with_changes'].includes(cmd.payload.outcome)) stepsBefore(s, m, 'decide');
  }
}

/**
 * What the matter types require before a step that the state alone decides: part of whether the step is open now
 * (rules/index.ts assertOpen), so that 我的待办 does not offer a step these laws hold back (the fourteenth session's
 * tester: public comment offered before the land survey). The same checks as ever; only their place moved.
 */
export function mattersOpen(s: ProcedureState, action: ActionName, profile: ProcedureProfile): void {
  const pp = s.publicParticipation;
  const current = pp && pp.draftVersion >= lastMaterialVersion(s) ? pp : undefined;
  for (const m of requirementsOf(s, profile)) {
    if (action === 'submitAdoptionReport') {
      if (m.minCommentDays && !current?.comment?.closedAt) refuseBy(R.PrerequisiteMissing, { zh: `${m.minCommentDays.what.zh}，公告（征求意见）尚未进行或者尚未届满`, en: `${m.minCommentDays.what.en}; it has not been held or has not closed` }, m.minCommentDays.basis);
      const w = m.hearingWhen;
      if (w && matterStepConclusion(s, m, w.step) === w.conclusion && !current?.hearings.some((h) => h.held)) refuseBy(R.PrerequisiteMissing, { zh: `${w.what.zh}，但尚未举行`, en: `${w.what.en}; none has been held` }, w.basis);
    }
    if (action === 'submitForLegalityReview') {
      const f = m.opinionForms;
      const expertMeeting = s.expert && s.expert.draftVersion >= lastMaterialVersion(s) && s.expert.form === 'meeting' && s.expert.completed;
      if (f && !current?.hearings.some((h) => h.held) && !expertMeeting && !current?.otherForms.length) refuseBy(R.PrerequisiteMissing, f.what, f.basis);
    }
    // A decision is open whatever it will be; it is the adoption the laws hold back (checkMatters).
    if (action !== 'decide') stepsBefore(s, m, action);
  }
}

/** Each step the matter's law puts before this one is done, for the draft on the table, with a conclusion that lets it go on. */
function stepsBefore(s: ProcedureState, m: MatterType, action: ActionName): void {
  const point = action as Checkpoint;
  for (const f of (m.participationForms ?? []).filter((x) => x.before === point)) {
    const pp = s.publicParticipation;
    const current = pp && pp.draftVersion >= lastMaterialVersion(s) ? pp : undefined;
    if (!current?.otherForms.some((o) => f.forms.includes(o.form as never))) {
      refuseBy(R.PrerequisiteMissing, { zh: `${f.what.zh}，${actionBefore(point)}前尚未记录（recordParticipationForm ${f.forms.join('、')}）`, en: `${f.what.en}; none is recorded before ${point} (recordParticipationForm ${f.forms.join(', ')})` }, f.basis);
    }
  }
  for (const step of m.steps.filter((x) => x.before === point)) {
    const rec = stepRecord(s, m, step);
    if (!rec) refuseBy(R.PrerequisiteMissing, { zh: `${actionBefore(point)}前应当完成${step.name.zh}（由${step.organiser.zh}组织；recordMatterStep ${m.id}/${step.id}）`, en: `${step.name.en} (organised by ${step.organiser.en}) comes before ${point} (recordMatterStep ${m.id}/${step.id})` }, step.basis);
    if (step.conclusions && !step.conclusions.passing.includes(rec.conclusion!)) {
      const said = step.conclusions.values[rec.conclusion!];
      refuseBy(R.PrerequisiteMissing, { zh: `${step.name.zh}的结论为“${said?.zh ?? rec.conclusion}”，不得继续`, en: `the ${step.name.en} concluded "${said?.en ?? rec.conclusion}": the procedure cannot go on` }, step.basis);
    }
  }
}

const BEFORE_ZH: Record<Checkpoint, string> = {
  openPublicComment: '公告（公开征求意见）',
  scheduleHearing: '安排听证会',
  submitAdoptionReport: '提交意见研究采纳情况',
  submitForLegalityReview: '送请合法性审查',
  recordDiscussion: '提请集体讨论',
  decide: '作出决定',
};
const actionBefore = (p: Checkpoint) => BEFORE_ZH[p];

function matterTypesOf(s: ProcedureState): MatterType[] {
  return (s.matterTypes ?? []).map(matterTypeById).filter((m): m is MatterType => !!m);
}

/**
 * What the decision must meet beyond the decree: its matter types' laws (under a profile with `otherLaws`) and the
 * requirements its profile adds that apply to it (all, or those whose condition the declared applicability or the
 * registered matter types meet).
 */
function requirementsOf(s: ProcedureState, profile: ProcedureProfile): MatterType[] {
  const laws = profile.otherLaws ? matterTypesOf(s) : [];
  const own = (profile.requirements ?? []).filter((r) => {
    const cond = r.onlyIf;
    if (!cond) return true;
    if (cond.declared && !s.applicability?.[cond.declared]) return false;
    if (cond.matterType && !s.matterTypes?.includes(cond.matterType)) return false;
    return true;
  });
  return [...laws, ...own];
}

/** The matter types and profile requirements whose steps recordMatterStep records (matter types as before, whatever the profile). */
function withSteps(s: ProcedureState, profile: ProcedureProfile): MatterType[] {
  const own = requirementsOf(s, profile).filter((r) => !matterTypeById(r.id) && r.steps.length > 0);
  return [...matterTypesOf(s), ...own];
}

/** The latest record of the step that still counts: for a step on the draft, one on the draft since its last substantial change. */
function stepRecord(s: ProcedureState, m: MatterType, step: MatterStep): MatterStepRecord | undefined {
  const recs = (s.matterSteps ?? []).filter((r) => r.matterType === m.id && r.step === step.id && (!step.ofDraft || r.draftVersion >= lastMaterialVersion(s)));
  return recs[recs.length - 1];
}

/** Whether the step is recorded (on the current draft, where it is on the draft) with a conclusion that lets the procedure go on. */
function passed(s: ProcedureState, m: MatterType, step: MatterStep): boolean {
  const done = stepRecord(s, m, step);
  return !!done && (!step.conclusions || step.conclusions.passing.includes(done.conclusion!));
}

function matterStepConclusion(s: ProcedureState, m: MatterType, stepId: string): string | undefined {
  const step = m.steps.find((x) => x.id === stepId);
  return step && stepRecord(s, m, step)?.conclusion;
}

const fraction = (x: number) => (x === 0.4 ? '五分之二' : `${Math.round(x * 100)}%`);

const citationEn = (c: Citation) => `${SOURCES[c.source]?.en ?? c.source}${c.article === undefined ? '' : `, Art. ${c.article}${c.paragraph ? ` para. ${c.paragraph}` : ''}`}`;

/** A refusal that names its law and article in the reason itself, Chinese first: …不得少于30日（《国有土地上房屋征收与补偿条例》第十条）. */
function refuseBy(code: RefusalCode, what: Bilingual, basis: Citation[], more?: Bilingual): never {
  return refuse(code, { zh: `${what.zh}（${basis.map(citationZh).join('、')}）${more ? `：${more.zh}` : ''}`, en: `${what.en} (${basis.map(citationEn).join('; ')})${more ? `: ${more.en}` : ''}` }, ...basis);
}

/** A participant's category, where given, is one of the known ones. */
export function checkHearingCategories(participants: { category?: unknown }[]): void {
  participants.forEach((x, i) => {
    if (x?.category !== undefined) need(HEARING_CATEGORIES.includes(x.category as never), `participants.${i}.category`, { zh: `必须是以下之一：${HEARING_CATEGORIES.join('、')}`, en: `must be one of ${HEARING_CATEGORIES.join(', ')}` }, art(16));
  });
}
