import { art } from '../articles';
import type { PeriodRequest } from '../calendar';
import { refuse, RefusalCode as R } from '../refusal';
import type { ProcedureProfile } from '../profiles';
import { Role, type Actor } from '../roles';
import { currentDraft, Phase, type Deadline, type ProcedureState } from '../state';
import { separate } from './duties';
import { hash, oneOf, optHash, str } from './guards';
import { specialGroupsHeard } from './participation';
import { DAY, type Chapter } from './rule';
import { changesAwaitingReview, deadline, draftVersion, expertDone, notFromEarlierPass, publicParticipationDone, reviewedText, riskControllable, riskDone, settle, startDeadline, unconsultedUnits } from './shared';

/**
 * 合法性审查 (ch. III §1, Arts. 25–28): submission, pauses that toll the period,
 * the legal advisers' and public-sector lawyers' opinions, and the review opinion.
 */
const SUPPLIED_BY_UNIT = { zh: '因补充材料暂停的审查，由决策承办单位补充材料后恢复；承办单位不补充的，负责合法性审查的部门可以退回（issueLegalityOpinion，outcome 为 returned）', en: 'the review resumes when the undertaking unit supplies the materials; if it does not, the review returns the matter (issueLegalityOpinion, outcome returned)' };

export const legalityRules: Chapter<'submitForLegalityReview' | 'pauseLegalityReview' | 'resumeLegalityReview' | 'submitLegalOpinion' | 'issueLegalityOpinion' | 'reviewAdoptedChanges'> = {
  submitForLegalityReview: {
    roles: [Role.UndertakingUnit],
    basis: [art(25), art(26), art(27)],
    phases: [Phase.Consultation],
    reopenedIf: (s, profile) => s.phase === Phase.Drafting && returnedForMaterials(s, profile),
    shape(p) {
      hash(p.materialsHash, 'materialsHash', art(26));
      hash(p.procedureExplanationHash, 'procedureExplanationHash', art(26));
    },
    // Everything the submission waits for is the state's: an open task (我的待办) only once every stage before it is done.
    when(s, profile) {
      if (!s.applicability || !s.drafts.length) refuse(R.PrerequisiteMissing, { zh: '应当先提交决策草案并确定适用的决策程序', en: 'a draft and the declaration of applicable stages come first' }, art(12), art(26));
      // An adjustment, or a termination, is a decision of its own, on its own text: the one in force went through review,
      // discussion and publication again as if it were the change (statute tester).
      if (profile.adjustmentDrafted && s.pendingChange && currentDraft(s)!.at < s.pendingChange.at) {
        refuse(R.PrerequisiteMissing, {
          zh: `决策${s.pendingChange.kind === 'terminate' ? '停止执行' : '调整'}应当依照法定程序进行：先提交${s.pendingChange.kind === 'terminate' ? '停止执行的决定草案' : '调整方案（修改后的决策草案）'}（submitDraft），方可送请合法性审查`,
          en: `an ${s.pendingChange.kind === 'terminate' ? 'end of execution' : 'adjustment'} goes through the procedure on its own text: submit it (submitDraft) before the legality review`,
        }, art(37), art(12));
      }
      if (profile.consultation) {
        // Art. 13: the units whose duties the matter concerns are consulted while the draft is formed, before its review (Art. 27 (2)).
        const left = unconsultedUnits(s);
        if (left.length) {
          refuse(R.PrerequisiteMissing, {
            zh: `决策事项涉及${left.join('、')}的职责或者与其关系紧密，决策承办单位应当与其充分协商（consultDepartment），方可送请合法性审查`,
            en: `the matter concerns the duties of ${left.join(', ')} or closely touches them: the undertaking unit consults them (consultDepartment) before the legality review`,
          }, art(13), art(27));
        }
        specialGroupsHeard(s, 'submitForLegalityReview');
      }
      if (!publicParticipationDone(s)) refuse(R.PrerequisiteMissing, {
          zh: '本决策草案的公众参与及意见研究采纳情况完成后，方可送请合法性审查',
          en: 'public participation on this draft, with the report on adopted opinions, must be complete before legality review',
        }, art(14), art(18), art(27));
      if (!expertDone(s)) refuse(R.PrerequisiteMissing, { zh: '本决策草案的专家论证完成后，方可送请合法性审查', en: 'expert argumentation on this draft must be complete before legality review' }, art(19), art(27));
      if (s.risk && !riskControllable(s.risk) && s.risk.draftVersion === draftVersion(s)) {
        // Whose finding it is, and what is left: the organ's own judgment (Art. 24: 决策机关认为风险可控的) where it may still give it.
        const judged = s.risk.judgement !== undefined;
        refuse(R.RiskUncontrollable, judged
          ? { zh: '决策机关认为风险不可控，应当采取调整决策草案等措施确保风险可控（调整后重新评估）后再送审', en: 'the deciding organ judged the risk not controllable: the draft is adjusted (and assessed again) until it is, before submitting' }
          : profile.organJudgesRisk
            ? { zh: '风险经评估不可控：应当调整决策草案并重新评估后再送审；决策机关认为风险可控的，由行政首长认定（judgeRisk，说明理由）后送审', en: 'the assessment found the risk uncontrollable: adjust the draft and have it reassessed, or the chief executive judges it controllable for the organ (judgeRisk, with reasons) before submitting' }
            : { zh: '风险经评估不可控，应当调整决策草案并重新评估后再送审', en: 'the risk was found uncontrollable: adjust the draft and have it reassessed before submitting' }, art(24));
      }
      if (!riskDone(s)) refuse(R.PrerequisiteMissing, {
          zh: '本决策草案的风险评估完成且风险可控后，方可送请合法性审查',
          en: 'risk assessment of this draft must be complete, with a controllable risk, before legality review',
        }, art(22), art(24), art(27));
      const prior = s.legality;
      if (prior && prior.draftVersion === draftVersion(s) && !returnedForMaterials(s, profile)) {
        refuse(
          R.PrerequisiteMissing,
          prior.opinion
            ? { zh: '本决策草案已经过合法性审查；应当根据审查意见修改后，提交修改后的草案', en: 'this draft has been reviewed already; revise it as the opinion requires and submit the revision' }
            : { zh: '本决策草案正在进行合法性审查', en: 'this draft is already under review' },
          art(28),
        );
      }
    },
    validate(s, p, _a, ctx) {
      if (ctx.profile.freshDocumentsPerCycle) notFromEarlierPass(s, p.materialsHash, 'materialsHash', { zh: '送审材料', en: 'the review materials' }, art(26));
      if (returnedForMaterials(s, ctx.profile) && [...(s.legality!.returnedMaterials ?? []), s.legality!.materialsHash].includes(p.materialsHash)) {
        refuse(R.InvalidPayload, { zh: 'materialsHash：送请审查的材料因不齐全被退回，重新送审应当补充材料，不能送交退回时的同一份材料', en: 'materialsHash: the materials were returned as incomplete; send them supplemented, not materials returned before' }, art(26));
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
      // The same draft sent again after its materials were returned (returnedResubmitted): its periods run anew, under ids of their own.
      const again = s.deadlines.filter((d) => d.id.startsWith(`legality-review-min-v${v}`)).length;
      const round = again ? `-r${again + 1}` : '';
      const minId = `legality-review-min-v${v}${round}`;
      startDeadline(s, { id: minId, label: '合法性审查期 (legality review period)', basis: ctx.profile.legalityReviewMinWorkingDays.basis, type: 'minimum', unit: 'working', days: ctx.profile.legalityReviewMinWorkingDays.value }, minPeriod, ctx);
      let maxId: string | undefined;
      if (maxPeriod) {
        maxId = `legality-review-max-v${v}${round}`;
        startDeadline(s, { id: maxId, label: '合法性审查时限 (legality review time limit)', basis: ctx.profile.legalityReviewMaxWorkingDays.basis, type: 'maximum', unit: 'working', days: ctx.profile.legalityReviewMaxWorkingDays.value! }, maxPeriod, ctx);
      }
      const returned = returnedForMaterials(s, ctx.profile) ? { returnedMaterials: [...(s.legality!.returnedMaterials ?? []), s.legality!.materialsHash] } : {};
      s.legality = { draftVersion: v, submittedBy: actor.id, submittedAt: ctx.now, materialsHash: p.materialsHash, ...(ctx.profile.freshDocumentsPerCycle ? { procedureExplanationHash: p.procedureExplanationHash } : {}), ...returned, minDeadlineId: minId, maxDeadlineId: maxId, legalOpinions: [] };
      s.phase = Phase.LegalityReview;
    },
  },

  pauseLegalityReview: {
    roles: [Role.LegalityReviewer],
    separatedRoles: [Role.LegalityReviewer],
    basis: [art(26)],
    phases: [Phase.LegalityReview],
    shape(p) {
      oneOf(p.kind, ['supplement', 'consultation', 'expert_advice'], 'kind', art(26));
      str(p.reason, 'reason', art(26));
    },
    when(s) {
      if (s.legality!.paused) refuse(R.WrongStage, { zh: '合法性审查已经暂停', en: 'the review is already paused' }, art(26));
    },
    validate(s, _p, actor, ctx) {
      separate(actor, s, { zh: '进行合法性审查', en: 'legality review' }, art(25), ctx.profile);
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
    separatedRoles: [Role.LegalityReviewer],
    basis: [art(26)],
    phases: [Phase.LegalityReview],
    shape(p) {
      optHash(p.materialsHash, 'materialsHash', art(26));
    },
    // Not offered (我的待办) to the reviewer while paused for the unit's materials: the unit resumes it (statute tester).
    when(s, _profile, role) {
      if (!s.legality!.paused) refuse(R.WrongStage, { zh: '合法性审查未暂停', en: 'the review is not paused' }, art(26));
      if (s.legality!.paused.kind === 'supplement' && role === Role.LegalityReviewer) refuse(R.WrongRole, SUPPLIED_BY_UNIT, art(26));
    },
    validate(s, p, actor, ctx) {
      const paused = s.legality!.paused!;
      if (paused.kind === 'supplement') {
        if (actor.role !== Role.UndertakingUnit) refuse(R.WrongRole, SUPPLIED_BY_UNIT, art(26));
        if (!p.materialsHash) refuse(R.MissingDocument, { zh: '应当提交补充的材料（materialsHash）', en: 'the supplemented materials (materialsHash) are required' }, art(26));
      } else if (actor.role !== Role.LegalityReviewer) {
        refuse(R.WrongRole, { zh: '因征求意见或者专家咨询暂停的审查，由负责合法性审查的部门恢复', en: 'a review paused for consultation resumes by the reviewing department' }, art(26));
      } else {
        separate(actor, s, { zh: '进行合法性审查', en: 'legality review' }, art(25), ctx.profile);
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
    separatedRoles: [Role.LegalAdviser, Role.PublicLawyer],
    basis: [art(28)],
    // And, decided with changes (decisions under `changesLegalOpinion`), on the changed text before its supplementary
    // review: the review of the changes is a legality review, whose opinions Art. 28 asks (statute tester: it was taken
    // in the second the text was adopted, no one's opinion heard).
    phases: [Phase.LegalityReview],
    decidedIf: (s) => changesAwaitingReview(s) && !s.decision?.changesReview,
    when(s, profile) {
      if (s.phase !== Phase.Decided) return;
      if (!profile.changesLegalOpinion) {
        refuse(R.WrongStage, {
          zh: '决策已经作出；只有决策机关修改后通过、修改后的文本尚待补充合法性审查时，法律顾问、公职律师才对修改后的文本提出法律意见',
          en: 'the decision has been made; legal opinions are given after it only on a text adopted with changes that awaits its supplementary legality review',
        }, art(28), art(30));
      }
    },
    shape(p) {
      hash(p.opinionHash, 'opinionHash', art(28));
    },
    validate(s, p, actor, ctx) {
      separate(actor, s, { zh: '在合法性审查中提出法律意见', en: 'a legal opinion in the legality review' }, art(28), ctx.profile);
      const given = s.phase === Phase.Decided ? (s.decision!.changesLegalOpinions ?? []) : s.legality!.legalOpinions;
      if (given.some((o) => o.by === actor.id)) refuse(R.Duplicate, { zh: `${actor.name}已经提出法律意见`, en: `${actor.name} has already given a legal opinion` }, art(28));
      if (ctx.profile.freshDocumentsPerCycle) notFromEarlierPass(s, p.opinionHash, 'opinionHash', { zh: '法律意见', en: 'the legal opinion' }, art(28));
    },
    apply(s, p, actor, ctx) {
      const opinion = { by: actor.id, capacity: actor.role as 'legal_adviser' | 'public_lawyer', opinionHash: p.opinionHash, at: ctx.now };
      if (s.phase === Phase.Decided) (s.decision!.changesLegalOpinions ??= []).push(opinion);
      else s.legality!.legalOpinions.push(opinion);
    },
  },

  issueLegalityOpinion: {
    roles: [Role.LegalityReviewer],
    separatedRoles: [Role.LegalityReviewer],
    basis: [art(25), art(27), art(28)],
    roleBasis: [art(25), art(28)],
    phases: [Phase.LegalityReview],
    shape(p) {
      oneOf(p.form, ['review', 'opinion_solicitation', 'countersignature'], 'form', art(25));
      oneOf(p.outcome, ['lawful', 'lawful_with_changes', 'returned', 'unlawful', 'exploratory'], 'outcome', art(28));
      hash(p.opinionHash, 'opinionHash', art(28));
      optHash(p.draftHash, 'draftHash', art(25));
      if (p.outcome === 'lawful_with_changes' || p.outcome === 'returned') str(p.requiredChanges, 'requiredChanges', art(28));
      if (p.outcome === 'exploratory') str(p.legalRisks, 'legalRisks', art(25));
      if (p.earlyReason !== undefined) str(p.earlyReason, 'earlyReason', art(26));
    },
    // Not an open task (我的待办) while the review is paused. A pause for the unit's materials the reviewer may still end
    // by returning them (退回, Art. 26): the unit that never supplied them held the review for good (statute tester).
    // Before a legal opinion is in it is a task: the reviewer organises them (Art. 28).
    task: (s) => !s.legality?.paused,
    when(s) {
      const l = s.legality!;
      if (l.paused && l.paused.kind !== 'supplement') refuse(R.WrongStage, { zh: `合法性审查已暂停（${l.paused.kind}），应当先恢复审查`, en: `the review is paused (${l.paused.kind}); resume it first` }, art(26));
    },
    validate(s, p, actor, ctx) {
      if (p.form !== 'review') refuse(R.NotReplaceable, {
          zh: `不得以${p.form === 'countersignature' ? '会签' : '征求意见'}等方式代替合法性审查`,
          en: `legality review cannot be replaced by ${p.form === 'countersignature' ? 'countersignature' : 'soliciting opinions'}`,
        }, art(25));
      separate(actor, s, { zh: '进行合法性审查', en: 'legality review' }, art(25), ctx.profile);
      const l = s.legality!;
      if (l.submittedBy === actor.id) refuse(R.SeparationOfDuties, { zh: '送审人员不得审查本人送审的决策草案', en: 'the person who submitted the draft cannot review it' }, art(25));
      const returning = !!l.paused && p.outcome === 'returned';
      if (l.paused && !returning) {
        refuse(R.WrongStage, {
          zh: '合法性审查因补充材料暂停：决策承办单位补充材料后恢复审查（resumeLegalityReview），方可出具审查意见；承办单位不补充或者材料仍不符合要求的，可以退回（outcome 为 returned）',
          en: 'the review is paused for the undertaking unit\'s materials: the opinion comes once the unit supplies them and resumes it (resumeLegalityReview); if it does not, or they still fall short, the review returns the matter (outcome returned)',
        }, art(26));
      }
      if (!l.legalOpinions.length && !returning) refuse(R.PrerequisiteMissing, { zh: '应当先组织法律顾问、公职律师提出法律意见', en: 'the opinions of legal advisers or public-sector lawyers must be obtained first' }, art(28));
      if (ctx.profile.legalOpinionsByOthers) notOwnLegalOpinion(l.legalOpinions, actor);
      if (ctx.profile.freshDocumentsPerCycle) notFromEarlierPass(s, p.opinionHash, 'opinionHash', { zh: '合法性审查意见', en: 'the legality opinion' }, art(25), art(28));
      const submitted = reviewedText(s);
      if (ctx.profile.textChain && p.draftHash !== undefined && p.draftHash !== submitted) refuse(R.TextMismatch, {
          zh: `审查意见所针对的决策草案（draftHash ${p.draftHash}）不是送请审查的决策草案（${submitted}）：审查意见应当针对送审的草案；草案已经修改的，应当提交修改后的草案并重新送请审查`,
          en: `the opinion is on a draft (draftHash ${p.draftHash}) other than the one submitted for review (${submitted}): the opinion is on the draft submitted; a changed draft is submitted and sent for review anew`,
        }, art(25), art(28));
      // The review time of Art. 26 para. 2 is guaranteed to the reviewing department: it may issue its
      // opinion sooner, with or without a stated reason (earlyReason). The submitting side cannot shorten
      // it: the number of days is the profile's, a pause tolls it, and the opinion is the reviewer's alone
      // (the submitter and its unit are refused above).
    },
    apply(s, p, actor, ctx) {
      const l = s.legality!;
      // Returned while paused for materials never supplied: the pause ends with the review.
      if (l.paused) {
        for (const d of reviewDeadlines(s)) {
          const last = d.tolled[d.tolled.length - 1];
          if (last && last.to === undefined) last.to = ctx.now;
        }
        l.paused = undefined;
      }
      const min = deadline(s, l.minDeadlineId);
      const early = min?.status === 'running' && min.dueAt !== undefined && ctx.now < min.dueAt;
      settle(s, l.minDeadlineId, 'met', early ? p.earlyReason : undefined);
      if (early) deadline(s, l.minDeadlineId)!.waivedBy = actor.id;
      settle(s, l.maxDeadlineId, 'met');
      l.opinion = { outcome: p.outcome, opinionHash: p.opinionHash, by: actor.id, at: ctx.now, requiredChanges: p.requiredChanges, legalRisks: p.legalRisks, earlyReason: early ? p.earlyReason : undefined };
      // The text the opinion is on, kept for the chain of texts (reviewed → adopted → published).
      if (ctx.profile.textChain) l.opinion.draftHash = reviewedText(s);
      // lawful (or exploratory, with its legal risks stated) → discussion; anything else → back to the draft.
      s.phase = p.outcome === 'lawful' || p.outcome === 'exploratory' ? Phase.Discussion : Phase.Drafting;
    },
  },

  /**
   * 补充合法性审查: a draft adopted with changes (修改后通过, Art. 30) carries changes the review of Art. 25 never saw. The
   * changed text named at the decision goes back to the legality review body, under the same rules as the review: its
   * reviewer, in writing (not by soliciting opinions or countersignature), not the one who submitted the draft, nor
   * anyone of the undertaking unit. Found lawful, the changed text is what is published (Art. 32); found unlawful, the
   * matter goes back to the meeting, which discusses and decides again.
   */
  reviewAdoptedChanges: {
    roles: [Role.LegalityReviewer],
    separatedRoles: [Role.LegalityReviewer],
    basis: [art(25), art(28), art(30)],
    roleBasis: [art(25), art(28)],
    phases: [Phase.Decided],
    shape(p) {
      oneOf(p.form, ['review', 'opinion_solicitation', 'countersignature'], 'form', art(25));
      oneOf(p.outcome, ['lawful', 'unlawful'], 'outcome', art(28));
      hash(p.textHash, 'textHash', art(25));
      hash(p.opinionHash, 'opinionHash', art(28));
      if (p.outcome === 'unlawful') str(p.reasons, 'reasons', art(28));
    },
    when(s) {
      if (!changesAwaitingReview(s)) {
        refuse(R.WrongStage, {
          zh: '决策机关未作出修改后通过的决定，或者修改后的文本已经补充合法性审查，无需补充合法性审查',
          en: 'there is no text adopted with changes awaiting a supplementary legality review',
        }, art(25), art(30));
      }
    },
    validate(s, p, actor, ctx) {
      if (p.form !== 'review') refuse(R.NotReplaceable, {
          zh: `不得以${p.form === 'countersignature' ? '会签' : '征求意见'}等方式代替对修改后文本的合法性审查`,
          en: `the legality review of the changed text cannot be replaced by ${p.form === 'countersignature' ? 'countersignature' : 'soliciting opinions'}`,
        }, art(25));
      separate(actor, s, { zh: '进行合法性审查', en: 'legality review' }, art(25), ctx.profile);
      if (s.legality?.submittedBy === actor.id) refuse(R.SeparationOfDuties, { zh: '送审人员不得审查本人送审的决策草案', en: 'the person who submitted the draft cannot review it' }, art(25));
      const adopted = s.decision!.adoptedTextHash!;
      if (ctx.profile.legalOpinionsByOthers) notOwnLegalOpinion(s.decision!.changesLegalOpinions ?? [], actor);
      if (ctx.profile.changesLegalOpinion && !s.decision!.changesLegalOpinions?.length) {
        refuse(R.PrerequisiteMissing, {
          zh: '补充合法性审查也是合法性审查：应当先组织法律顾问、公职律师对修改后的文本提出法律意见（submitLegalOpinion），再出具审查意见',
          en: 'the supplementary review is a legality review: the legal advisers or public lawyers give their opinions on the changed text first (submitLegalOpinion), then the review its opinion',
        }, art(28));
      }
      if (p.textHash !== adopted) refuse(R.TextMismatch, {
          zh: `审查的文本（textHash ${p.textHash}）不是决策机关修改后通过的文本（${adopted}）：补充合法性审查应当审查决定通过的文本（经原审查的草案为 ${reviewedText(s)}）`,
          en: `the text reviewed (textHash ${p.textHash}) is not the text the decision organ adopted with changes (${adopted}); review the text adopted (the draft first reviewed was ${reviewedText(s)})`,
        }, art(25), art(30));
    },
    apply(s, p, actor, ctx) {
      const d = s.decision!;
      d.changesReview = { textHash: p.textHash, opinionHash: p.opinionHash, outcome: p.outcome, reasons: p.reasons, by: actor.id, at: ctx.now };
      if (p.outcome === 'unlawful') {
        // The decision cannot stand as adopted: back to the meeting, the draft reviewed still before it (Art. 30).
        settle(s, `publication-c${s.cycle}`, 'cancelled');
        s.pendingChange = d.changeInProcedure;
        s.partyReport = undefined;
        s.discussion = undefined;
        s.decision = undefined;
        s.phase = Phase.Discussion;
      }
    },
  },
};

// ---------- helpers of this chapter ----------

function reviewDeadlines(s: ProcedureState): Deadline[] {
  return [s.legality?.minDeadlineId, s.legality?.maxDeadlineId]
    .map((id) => deadline(s, id))
    .filter((d): d is Deadline => !!d && (d.status === 'running' || d.status === 'paused'));
}
function lastRestart(d: Deadline): number {
  return d.tolled.length ? d.tolled[d.tolled.length - 1].to ?? d.startedAt : d.startedAt;
}

/** The draft's review returned its materials as incomplete, and the decision's rules let it be sent again unchanged (Art. 26). */
function returnedForMaterials(s: ProcedureState, profile: ProcedureProfile): boolean {
  return !!profile.returnedResubmitted && s.legality?.draftVersion === draftVersion(s) && s.legality.opinion?.outcome === 'returned';
}

/** `legalOpinionsByOthers`: the reviewer gave none of the legal opinions the review rests on (Art. 28). */
function notOwnLegalOpinion(opinions: readonly { by: string }[], actor: Actor): void {
  if (!opinions.some((o) => o.by === actor.id)) return;
  refuse(R.SeparationOfDuties, {
    zh: `${actor.name}已经在本轮审查中以法律顾问或者公职律师的身份提出法律意见，不得再对同一草案出具合法性审查意见：审查意见应当在听取他人法律意见的基础上作出，由其他审查人员审查`,
    en: `${actor.name} gave a legal opinion in this review as a legal adviser or public lawyer and does not issue the review opinion on it: the review rests on others' legal opinions; another reviewer reviews`,
  }, art(28));
}
