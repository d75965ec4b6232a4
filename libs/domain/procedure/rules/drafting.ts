import { art } from '../articles';
import { refuse, RefusalCode as R } from '../refusal';
import { Role } from '../roles';
import type { ProcedureProfile } from '../profiles';
import { Phase, type Applicability, type ProcedureState } from '../state';
import { BOOL, hash, isHash, list, need, oneOf, optHash, orgId, str } from './guards';
import type { Chapter } from './rule';
import { unreportedParticipation } from './participation';
import { draftVersion, structuredCloneJson, withheldBy } from './shared';

/**
 * 拟订决策草案 (Decree 713 ch. II §1 决策启动, Arts. 12–13: the draft, its
 * alternatives and revisions) and which of the conditional stages apply (Arts. 14,
 * 19, 22).
 */
export const draftingRules: Chapter<'submitDraft' | 'declareApplicability' | 'consultDepartment'> = {
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
    validate(s, p, _a, ctx) {
      if ((p.alternatives?.length ?? 0) >= 2 && !p.comparisonHash) {
        refuse(R.MissingDocument, { zh: '提出两个以上方案的，应当附方案比较说明（comparisonHash）', en: 'two or more alternatives need the comparison of them (comparisonHash)' }, art(12));
      }
      if (s.drafts.length > 0 && !p.reason) refuse(R.ReasonRequired, { zh: '修改后的决策草案应当说明修改理由', en: 'a revised draft needs the reason for the revision' }, art(18), art(27));
      if (s.drafts.length > 0 && p.material === undefined) {
        refuse(R.InvalidPayload, { zh: '修改后的决策草案应当载明是否属于实质性修改（material），以确定是否重新征求公众意见', en: 'a revised draft must say whether the change is substantial (material), which decides whether the public is consulted again' }, art(18));
      }
      if (ctx.profile.reportBeforeRevision && s.drafts.length > 0 && p.material === true) unreportedParticipation(s);
      // An adjustment's draft is a new text, not the one in force (Art. 37; statute tester: the text in force was taken).
      if (ctx.profile.freshDocumentsPerCycle && s.pendingChange && p.documentHash === s.inForce?.publication.documentHash) {
        const terminating = s.pendingChange.kind === 'terminate';
        refuse(R.InvalidPayload, {
          zh: `documentHash：这是正在执行的决策文本；${terminating ? '停止执行的决定草案' : '调整方案（修改后的决策草案）'}应当是新拟订的文本`,
          en: `documentHash: this is the text in force; ${terminating ? 'the draft decision to end its execution' : 'the adjusted draft'} is a new text`,
        }, art(37), art(12));
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
      const pp = p.publicParticipation as { required?: unknown; nonDisclosureBasis?: unknown; disclosureBasis?: unknown } | undefined;
      need(pp && typeof pp.required === 'boolean', 'publicParticipation.required', BOOL, art(14));
      if (pp?.required === false) str(pp.nonDisclosureBasis, 'publicParticipation.nonDisclosureBasis', art(14));
      if (pp?.required === true && pp.disclosureBasis !== undefined) str(pp.disclosureBasis, 'publicParticipation.disclosureBasis', art(14));
      need(typeof p.hearingRequired === 'boolean', 'hearingRequired', BOOL, art(16));
      need(typeof p.expertArgumentation?.required === 'boolean', 'expertArgumentation.required', BOOL, art(19));
      str(p.expertArgumentation?.reason, 'expertArgumentation.reason', art(19));
      need(typeof p.riskAssessment?.required === 'boolean', 'riskAssessment.required', BOOL, art(22));
      str(p.riskAssessment?.reason, 'riskAssessment.reason', art(22));
      if (p.riskAssessment?.priorAssessmentRef !== undefined) str(p.riskAssessment.priorAssessmentRef, 'riskAssessment.priorAssessmentRef', art(22, 2));
      need(typeof p.affectsMarket === 'boolean', 'affectsMarket', BOOL, art(29));
      if (p.unitsConcerned !== undefined) {
        list(p.unitsConcerned, 'unitsConcerned', art(13));
        p.unitsConcerned.forEach((u, i) => orgId(u, `unitsConcerned.${i}`, art(13)));
        need(new Set(p.unitsConcerned).size === p.unitsConcerned.length, 'unitsConcerned', { zh: '不得重复列出同一单位', en: 'must not name a unit twice' }, art(13));
      }
      if (p.specialGroups !== undefined) {
        list(p.specialGroups, 'specialGroups', art(14, 3));
        p.specialGroups.forEach((g, i) => str(g, `specialGroups.${i}`, art(14, 3), 200));
        need(new Set(p.specialGroups).size === p.specialGroups.length, 'specialGroups', { zh: '不得重复列出同一群体', en: 'must not name a group twice' }, art(14, 3));
      }
      if (p.peoplesCongress !== undefined) oneOf(p.peoplesCongress, ['decide', 'report'], 'peoplesCongress', art(8));
    },
    // Not an open task once the stages have begun (我的待办 offered it): then a correction that adds a stage, not a task.
    task: (s) => !stagesBegun(s),
    validate(s, p, _a, ctx) {
      if (stagesBegun(s)) onlyAdded(s.applicability!, p);
      // Art. 22 para. 2: a risk assessed already is not assessed again; the assessment stands for this one, so it is the
      // report itself, uploaded, that the meeting reads (Art. 29), not a text saying so (statute tester: "已评估" skipped it).
      const prior = p.riskAssessment?.priorAssessmentRef;
      if (ctx.profile.priorAssessmentDocumented && prior !== undefined && !isHash(prior)) {
        refuse(R.InvalidPayload, {
          zh: 'riskAssessment.priorAssessmentRef：已经进行的风险评估，应当载明该风险评估报告本身（上传后以文件摘要 hash 引用），集体讨论时作为风险评估报告报送，而不是文号或者说明',
          en: 'riskAssessment.priorAssessmentRef: a risk assessed already is named by its report itself (uploaded, by its hash), which goes to the meeting as the risk report, not by a reference or a statement',
        }, art(22, 2), art(29));
      }
      // Decisions under the rules before `consultation` have none of these declarations (and keep their rules).
      if (!ctx.profile.consultation) {
        const added = (['unitsConcerned', 'specialGroups', 'peoplesCongress'] as const).filter((k) => p[k] !== undefined);
        if (added.length) {
          refuse(R.InvalidPayload, {
            zh: `${added.join('、')}：本决策登记时适用的程序规则（${ctx.profile.id}）没有这些事项，本决策按登记时的规则办理`,
            en: `${added.join(', ')}: the rules this decision was registered under (${ctx.profile.id}) have no such declaration; the decision keeps the rules it started with`,
          }, art(8), art(13), art(14, 3));
        }
      }
      if (p.unitsConcerned?.includes(s.undertakingUnit)) {
        refuse(R.InvalidPayload, { zh: `unitsConcerned：${s.undertakingUnit}是决策承办单位本身，应当列出与之协商的其他部门、下一级人民政府等单位`, en: `unitsConcerned: ${s.undertakingUnit} is the undertaking unit itself; list the other units it consults` }, art(13));
      }
      if (ctx.profile.publicCommentRequired.value && !p.publicParticipation.required && !('nonDisclosureBasis' in p.publicParticipation)) {
        refuse(R.InvalidPayload, { zh: '只有依法不予公开的决策事项，才可以不开展公众参与', en: 'public participation may be left out only for a matter that may lawfully not be disclosed' }, art(14));
      }
      const basis = p.publicParticipation.required ? undefined : p.publicParticipation.nonDisclosureBasis;
      if (ctx.profile.nonDisclosureCitesLaw && typeof basis === 'string' && !/《[^》]+》/.test(basis)) {
        refuse(R.InvalidPayload, {
          zh: `publicParticipation.nonDisclosureBasis：依法不予公开的决策事项，应当载明不予公开所依据的法律、法规（法律名称加书名号并写明条款，例如《中华人民共和国保守国家秘密法》第十三条）；“${basis}”没有载明法律依据`,
          en: `publicParticipation.nonDisclosureBasis: a matter withheld by law names the law that withholds it (its title in 《》 with the article, e.g. 《中华人民共和国保守国家秘密法》第十三条); "${basis}" names none`,
        }, art(14));
      }
      if (ctx.profile.nonDisclosureByLaw && typeof basis === 'string' && !citesLawArticle(basis)) {
        const titles = [...basis.matchAll(/《[^》]+》/g)].map((m) => m[0]);
        refuse(R.InvalidPayload, {
          zh: `publicParticipation.nonDisclosureBasis：依法不予公开，应当依据法律、行政法规或者地方性法规，写明其名称和条款（例如《中华人民共和国保守国家秘密法》第十三条、《中华人民共和国政府信息公开条例》第十四条）；${titles.length ? `${titles.join('、')}不是法律、法规，或者没有写明条款；单位的规程、办法、通知等不是不予公开的依据` : '没有写明条款'}`,
          en: `publicParticipation.nonDisclosureBasis: a matter is withheld by a law, an administrative or a local regulation, named with its article (e.g. 《中华人民共和国保守国家秘密法》第十三条); ${titles.length ? `${titles.join(', ')} is no law or regulation, or names no article; a unit's own rules or notices withhold nothing` : 'no article is named'}`,
        }, art(14));
      }
      withheldStaysWithheld(s, p.publicParticipation, ctx.profile);
      if (!p.publicParticipation.required && p.hearingRequired) {
        refuse(R.InvalidPayload, { zh: '不开展公众参与的决策事项，不能要求召开听证会', en: 'a hearing cannot be required for a matter exempt from public participation' }, art(14), art(16));
      }
    },
    apply(s, p) {
      s.applicability = structuredCloneJson(p);
      if (s.drafts.length) s.phase = Phase.Consultation;
    },
  },

  /**
   * Art. 13: 决策事项涉及决策机关所属部门、下一级人民政府等单位的职责，或者与其关系紧密的，决策承办单位应当与其充分协商.
   * The undertaking unit records each unit consulted, its opinion and whether they agree; a disagreement is resolved by
   * consulting the unit again. One left unresolved is stated to the deciding organ with the materials of the discussion
   * (recordDiscussion `materials.disagreementHash`, Art. 29); the units declared concerned are consulted before the
   * legality review (submitForLegalityReview).
   */
  consultDepartment: {
    roles: [Role.UndertakingUnit],
    since: 'consultation',
    basis: [art(13)],
    roleBasis: [art(13)],
    phases: [Phase.Drafting, Phase.Consultation],
    // Offered in 我的待办 only while a unit declared concerned has not been consulted.
    task: (s) => (s.applicability?.unitsConcerned ?? []).some((u) => !(s.unitConsultations ?? []).some((c) => c.cycle === s.cycle && c.unit === u)),
    shape(p) {
      orgId(p.unit, 'unit', art(13));
      hash(p.opinionHash, 'opinionHash', art(13));
      need(typeof p.agreed === 'boolean', 'agreed', BOOL, art(13));
      if (p.agreed === false) str(p.disputedIssues, 'disputedIssues', art(13));
      else if (p.disputedIssues !== undefined) str(p.disputedIssues, 'disputedIssues', art(13));
    },
    validate(s, p) {
      if (p.unit === s.undertakingUnit) {
        refuse(R.InvalidPayload, { zh: `unit：${p.unit}是决策承办单位本身，应当记录与之协商的其他部门、下一级人民政府等单位`, en: `unit: ${p.unit} is the undertaking unit itself; record the other unit consulted` }, art(13));
      }
    },
    apply(s, p, actor, ctx) {
      (s.unitConsultations ??= []).push({
        unit: p.unit,
        opinionHash: p.opinionHash,
        agreed: p.agreed,
        ...(p.disputedIssues !== undefined ? { disputedIssues: p.disputedIssues } : {}),
        cycle: s.cycle,
        draftVersion: draftVersion(s),
        by: actor.id,
        at: ctx.now,
      });
    },
  },
};

