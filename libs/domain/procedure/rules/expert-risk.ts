import { OrganisationKind } from '../../authority/organisations';
import { art } from '../articles';
import { refuse, RefusalCode as R } from '../refusal';
import type { Payloads } from '../commands';
import { Role, type Actor } from '../roles';
import { Phase, type ProcedureState } from '../state';
import { BOOL, hash, list, need, oneOf, optHash, optHashOrText, orgId, str } from './guards';
import type { Chapter, StepContext } from './rule';
import { actsFor, draftVersion, lastMaterialVersion, riskControllable } from './shared';

/**
 * 专家论证 and 风险评估 (ch. II §3 and §4): expert argumentation (Arts. 19–21)
 * and risk assessment (Arts. 22–24).
 */
export const expertAndRiskRules: Chapter<'appointExpertPanel' | 'submitExpertOpinion' | 'submitExpertMinutes' | 'completeExpertArgumentation' | 'engageRiskAssessor' | 'submitRiskAssessment' | 'judgeRisk'> = {
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
        if (e?.institution !== undefined) need(typeof e.institution === 'boolean', `experts.${i}.institution`, BOOL, art(19));
      });
      if (p.changeReason !== undefined) str(p.changeReason, 'changeReason', art(20));
    },
    // Not an open task once the stage does not apply or this draft has its panel (我的待办 offered it; second tester).
    task: (s) => !s.expert || s.expert.draftVersion < lastMaterialVersion(s),
    when(s) {
      if (!s.applicability?.expertArgumentation.required) refuse(R.WrongStage, { zh: '本事项已确定不适用专家论证', en: 'expert argumentation was declared not applicable' }, art(19));
      if (s.expert && s.expert.draftVersion >= lastMaterialVersion(s) && s.expert.completed) {
        refuse(R.WrongStage, { zh: '本决策草案的专家论证已经完成，不能另行选定论证专家', en: 'expert argumentation on this draft is complete: no panel is named again' }, art(19), art(20));
      }
    },
    validate(s, p, actor, ctx) {
      // A panel no one has argued before yet may be named again: one named wrong (an expert who cannot sign, a typo)
      // otherwise held the argumentation for good, short of declaring a substantial change that was none (retest).
      // Once some have argued, those who have not may be taken off (and others named), with the reason: an expert who
      // never answered held the decision for good (statute tester); those who argued stay, their opinions with them.
      const current = s.expert && s.expert.draftVersion >= lastMaterialVersion(s) ? s.expert : undefined;
      const argued = current ? arguedOn(current) : [];
      if (current && argued.length) {
        if (current.panel.every((x) => p.experts.some((y) => y.id === x.id)) && p.experts.length === current.panel.length) {
          refuse(R.Duplicate, { zh: 'experts：与已选定的论证专家相同，没有更换任何专家', en: 'experts: the same panel as named: no member is replaced' }, art(20));
        }
        const left = argued.filter((id) => !p.experts.some((x) => x.id === id));
        if (left.length) {
          refuse(R.InvalidPayload, {
            zh: `experts：${left.map((id) => current.panel.find((x) => x.id === id)?.name ?? id).join('、')}已经提交论证意见，应当留在论证专家中；只能更换尚未提交意见的专家`,
            en: `experts: ${left.join(', ')} ha${left.length > 1 ? 've' : 's'} given an opinion and stay${left.length > 1 ? '' : 's'} on the panel; only members who have not argued are replaced`,
          }, art(20));
        }
        // Those who argued stay as named when they argued (retest: renamed, another organisation given).
        for (const id of argued) {
          const was = current.panel.find((x) => x.id === id);
          const now = p.experts.find((x) => x.id === id);
          if (was && now && (now.name !== was.name || now.organisation !== was.organisation || now.field !== was.field || !!now.institution !== !!was.institution)) {
            refuse(R.InvalidPayload, {
              zh: `experts：${was.name}（${id}）已经提交论证意见，其姓名、所在单位、专业领域应当与选定时相同`,
              en: `experts: ${id} has argued and stays as named then (name, organisation, field)`,
            }, art(20));
          }
        }
        if (p.form !== current.form) refuse(R.InvalidPayload, { zh: `form：已有专家以原定方式（${current.form}）提交论证意见，论证方式不再改变`, en: `form: members have argued in the form named (${current.form}); it is not changed` }, art(20));
        if (p.changeReason === undefined) {
          refuse(R.InvalidPayload, { zh: 'changeReason：已有专家提交论证意见后更换论证专家的，应当载明更换的理由（例如专家因病不能参加、申请回避、逾期未提交意见）', en: 'changeReason: a panel named again after members have argued says why the others are replaced (illness, withdrawal, no opinion in time)' }, art(20));
        }
      }
      const conflicted = p.experts.filter((e) => e.directInterest).map((e) => e.name);
      if (conflicted.length) refuse(R.ConflictOfInterest, { zh: `不得选择与决策事项有直接利害关系的专家：${conflicted.join('、')}`, en: `experts with a direct interest in the matter must be excluded: ${conflicted.join(', ')}` }, art(20));
      if (p.experts.some((e) => e.id === actor.id)) refuse(R.SeparationOfDuties, { zh: '选定论证专家的人员不得本人参加论证', en: 'the person who appoints the panel cannot sit on it' }, art(20));
      if (new Set(p.experts.map((e) => e.id)).size !== p.experts.length) refuse(R.InvalidPayload, { zh: '同一专家被重复列入', en: 'an expert is listed twice' }, art(20));
      const min = ctx.profile.minExperts;
      if (p.experts.length < min.value) refuse(R.PrerequisiteMissing, { zh: `论证专家不得少于${min.value}人`, en: `the panel needs at least ${min.value} experts` }, min.basis);
    },
    apply(s, p, actor, ctx) {
      const current = s.expert && s.expert.draftVersion >= lastMaterialVersion(s) ? s.expert : undefined;
      const panel = p.experts.map(({ id, name, organisation, field, institution }) => ({ id, name, organisation, field, ...(institution ? { institution: true } : {}) }));
      if (current && arguedOn(current).length) {
        // The same argumentation, its members changed: what was argued stays.
        current.changes = [
          ...(current.changes ?? []),
          {
            dropped: current.panel.filter((x) => !panel.some((y) => y.id === x.id)).map((x) => x.id),
            added: panel.filter((x) => !current.panel.some((y) => y.id === x.id)).map((x) => x.id),
            reason: p.changeReason!,
            by: actor.id,
            at: ctx.now,
          },
        ];
        current.panel = panel;
        return;
      }
      s.expert = { draftVersion: draftVersion(s), appointedBy: actor.id, form: p.form, panel, opinions: [] };
    },
  },

  submitExpertOpinion: {
    roles: [Role.Expert],
    basis: [art(19)],
    phases: [Phase.Consultation],
    shape(p) {
      hash(p.opinionHash, 'opinionHash', art(19));
      if (p.signed !== undefined) need(typeof p.signed === 'boolean', 'signed', BOOL, art(19));
      if (p.sealed !== undefined) need(typeof p.sealed === 'boolean', 'sealed', BOOL, art(19));
      need(p.signed === true || p.sealed === true, 'signed', { zh: '必须为 true：书面论证意见应当署名；专业机构的意见可以盖章（sealed）代替', en: 'must be true: written expert opinions are signed, or sealed (sealed) by an institution' }, art(19));
    },
    // Not an open task (我的待办) without a panel on this draft, once it is complete, or once every member has given an opinion.
    when(s) {
      const e = s.expert;
      if (!e || e.draftVersion < lastMaterialVersion(s)) refuse(R.PrerequisiteMissing, { zh: '本决策草案尚未选定论证专家', en: 'no expert panel has been appointed for this draft' }, art(20));
      if (e.completed) refuse(R.WrongStage, { zh: '本决策草案的专家论证已经完成', en: 'expert argumentation on this draft is complete' }, art(19));
      if (e.panel.every((x) => e.opinions.some((o) => o.expertId === x.id))) refuse(R.Duplicate, { zh: '选定的论证专家都已经提交论证意见', en: 'every expert on the panel has given an opinion' }, art(19));
    },
    validate(s, p, actor) {
      const e = s.expert!;
      const member = e.panel.find((x) => x.id === actor.id);
      if (!member) refuse(R.WrongRole, { zh: `${actor.name}不是选定的论证专家`, en: `${actor.name} is not on the expert panel` }, art(20));
      if (p.signed !== true && !member.institution) {
        refuse(R.InvalidPayload, { zh: `signed：专家个人的书面论证意见应当署名；盖章只能代替专业机构的署名，而${actor.name}未被选定为专业机构`, en: `signed: an individual expert signs the written opinion; a seal stands in only for an institution, and ${actor.name} was not appointed as one` }, art(19));
      }
      if (e.opinions.some((o) => o.expertId === actor.id)) refuse(R.Duplicate, { zh: `${actor.name}已经提交论证意见`, en: `${actor.name} has already given an opinion` }, art(19));
    },
    apply(s, p, actor, ctx) {
      s.expert!.opinions.push({ expertId: actor.id, opinionHash: p.opinionHash, at: ctx.now, ...(p.signed !== true ? { sealed: true } : {}) });
    },
  },

  submitExpertMinutes: {
    roles: [Role.UndertakingUnit],
    basis: [art(19)],
    roleBasis: [art(19), art(20)],
    phases: [Phase.Consultation],
    shape(p) {
      hash(p.minutesHash, 'minutesHash', art(19));
      list(p.signedBy, 'signedBy', art(19), 1);
      p.signedBy.forEach((id, i) => str(id, `signedBy.${i}`, art(19), 100));
      need(new Set(p.signedBy).size === p.signedBy.length, 'signedBy', { zh: '同一专家被重复列入', en: 'must name each expert once' }, art(19));
    },
    when(s) {
      const e = s.expert;
      if (!e || e.draftVersion < lastMaterialVersion(s)) refuse(R.PrerequisiteMissing, { zh: '本决策草案尚未选定论证专家', en: 'no expert panel has been appointed for this draft' }, art(20));
      if (e.form !== 'meeting') refuse(R.WrongStage, { zh: '只有以论证会方式开展的专家论证，才形成论证会纪要', en: 'minutes come from an expert meeting; this panel argues in another form' }, art(19), art(20));
      if (e.completed) refuse(R.WrongStage, { zh: '本决策草案的专家论证已经完成', en: 'expert argumentation on this draft is complete' }, art(19));
    },
    validate(s, p) {
      const strangers = p.signedBy.filter((id) => !s.expert!.panel.some((x) => x.id === id));
      if (strangers.length) refuse(R.WrongRole, { zh: `论证会纪要只能由选定的论证专家签字：${strangers.join('、')}不是选定的论证专家`, en: `the minutes are signed by panel members only; not on the panel: ${strangers.join(', ')}` }, art(20));
    },
    apply(s, p, actor, ctx) {
      const e = s.expert!;
      e.minutes = [...(e.minutes ?? []), { minutesHash: p.minutesHash, signedBy: p.signedBy, by: actor.id, at: ctx.now }];
      // Who argued by signing the minutes, kept past this pass (the panel is reset by an adjustment): Art. 36 para. 2.
      s.arguedInMinutes = [...new Set([...(s.arguedInMinutes ?? []), ...p.signedBy])];
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
    // All of it is the state's: an open task (我的待办) only once every member has argued.
    when(s) {
      const e = s.expert;
      if (!e || e.draftVersion < lastMaterialVersion(s)) refuse(R.PrerequisiteMissing, { zh: '本决策草案尚未选定论证专家', en: 'no expert panel has been appointed for this draft' }, art(20));
      if (e.completed) refuse(R.Duplicate, { zh: '专家论证已经完成', en: 'expert argumentation is already complete' }, art(19));
      // Each member's opinion: written and signed (or sealed), or given at the meeting and signed in its minutes.
      const argued = (id: string) => e.opinions.some((o) => o.expertId === id) || (e.minutes ?? []).some((m) => m.signedBy.includes(id));
      const missing = e.panel.filter((x) => !argued(x.id)).map((x) => x.name);
      if (missing.length) {
        refuse(R.MissingDocument, {
          zh: `以下专家尚未提交署名的书面论证意见，也未在论证会纪要上签字：${missing.join('、')}`,
          en: `no signed written opinion, nor signature on the meeting's minutes, from: ${missing.join(', ')}`,
        }, art(19));
      }
    },
    apply(s, p, _a, ctx) {
      s.expert!.completed = { adoptionReportHash: p.adoptionReportHash, at: ctx.now };
    },
  },

  /**
   * Art. 23 para. 3: 开展风险评估，可以委托专业机构、社会组织等第三方进行. The engagement is made by whoever organises the
   * assessment (Art. 22: 决策承办单位或者负责风险评估工作的其他单位), here the undertaking unit, or by the deciding organ's
   * chief executive; from then on a third-party assessment of this pass comes only from an organisation engaged.
   */
  engageRiskAssessor: {
    roles: [Role.UndertakingUnit, Role.ChiefExecutive],
    since: 'organActs',
    basis: [art(22), art(23, 3)],
    phases: [Phase.Drafting, Phase.Consultation],
    shape(p) {
      orgId(p.organisation, 'organisation', art(23, 3));
      optHash(p.contractHash, 'contractHash', art(23, 3));
    },
    when(s) {
      const a = s.applicability?.riskAssessment;
      if (a && (!a.required || a.priorAssessmentRef)) refuse(R.WrongStage, { zh: '本事项已确定不开展风险评估，无需委托评估机构', en: 'risk assessment was declared not to be done for this matter: there is no assessor to engage' }, art(22));
    },
    // Taken early where the unit knows it (the rules allow it while drafting), offered (我的待办) only once the risk is to
    // be assessed and no assessor is engaged for this pass: it was offered before the declaration said no assessment
    // (tester), and after one was engaged.
    task: (s) => !!s.applicability?.riskAssessment?.required && !s.applicability.riskAssessment.priorAssessmentRef && !s.riskEngagements?.length,
    validate(s, p) {
      if ((s.riskEngagements ?? []).some((e) => e.organisation === p.organisation)) refuse(R.Duplicate, { zh: `${p.organisation}已经受托开展本决策的风险评估`, en: `${p.organisation} is already engaged to assess this decision's risk` }, art(23, 3));
    },
    apply(s, p, actor, ctx) {
      s.riskEngagements = [...(s.riskEngagements ?? []), { organisation: p.organisation, documentHash: p.contractHash, by: actor.id, at: ctx.now }];
    },
  },

  /**
   * Art. 22: 决策承办单位或者负责风险评估工作的其他单位应当组织评估. The report comes from the unit itself, from the unit
   * responsible for risk assessment (a risk assessor's office), or, engaged (Art. 23 para. 3), from a third party
   * (statute tester: the undertaking unit was told the assessment was not its to make).
   */
  submitRiskAssessment: {
    roles: [Role.RiskAssessor, Role.UndertakingUnit],
    basis: [art(22), art(23), art(24)],
    roleBasis: [art(22), art(23)],
    phases: [Phase.Consultation],
    shape(p) {
      if (p.level !== undefined) oneOf(p.level, ['low', 'medium', 'high'], 'level', art(23));
      need(typeof p.controllable === 'boolean', 'controllable', BOOL, art(24));
      hash(p.reportHash, 'reportHash', art(23));
      need(typeof p.thirdParty === 'boolean', 'thirdParty', BOOL, art(23));
      if (p.departmentsHeard !== undefined) {
        list(p.departmentsHeard, 'departmentsHeard', art(23, 2));
        p.departmentsHeard.forEach((d, i) => str(d, `departmentsHeard.${i}`, art(23, 2), 200));
      }
      for (const k of ['riskPoints', 'measures', 'contingencyPlan'] as const) optHashOrText(p[k], k, art(23, 2));
    },
    when(s, _profile, role) {
      const a = s.applicability?.riskAssessment;
      if (!a?.required) refuse(R.WrongStage, { zh: '本事项已确定不适用风险评估', en: 'risk assessment was declared not applicable' }, art(22));
      // Engaged a third party for this pass, the unit waits for its report: its own would close the assessment and shut
      // the engaged one out (retest).
      const engagedTo = (s.riskEngagements ?? []).map((e) => e.organisation);
      if (role === Role.UndertakingUnit && engagedTo.length) {
        refuse(R.WrongRole, {
          zh: `本决策的风险评估已委托第三方（${engagedTo.join('、')}）开展，评估报告由受托机构提交，决策承办单位不另行提交`,
          en: `this decision's risk assessment is engaged to a third party (${engagedTo.join(', ')}): the engaged body submits the report, not the undertaking unit`,
        }, art(23, 3));
      }
      if (a.priorAssessmentRef) refuse(R.WrongStage, { zh: '有关风险已按照有关规定进行评估，不作重复评估', en: 'the risk was already assessed under other rules and is not assessed again' }, art(22, 2));
      if (s.risk && s.risk.draftVersion === draftVersion(s)) {
        const controllable = riskControllable(s.risk);
        refuse(
          controllable ? R.Duplicate : R.RiskUncontrollable,
          controllable
            ? { zh: '本决策草案已经进行风险评估', en: 'this draft has already been assessed' }
            : { zh: '本决策草案的风险经评估不可控，应当调整草案后再行评估', en: 'the risk of this draft was found uncontrollable: adjust the draft before it is assessed again' },
          art(24),
        );
      }
    },
    validate(s, p, actor, ctx) {
      if (ctx.profile.riskReportContents) reportAsArt23Asks(p);
      if (actor.role === Role.UndertakingUnit && p.thirdParty) {
        refuse(R.InvalidPayload, {
          zh: 'thirdParty：决策承办单位自行组织的风险评估不是第三方评估，不应勾选“委托第三方评估”；委托第三方评估的，由受托机构提交评估报告',
          en: "thirdParty: the undertaking unit's own assessment is not a third party's; an engaged third party submits its own report",
        }, art(22), art(23, 3));
      }
      if (ctx.profile.organActs) engaged(s, p.thirdParty, actor, ctx);
    },
    apply(s, p, actor, ctx) {
      s.risk = {
        draftVersion: draftVersion(s),
        assessor: { id: actor.id, organisation: actor.organisation, thirdParty: p.thirdParty },
        level: p.level,
        controllable: p.controllable,
        reportHash: p.reportHash,
        departmentsHeard: p.departmentsHeard,
        riskPoints: p.riskPoints,
        measures: p.measures,
        contingencyPlan: p.contingencyPlan,
        at: ctx.now,
      };
    },
  },

  /**
   * Art. 24: 决策机关认为风险可控的，可以作出决策；认为风险不可控的，在采取调整决策草案等措施确保风险可控后，可以作出决策.
   * The judgment is the organ's, signed by its chief executive, on the assessment of the draft on the table; the
   * assessment is its important basis, so a judgment that departs from it gives reasons. Judged not controllable, the
   * draft is adjusted and assessed again.
   */
  judgeRisk: {
    roles: [Role.ChiefExecutive],
    since: 'organJudgesRisk',
    basis: [art(24)],
    phases: [Phase.Consultation, Phase.LegalityReview, Phase.Discussion],
    shape(p) {
      need(typeof p.controllable === 'boolean', 'controllable', BOOL, art(24));
      if (p.reasons !== undefined) str(p.reasons, 'reasons', art(24));
    },
    when(s) {
      if (!s.risk || s.risk.draftVersion < lastMaterialVersion(s)) refuse(R.PrerequisiteMissing, { zh: '本决策草案尚未形成风险评估报告，决策机关无从认定风险是否可控', en: 'there is no risk assessment report of this draft for the deciding organ to judge' }, art(23), art(24));
      if (s.risk.judgement) refuse(R.Duplicate, { zh: '决策机关已经认定本决策草案的风险是否可控', en: "the deciding organ has already judged this draft's risk" }, art(24));
    },
    validate(s, p) {
      if (p.controllable !== s.risk!.controllable && !p.reasons) {
        refuse(R.ReasonRequired, { zh: '认定与风险评估结论不一致的，应当说明理由（reasons）：风险评估结果是决策的重要依据', en: 'a judgment that departs from the assessment gives its reasons: the assessment is an important basis of the decision' }, art(24));
      }
    },
    apply(s, p, actor, ctx) {
      s.risk!.judgement = { controllable: p.controllable, reasons: p.reasons, by: actor.id, at: ctx.now };
    },
  },

};

