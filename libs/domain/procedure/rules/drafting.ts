import { art } from '../articles';
import { refuse, RefusalCode as R } from '../refusal';
import { Role } from '../roles';
import { Phase } from '../state';
import { BOOL, hash, list, need, optHash, str } from './guards';
import type { Chapter } from './rule';
import { structuredCloneJson } from './shared';

/**
 * 拟订决策草案 (Decree 713 ch. II §1 决策启动, Arts. 12–13: the draft, its
 * alternatives and revisions) and which of the conditional stages apply (Arts. 14,
 * 19, 22).
 */
export const draftingRules: Chapter<'submitDraft' | 'declareApplicability'> = {
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
    // Not an open task once the stages have begun (我的待办 offered it).
    when(s) {
      if (s.publicParticipation || s.expert || s.risk) {
        refuse(R.WrongStage, { zh: '公众参与、专家论证或者风险评估已经开始，适用的决策程序不得再行变更', en: 'which stages apply is fixed once public participation, expert argumentation or risk assessment has begun' }, art(14), art(19), art(22));
      }
    },
    validate(s, p, _a, ctx) {
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

};