/**
 * Arts. 14, 32, 37: a matter withheld by law (in this pass's declaration, or in the decision in force, published through
 * no channel, whose adjustment this is) is put out for public participation only on a stated basis for disclosing it now (publicParticipation.disclosureBasis: declassified,
 * say); else it stays withheld, and its publication in turn names no channel or its own basis. Without this, a new
 * declaration forgot the old one and the withheld text went out for comment (fresh-eyes tester). The basis is refused
 * anywhere else. (The field is new with the rule: a payload carrying it was refused as unknown before.)
 */
function withheldStaysWithheld(s: ProcedureState, pp: Applicability['publicParticipation'], profile: ProcedureProfile): void {
  const before = s.inForce?.publication;
  // Withheld: the decision in force was published through no channel, or this pass declared the matter not to be
  // disclosed and is declaring again (fresh-eyes tester: the declaration was simply replaced, and the draft went out).
  const basisWithheld = before && before.nonDisclosureBasis !== undefined && before.disclosureBasis === undefined && before.channels.length === 0 ? before.nonDisclosureBasis : withheldBy(s);
  const withheld = basisWithheld !== undefined;
  const basis = pp.required ? pp.disclosureBasis : undefined;
  if (basis !== undefined && !withheld) {
    refuse(R.InvalidPayload, { zh: 'publicParticipation.disclosureBasis：只在此前依法不予公开的决策事项、现向社会公开征求意见时填写', en: 'publicParticipation.disclosureBasis: is given only where a matter withheld by law is now put out for participation' }, art(14));
  }
  if (withheld && profile.disclosureOfWithheld && pp.required && basis === undefined) {
    refuse(R.ReasonRequired, {
      zh: `本决策事项此前依法不予公开（依据：${basisWithheld}）：向社会公开征求意见的，应当载明现在可以公开的依据（publicParticipation.disclosureBasis，例如已经解密）；仍不予公开的，载明 required 为 false 及其依据`,
      en: `this matter was withheld by law (${basisWithheld}): to put it out for participation, state the basis on which it may now be disclosed (publicParticipation.disclosureBasis, e.g. declassified); to keep it withheld, say required: false and why`,
    }, art(14), ...(before ? [art(37)] : []));
  }
}