/**
 * Art. 23 para. 3 (decisions under `organActs`): a third-party assessment comes from an official of an organisation
 * engaged for this pass; an outside body's assessment is a third party's, never the organiser's own.
 */
function engaged(s: ProcedureState, thirdParty: boolean, actor: Actor, ctx: StepContext): void {
  const outside = ctx.office?.path?.[0]?.kind === OrganisationKind.OutsideBody;
  if (!thirdParty) {
    if (outside) {
      refuse(R.NotDesignated, {
        // Named by its field first, so the form shows it under its checkbox (web tester: a code field named, none marked).
        zh: `thirdParty：${actor.organisation}是决策机关以外的机构，其评估属于委托第三方评估，应当勾选“委托第三方评估”（thirdParty: true），并经委托`,
        en: `thirdParty: ${actor.organisation} is outside the government: its assessment is a third party's (tick "Assessed by a commissioned third party", thirdParty: true), on an engagement`,
      }, art(23, 3));
    }
    return;
  }
  const orgs = (s.riskEngagements ?? []).map((e) => e.organisation);
  if (!orgs.length) {
    refuse(R.PrerequisiteMissing, {
      zh: '尚未委托第三方开展本决策的风险评估，不能提交第三方评估报告；应当先由组织评估的单位委托评估机构（engageRiskAssessor）',
      en: 'no third party has been engaged to assess this decision: the unit organising the assessment engages one first (engageRiskAssessor)',
    }, art(23, 3));
  }
  if (!orgs.some((o) => actsFor(actor, ctx, o))) {
    refuse(R.NotDesignated, {
      zh: `${actor.organisation}不是受托开展本决策风险评估的第三方（${orgs.join('、')}）`,
      en: `${actor.organisation} is not the third party engaged to assess this decision (${orgs.join(', ')})`,
    }, art(23, 3));
  }
}