/**
 * Whether a basis cites a law or a regulation by its article (Art. 14, `nonDisclosureByLaw`): a title in 《》 that is a
 * law's (…法, not …办法/方法/做法/算法), an administrative or local regulation's (…条例; a State Council 规定/办法/条例; a
 * local 实施〈…〉办法), followed, after a revision note in brackets if any, by 第…条 (digits half- or full-width). Not a
 * department's rules, notices or opinions, whoever issued them (retest: 《…内部工作方法》 and 《国务院办公厅…通知》 passed).
 */
export function citesLawArticle(basis: string): boolean {
  for (const m of basis.matchAll(/《([^》]+)》\s*(?:[（(][^）)]*[）)]\s*)?第\s*[〇零一二三四五六七八九十百千0-9０-９]+\s*条/g)) {
    const title = m[1].trim();
    if (/(?<![办方做算手])法$/.test(title) || /条例$/.test(title)) return true;
    if (/^国务院(?!办公厅|.*部|.*委员会|.*局).*(规定|办法)$/.test(title) && !/(内部|工作)/.test(title)) return true;
    if (/实施[〈<《][^〉>》]+法[〉>》].*办法$/.test(title)) return true;
  }
  return false;
}

/** Public participation, expert argumentation or risk assessment has begun: which stages apply may then only grow. */
const stagesBegun = (s: ProcedureState): boolean => !!(s.applicability && (s.publicParticipation || s.expert || s.risk));

/**
 * Once a stage has begun, the declaration of what applies is corrected only by adding to it: a stage whose need comes
 * to light in consultation, or that the legality review finds missing, is added (Arts. 19, 22: 应当; statute tester: a
 * risk assessment could not be added once a symposium was held, the decision left to go on without it or start
 * again). Nothing declared is taken back (a stage begun or owed stays owed), and a declaration adding nothing is none.
 */
function onlyAdded(before: Applicability, p: Applicability): void {
  const narrowed = (field: string) =>
    refuse(R.WrongStage, {
      zh: `${field}：公众参与、专家论证或者风险评估已经开始，已经确定适用的决策程序不得取消或者改变，只能补充（例如补充专家论证、风险评估）`,
      en: `${field}: public participation, expert argumentation or risk assessment has begun: a stage declared is neither taken back nor changed, stages may only be added`,
    }, art(14), art(19), art(22));
  const dropped = (was: boolean, is: boolean) => was && !is;
  if (dropped(before.publicParticipation.required, p.publicParticipation.required)) narrowed('publicParticipation.required');
  if (dropped(before.hearingRequired, p.hearingRequired)) narrowed('hearingRequired');
  if (dropped(before.expertArgumentation.required, p.expertArgumentation.required)) narrowed('expertArgumentation.required');
  if (dropped(before.riskAssessment.required, p.riskAssessment.required)) narrowed('riskAssessment.required');
  // A prior assessment named now for a risk assessment declared and owed would take the stage back (retest: accepted,
  // and the review went ahead with no assessment made); one named before stays as named.
  const prior = before.riskAssessment.priorAssessmentRef;
  if (prior !== undefined ? p.riskAssessment.priorAssessmentRef !== prior : before.riskAssessment.required && p.riskAssessment.priorAssessmentRef !== undefined) narrowed('riskAssessment.priorAssessmentRef');
  // What was declared of a stage not being added stays as stated: its reason, the basis for withholding (retest).
  if (before.expertArgumentation.required === p.expertArgumentation.required && p.expertArgumentation.reason !== before.expertArgumentation.reason) narrowed('expertArgumentation.reason');
  if (before.riskAssessment.required === p.riskAssessment.required && p.riskAssessment.reason !== before.riskAssessment.reason) narrowed('riskAssessment.reason');
  if (!before.publicParticipation.required && !p.publicParticipation.required && p.publicParticipation.nonDisclosureBasis !== before.publicParticipation.nonDisclosureBasis) narrowed('publicParticipation.nonDisclosureBasis');
  if (dropped(before.affectsMarket, p.affectsMarket)) narrowed('affectsMarket');
  if ((before.unitsConcerned ?? []).some((u) => !(p.unitsConcerned ?? []).includes(u))) narrowed('unitsConcerned');
  if ((before.specialGroups ?? []).some((g) => !(p.specialGroups ?? []).includes(g))) narrowed('specialGroups');
  if (before.peoplesCongress !== undefined && p.peoplesCongress !== before.peoplesCongress) narrowed('peoplesCongress');
  const added =
    (!before.publicParticipation.required && p.publicParticipation.required) ||
    (!before.hearingRequired && p.hearingRequired) ||
    (!before.expertArgumentation.required && p.expertArgumentation.required) ||
    (!before.riskAssessment.required && p.riskAssessment.required) ||
    (!before.affectsMarket && p.affectsMarket) ||
    (p.unitsConcerned ?? []).length > (before.unitsConcerned ?? []).length ||
    (p.specialGroups ?? []).length > (before.specialGroups ?? []).length ||
    (before.peoplesCongress === undefined && p.peoplesCongress !== undefined);
  if (!added) {
    refuse(R.Duplicate, {
      zh: '公众参与、专家论证或者风险评估已经开始，本次确定的适用程序没有补充任何事项；已经开始后，只能补充需要适用的程序',
      en: 'public participation, expert argumentation or risk assessment has begun, and this declaration adds nothing: once begun, stages may only be added',
    }, art(14), art(19), art(22));
  }
}