/** Art. 23 para. 2 (decisions under `riskReportContents`): what the assessment heard and what its report states. */
function reportAsArt23Asks(p: Payloads['submitRiskAssessment']): void {
  if (!p.departmentsHeard?.length) {
    refuse(R.InvalidPayload, { zh: 'departmentsHeard：开展风险评估，应当听取有关部门的意见：载明听取了哪些部门的意见', en: 'departmentsHeard: the assessment hears the departments concerned; name those heard' }, art(23, 2));
  }
  const parts = { riskPoints: ['风险点', 'the risk points'], measures: ['风险防范措施', 'the preventive measures'], contingencyPlan: ['处置预案', 'the contingency plan'] } as const;
  for (const [k, [zh, en]] of Object.entries(parts) as [keyof typeof parts, readonly [string, string]][]) {
    if (p[k] === undefined) refuse(R.InvalidPayload, { zh: `${k}：风险评估报告应当明确风险点，提出风险防范措施和处置预案：缺少${zh}（报告中的文字或者文件哈希值）`, en: `${k}: the risk assessment report states the risk points, the preventive measures and the contingency plan; ${en} are missing (the text, or a document's hash)` }, art(23, 2));
  }
}

/** The members of a panel who have argued: an opinion given, or minutes of the meeting signed. */
function arguedOn(e: NonNullable<ProcedureState['expert']>): string[] {
  return [...new Set([...e.opinions.map((o) => o.expertId), ...(e.minutes ?? []).flatMap((m) => m.signedBy)])];
}
