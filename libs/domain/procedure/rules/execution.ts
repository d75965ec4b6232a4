import { art } from '../articles';
import { EVALUATION_PARTICIPANT_ZH, EVALUATION_PARTICIPANTS, EVALUATION_SITUATION_ZH, EVALUATION_SITUATIONS, FEEDBACK_CHANNELS, SUSPENSION_SITUATION_ZH, SUSPENSION_SITUATIONS, type EvaluationSituation, type Payloads } from '../commands';
import { ProcedureViolation, refuse, refusal, RefusalCode as R, type Refusal } from '../refusal';
import { Role, type Actor } from '../roles';
import { Hold, Phase, type ProcedureState } from '../state';
import type { ProcedureProfile } from '../profiles';
import { INSTANT_FORMAT, instantMs } from '../instant';
import { hash, isTime, list, need, oneOf, optHash, orgId, str } from './guards';
import type { Chapter, StepContext } from './rule';
import { actedForUnit, personsWhoArgued } from './duties';
import { actsFor, barredBecause, clearHold, CORRECTION_PREFIX, issueBarred, keepEarlierPass, settle, startCorrectionDue } from './shared';

/**
 * 决策执行和调整 (ch. IV, Arts. 34–37): execution reports, post-decision
 * evaluation, suspension, and adjustment or termination by the procedure again.
 */
export const executionRules: Chapter<'designateExecutionUnit' | 'submitExecutionReport' | 'superviseExecution' | 'commissionEvaluation' | 'startEvaluation' | 'submitEvaluation' | 'suspendExecution' | 'resumeExecution' | 'startAdjustment' | 'recordPublicFeedback'> = {
  /**
   * Art. 34: 决策机关应当明确负责重大行政决策执行工作的单位. The organ's act, signed by its chief executive (who decides for
   * it, Art. 30); the decree lets no office make it for the organ. From the decision on, and again in execution (a later
   * designation replaces the earlier one); it stands while an adjustment runs, as execution goes on.
   */
  designateExecutionUnit: {
    roles: [Role.ChiefExecutive],
    since: 'organActs',
    basis: [art(34)],
    phases: [Phase.Decided, Phase.Published, Phase.Execution],
    duringHold: true,
    duringAdjustment: true,
    shape(p) {
      list(p.organisations, 'organisations', art(34), 1);
      p.organisations.forEach((o, i) => orgId(o, `organisations.${i}`, art(34)));
      need(new Set(p.organisations).size === p.organisations.length, 'organisations', { zh: '不得重复列出同一单位', en: 'must not name a unit twice' }, art(34));
      optHash(p.documentHash, 'documentHash', art(34));
    },
    when(s, profile) {
      // The decision in force is executed by its units until the change adopted is published (Art. 37,
      // `executionThroughAdjustment`): a unit designated for the change at its adoption had replaced them, their reports
      // refused while 我的待办 still offered them (retest); a termination is executed by no new unit.
      if (profile.executionThroughAdjustment && s.inForce && (s.phase === Phase.Decided || (s.phase === Phase.Published && s.decision?.terminates))) {
        refuse(R.WrongStage, s.decision?.terminates
          ? { zh: '决策机关已决定停止执行本决策，不再明确新的决策执行单位', en: 'the deciding organ decided to stop this decision: no new execution unit is designated' }
          : { zh: '调整后的决策公布前，原决策由其执行单位继续执行；调整后的决策公布后，方可明确其执行单位', en: 'until the adjusted decision is published, the decision in force is executed by its units; designate the adjusted decision\'s once it is published' }, art(34), art(37));
      }
      // A decision that cannot be issued is executed by no one (testers: a unit designated after the congress said no).
      const barred = profile.executionAwaitsIssue && s.phase === Phase.Decided && !s.pendingChange ? issueBarred(s) : undefined;
      if (barred) {
        const by = barredBecause(barred);
        refuse(R.PrerequisiteMissing, {
          zh: `${by.zh}，决策不能出台，不能明确决策执行单位；可以按照意见处理后重新报请，或者由行政首长决定撤回`,
          en: `${by.en}: the decision cannot be issued, so no execution unit is designated; deal with it and seek approval again, or the chief executive withdraws it`,
        }, by.article, art(34));
      }
    },
    apply(s, p, actor, ctx) {
      s.executionUnits = { organisations: [...p.organisations], documentHash: p.documentHash, by: actor.id, at: ctx.now };
    },
  },

  submitExecutionReport: {
    roles: [Role.ExecutionUnit],
    basis: [art(34), art(35)],
    phases: [Phase.Execution],
    reopenedIf: executedOncePublished,
    duringAdjustment: true,
    duringHold: true,
    shape(p) {
      hash(p.reportHash, 'reportHash', art(35));
      need(typeof p.problem === 'boolean', 'problem', { zh: '必须载明报告是否反映问题（true 或 false）', en: 'must say whether the report raises a problem' }, art(35));
    },
    // Where the organ acts as itself, not an open task (我的待办) before it designated the execution unit.
    when(s, profile) {
      if (profile.organActs && !s.executionUnits) notDesignatedYet('报告决策执行情况');
    },
    validate(s, _p, actor, ctx) {
      designatedExecutor(s, actor, ctx, '报告决策执行情况', '报告本决策的执行情况');
    },
    apply(s, p, actor, ctx) {
      s.executionReports.push({ reportHash: p.reportHash, problem: p.problem, by: actor.id, at: ctx.now });
      // The units' report answers the organ's orders to correct (correctionDue).
      if (ctx.profile.correctionDue) for (const d of s.deadlines) if (d.id.startsWith(CORRECTION_PREFIX)) settle(s, d.id, 'met');
    },
  },

  /**
   * Art. 34: 决策机关…对决策执行情况进行督促检查 (decisions under `organStartsAndIssues`). The organ's act: its chief
   * executive, or its general office (the office that inspects for it); at any time in execution once it designated the
   * execution unit, and offered as a task (我的待办) while the unit has not reported, or has reported a problem the organ
   * has not looked into since. An order to correct is the organ's, addressed to the units it designated.
   */
  superviseExecution: {
    roles: [Role.ChiefExecutive, Role.MeetingSecretary],
    since: 'organStartsAndIssues',
    basis: [art(34)],
    phases: [Phase.Execution],
    reopenedIf: executedOncePublished,
    duringHold: true,
    duringAdjustment: true,
    when(s) {
      if (!s.executionUnits) {
        refuse(R.PrerequisiteMissing, {
          zh: '决策机关尚未明确决策执行单位（designateExecutionUnit），无从督促检查决策执行情况',
          en: 'the deciding organ has not designated the execution unit (designateExecutionUnit): there is no execution to supervise yet',
        }, art(34));
      }
    },
    task(s) {
      const reports = s.executionReports;
      const seen = s.supervisions?.[s.supervisions.length - 1]?.reportsSeen ?? 0;
      return reports.length === 0 || (reports.length > seen && reports.slice(seen).some((r) => r.problem));
    },
    shape(p) {
      hash(p.findingsHash, 'findingsHash', art(34));
      if (p.units !== undefined) {
        list(p.units, 'units', art(34), 1);
        p.units.forEach((o, i) => orgId(o, `units.${i}`, art(34)));
      }
      if (p.correction !== undefined) {
        need(typeof p.correction === 'object' && p.correction !== null, 'correction', { zh: '必须载明责令纠正的事项（order）', en: 'must give the order to correct (order)' }, art(34));
        str(p.correction.order, 'correction.order', art(34));
        if (p.correction.dueBy !== undefined) need(isTime(p.correction.dueBy), 'correction.dueBy', { zh: `必须是${INSTANT_FORMAT.zh}`, en: `must be ${INSTANT_FORMAT.en}` }, art(34));
      }
    },
    validate(s, p, _a, ctx) {
      const designated = s.executionUnits!.organisations;
      const other = p.units?.find((u) => !designated.includes(u));
      if (other) {
        refuse(R.NotDesignated, {
          zh: `units：${other}不是决策机关明确的决策执行单位（${designated.join('、')}）`,
          en: `units: ${other} is not an execution unit the deciding organ designated (${designated.join(', ')})`,
        }, art(34));
      }
      if (p.correction?.dueBy !== undefined && instantMs(p.correction.dueBy) <= ctx.now) refuse(R.InvalidPayload, { zh: 'correction.dueBy：必须是将来的日期', en: 'correction.dueBy must be in the future' }, art(34));
    },
    apply(s, p, actor, ctx) {
      const correction = p.correction ? { order: p.correction.order, ...(p.correction.dueBy !== undefined ? { dueBy: instantMs(p.correction.dueBy) } : {}) } : undefined;
      if (ctx.profile.correctionDue && correction?.dueBy !== undefined) startCorrectionDue(s, correction.dueBy, ctx);
      s.supervisions = [
        ...(s.supervisions ?? []),
        { findingsHash: p.findingsHash, ...(p.units ? { units: [...p.units] } : {}), ...(correction ? { correction } : {}), reportsSeen: s.executionReports.length, by: actor.id, at: ctx.now },
      ];
    },
  },

  /**
   * Art. 36: 决策机关可以组织决策后评估，并确定承担评估具体工作的单位. The organ's act, signed by its chief executive; the
   * unit named may be an outside body (委托专业机构、社会组织等第三方), never one that did the main argumentation or
   * assessment before the decision (Art. 36 para. 2). A later commission replaces one not yet begun.
   */
  commissionEvaluation: {
    roles: [Role.ChiefExecutive],
    since: 'organActs',
    basis: [art(36)],
    phases: [Phase.Execution],
    duringHold: true,
    // The decision in force is evaluated while its adjustment runs: the result is an important basis for it (Art. 36).
    duringAdjustment: true,
    shape(p) {
      orgId(p.organisation, 'organisation', art(36));
      str(p.trigger, 'trigger', art(36));
      if (p.situation !== undefined) oneOf(p.situation, EVALUATION_SITUATIONS, 'situation', art(36));
      optHash(p.documentHash, 'documentHash', art(36));
    },
    when(s) {
      if (s.evaluations.some((e) => !e.report)) refuse(R.Duplicate, { zh: '决策后评估正在进行', en: 'an evaluation is already under way' }, art(36));
    },
    validate(s, p, _a, ctx) {
      arguedBefore(s, p.organisation);
      if (ctx.profile.evaluatorNotUndertaker && draftingUnits(s).includes(p.organisation)) draftedIt(s, p.organisation);
      if (ctx.profile.evaluationSituation) inArt36Situation(s, p.situation);
    },
    apply(s, p, actor, ctx) {
      s.evaluationCommission = { organisation: p.organisation, trigger: p.trigger, ...(p.situation !== undefined ? { situation: p.situation } : {}), documentHash: p.documentHash, by: actor.id, at: ctx.now };
    },
  },

  startEvaluation: {
    roles: [Role.Evaluator],
    basis: [art(36)],
    phases: [Phase.Execution],
    duringHold: true,
    duringAdjustment: true,
    // Not offered (我的待办) to a unit commissioned that has since argued or assessed the adjustment's draft: its start
    // would be refused (Art. 36 para. 2; the property test found it offered during an adjustment).
    task: (s, profile) => !profile.organActs || !s.evaluationCommission || !argued(s, s.evaluationCommission.organisation),
    shape(p) {
      str(p.trigger, 'trigger', art(36));
    },
    // Not an open task (我的待办) while an evaluation runs, nor, where the organ acts as itself, before it commissioned one.
    when(s, profile) {
      if (s.evaluations.some((e) => !e.report)) refuse(R.Duplicate, { zh: '决策后评估正在进行', en: 'an evaluation is already under way' }, art(36));
      if (!profile.organActs) return;
      const c = s.evaluationCommission;
      if (!c || c.started) {
        refuse(R.PrerequisiteMissing, {
          zh: '决策机关尚未组织决策后评估、确定承担评估具体工作的单位，不能启动评估；应当先由决策机关确定评估单位（commissionEvaluation）',
          en: 'the deciding organ has not organised an evaluation nor named the unit to carry it out: it commissions the evaluation first (commissionEvaluation)',
        }, art(36));
      }
    },
    validate(s, _p, actor, ctx) {
      arguedBefore(s, actor.organisation);
      if (ctx.profile.evaluatorNotUndertaker) {
        const unit = draftingUnits(s).find((u) => actsFor(actor, ctx, u));
        if (unit !== undefined) draftedIt(s, unit);
        workedOnItBefore(s, actor);
      }
      if (!ctx.profile.organActs) return;
      const c = s.evaluationCommission!;
      if (!actsFor(actor, ctx, c.organisation)) {
        refuse(R.NotDesignated, {
          zh: `${actor.organisation}不是决策机关确定的承担评估具体工作的单位（${c.organisation}），不能承担本决策的决策后评估`,
          en: `${actor.organisation} is not the unit the deciding organ named to carry out the evaluation (${c.organisation})`,
        }, art(36));
      }
    },
    apply(s, p, actor, ctx) {
      s.evaluations.push({ evaluator: { id: actor.id, organisation: actor.organisation }, trigger: p.trigger, startedAt: ctx.now });
      if (ctx.profile.organActs) s.evaluationCommission!.started = true;
    },
  },

  submitEvaluation: {
    roles: [Role.Evaluator],
    basis: [art(36)],
    phases: [Phase.Execution],
    duringHold: true,
    // An evaluation under way is an important basis for the adjustment (Art. 36): its report still comes in while one runs.
    duringAdjustment: true,
    shape(p) {
      hash(p.reportHash, 'reportHash', art(36));
      oneOf(p.recommendation, ['continue', 'adjust', 'suspend', 'terminate'], 'recommendation', art(36));
      optHash(p.publicOpinionHash, 'publicOpinionHash', art(36, 3));
      if (p.participants !== undefined) {
        list(p.participants, 'participants', art(36, 3));
        p.participants.forEach((w, i) => {
          oneOf(w?.kind, EVALUATION_PARTICIPANTS, `participants.${i}.kind`, art(36, 3));
          str(w?.name, `participants.${i}.name`, art(36, 3), 200);
        });
        const named = p.participants.map((w) => `${w.kind} ${w.name}`);
        need(new Set(named).size === named.length, 'participants', { zh: '不得重复列出同一参与者', en: 'must not name a participant twice' }, art(36, 3));
      }
    },
    when(s) {
      if (!s.evaluations.some((e) => !e.report)) refuse(R.PrerequisiteMissing, { zh: '没有正在进行的决策后评估', en: 'no evaluation is under way' }, art(36));
    },
    validate(s, p, actor, ctx) {
      const open = s.evaluations.find((e) => !e.report)!;
      // The unit's work (Art. 36: 确定承担评估具体工作的单位), not one person's: an evaluator who left office held the
      // evaluation open for good, and with it every later one (statute tester). Another evaluator of the unit submits it.
      if (ctx.profile.evaluatorNotUndertaker) workedOnItBefore(s, actor);
      if (open.evaluator.id !== actor.id && !actsFor(actor, ctx, open.evaluator.organisation)) {
        refuse(R.WrongRole, {
          zh: `评估报告应当由承担该评估具体工作的单位（${open.evaluator.organisation}）的评估人员提交，${actor.organisation}不是该单位`,
          en: `the report is submitted by an evaluator of the unit carrying out the evaluation (${open.evaluator.organisation}); ${actor.organisation} is not that unit`,
        }, art(36));
      }
      if (ctx.profile.evaluationParticipation) evaluationAsArt36Asks(p);
    },
    apply(s, p, _a, ctx) {
      s.evaluations.find((e) => !e.report)!.report = {
        reportHash: p.reportHash,
        recommendation: p.recommendation,
        at: ctx.now,
        ...(p.publicOpinionHash !== undefined ? { publicOpinionHash: p.publicOpinionHash } : {}),
        ...(p.participants !== undefined ? { participants: p.participants.map((w) => ({ kind: w.kind, name: w.name })) } : {}),
      };
    },
  },

  /**
   * Art. 37: 执行中出现本条例第三十五条规定的情形、情况紧急的，决策机关行政首长可以先决定中止执行. Otherwise a decision in
   * force is changed or stopped only by the procedure (startAdjustment): under `suspensionGrounds` the suspension names
   * the Art. 35 situation and why it is urgent, and the record keeps both.
   */
  suspendExecution: {
    roles: [Role.ChiefExecutive],
    basis: [art(35), art(37)],
    roleBasis: [art(37)],
    // Published, the decision is in force and executed: the chief executive's power in an emergency does not wait for
    // the undertaking unit to archive it (statute tester). Held so, it is archived, and stays held in execution.
    phases: [Phase.Published, Phase.Execution],
    duringAdjustment: true,
    shape(p) {
      str(p.reason, 'reason', art(37));
      if (p.situation !== undefined) oneOf(p.situation, SUSPENSION_SITUATIONS, 'situation', art(35));
      if (p.urgency !== undefined) str(p.urgency, 'urgency', art(37));
    },
    when(s, profile) {
      if (profile.terminationEndsExecution) executionNotStopped(s, '中止执行', 'a suspension');
      if (s.hold === Hold.Suspended || s.suspensionBeneath) refuse(R.Duplicate, { zh: '决策已经中止执行', en: 'execution is already suspended' }, art(37));
    },
    validate(_s, p, _a, ctx) {
      if (!ctx.profile.suspensionGrounds) return;
      const statutory = { zh: '行政首长先决定中止执行，限于执行中出现第三十五条规定的情形（决策存在问题、客观情况发生重大变化、不可抗力等严重影响决策目标实现）且情况紧急；否则应当依照法定程序调整或者停止执行（startAdjustment）', en: 'the chief executive suspends execution first only where an Art. 35 situation arose in execution (a problem, a material change of circumstances, force majeure or the like) and the matter is urgent; otherwise it is adjusted or stopped by the procedure (startAdjustment)' };
      need(p.situation !== undefined, 'situation', { zh: `必须载明出现的第三十五条情形（${SUSPENSION_SITUATIONS.map((x) => `${x}：${SUSPENSION_SITUATION_ZH[x]}`).join('；')}）：${statutory.zh}`, en: `must name the Art. 35 situation (${SUSPENSION_SITUATIONS.join(', ')}): ${statutory.en}` }, art(35), art(37));
      // A reason, not a mark: '。' was taken, and the page then read "情况紧急：。" (retest).
      need(p.urgency !== undefined && /[\p{L}\p{N}]/u.test(p.urgency), 'urgency', { zh: `必须载明情况紧急、不能等待法定程序的理由：${statutory.zh}`, en: `must say why the matter is urgent and cannot wait for the procedure: ${statutory.en}` }, art(37));
    },
    apply(s, p, actor, ctx) {
      const info = { reason: p.reason, by: actor.id, at: ctx.now, ...(p.situation !== undefined ? { situation: p.situation } : {}), ...(p.urgency !== undefined ? { urgency: p.urgency } : {}) };
      // While the adjustment is postponed, the suspension is kept beneath the postponement (`executionThroughAdjustment`).
      if (ctx.profile.executionThroughAdjustment && s.hold === Hold.Postponed) s.suspensionBeneath = info;
      else {
        s.hold = Hold.Suspended;
        s.holdInfo = info;
      }
    },
  },

  resumeExecution: {
    roles: [Role.ChiefExecutive],
    basis: [art(37)],
    phases: [Phase.Published, Phase.Execution],
    duringAdjustment: true,
    duringHold: true,
    shape(p) {
      str(p.reason, 'reason', art(37));
    },
    when(s, profile) {
      if (profile.terminationEndsExecution) executionNotStopped(s, '恢复执行', 'a resumption');
      if (s.hold !== Hold.Suspended && !s.suspensionBeneath) refuse(R.WrongStage, { zh: '决策未中止执行', en: 'execution is not suspended' }, art(37));
    },
    apply(s) {
      if (s.suspensionBeneath) delete s.suspensionBeneath;
      else clearHold(s);
    },
  },

  /**
   * Art. 37: a major adjustment goes through the statutory procedure again; whether to adjust or stop a decision in force
   * is the deciding organ's to say (as it decided it, Art. 30), so where the organ acts as itself its chief executive
   * starts it, not the undertaking unit.
   */
  startAdjustment: {
    roles: [Role.UndertakingUnit],
    organRoles: [Role.ChiefExecutive],
    basis: [art(37)],
    phases: [Phase.Execution],
    duringHold: true,
    shape(p) {
      oneOf(p.kind, ['adjust', 'terminate'], 'kind', art(37));
      str(p.reason, 'reason', art(37));
    },
    apply(s, p, actor, ctx) {
      s.pendingChange = { kind: p.kind, reason: p.reason, by: actor.id, at: ctx.now };
      if (ctx.profile.freshDocumentsPerCycle) keepEarlierPass(s);
      // The decision stays in force, as published, until the adjustment is decided and published in its turn.
      const pp = s.publicParticipation;
      // What stood against disclosing a decision published withheld goes with it, the state of its pass being reset below.
      const barred = ctx.profile.disclosureDuringChange && s.publication && !s.publication.channels.length ? issueBarred(s) : undefined;
      if (s.publication) s.inForce = { publication: s.publication, ...(pp ? { publicParticipation: { draftVersion: pp.draftVersion, ...(pp.adoptionReport ? { adoptionReport: pp.adoptionReport } : {}) } } : {}), ...(barred ? { disclosureBarred: barred } : {}) };
      s.cycle += 1;
      // A new pass through the procedure: new draft, participation, review and decision.
      s.publicParticipation = undefined;
      s.expert = undefined;
      s.risk = undefined;
      s.riskEngagements = undefined;
      s.legality = undefined;
      s.discussion = undefined;
      s.decision = undefined;
      s.partyReport = undefined;
      s.partyReply = undefined;
      s.publication = undefined;
      s.archive = undefined;
      s.applicability = undefined;
      s.phase = Phase.Drafting;
    },
  },

  /**
   * Art. 35 para. 2: 公民、法人或者其他组织认为重大行政决策及其实施存在问题的，可以通过信件、电话、电子邮件等方式向决策机关
   * 或者决策执行单位提出意见建议. Whoever received it records the opinion and how it was handled: an official of the execution
   * unit the organ designated, or the organ (its chief executive or general office). From publication on, while execution
   * is suspended or an adjustment runs; never a task of its own (it answers what comes).
   */
  recordPublicFeedback: {
    roles: [Role.ExecutionUnit, Role.ChiefExecutive, Role.MeetingSecretary],
    since: 'consultation',
    basis: [art(35, 2)],
    phases: [Phase.Published, Phase.Execution],
    duringHold: true,
    duringAdjustment: true,
    task: () => false,
    shape(p) {
      oneOf(p.channel, FEEDBACK_CHANNELS, 'channel', art(35, 2));
      hash(p.feedbackHash, 'feedbackHash', art(35, 2));
      str(p.handling, 'handling', art(35, 2));
      optHash(p.handlingHash, 'handlingHash', art(35, 2));
    },
    validate(s, _p, actor, ctx) {
      if (actor.role === Role.ExecutionUnit) designatedExecutor(s, actor, ctx, '记录其收到的意见建议', '记录本决策实施中收到的意见建议');
    },
    apply(s, p, actor, ctx) {
      // The handling's words stay in the step's entry, not in the state: a decision in force for years gathers feedback
      // without end, and the state is carried whole from run to run (carried.ts; fresh-eyes tester: 432 of 2,000 characters).
      (s.publicFeedback ??= []).push({ channel: p.channel, feedbackHash: p.feedbackHash, ...(p.handlingHash ? { handlingHash: p.handlingHash } : {}), by: actor.id, role: actor.role, organisation: actor.organisation, at: ctx.now });
    },
  },

};

/**
 * Art. 34 (decisions under `organActs`): an execution unit acts in the decision only as one the deciding organ designated
 * (or an office under it). `step`: what it would do, before designation; `own`: the same, said of this decision (in Chinese).
 */
function designatedExecutor(s: ProcedureState, actor: Actor, ctx: StepContext, step: string, own: string): void {
  if (!ctx.profile.organActs) return;
  const units = s.executionUnits?.organisations;
  if (!units) notDesignatedYet(step);
  if (!units.some((u) => actsFor(actor, ctx, u))) {
    refuse(R.NotDesignated, {
      zh: `${actor.organisation}不是决策机关明确的决策执行单位（${units.join('、')}），不能${own}`,
      en: `${actor.organisation} is not the execution unit the deciding organ designated (${units.join(', ')})`,
    }, art(34));
  }
}

/** Art. 34: before the organ designated the execution unit, no unit acts as one; `step`: what it would do. */
function notDesignatedYet(step: string): never {
  refuse(R.PrerequisiteMissing, {
    zh: `决策机关尚未明确负责本决策执行工作的单位，不能${step}；应当先由决策机关明确决策执行单位（designateExecutionUnit）`,
    en: `the deciding organ has not designated the unit that executes this decision: it designates the execution unit first (designateExecutionUnit)`,
  }, art(34));
}

/** Art. 36 para. 2: the unit that did the main argumentation or assessment before the decision does not evaluate it. */
function argued(s: ProcedureState, organisation: string): boolean {
  return new Set([...(s.expert?.panel.map((e) => e.organisation) ?? []), ...(s.risk ? [s.risk.assessor.organisation] : []), ...(s.riskEngagements ?? []).map((e) => e.organisation)]).has(organisation);
}

function arguedBefore(s: ProcedureState, organisation: string): void {
  if (argued(s, organisation)) {
    refuse(R.ConflictOfInterest, {
      zh: `${organisation}在决策作出前承担了主要论证评估工作，不得承担决策后评估`,
      en: `${organisation} did the main argumentation or assessment before the decision and cannot evaluate it`,
    }, art(36, 2));
  }
}

/**
 * Art. 36 para. 2 (decisions under `evaluatorNotUndertaker`): the undertaking unit drafted the decision, with the research,
 * the comparison of alternatives and the argumentation that went into it (Arts. 12, 22): the main argumentation before
 * the decision was its work, and it does not evaluate it, nor an office of it (statute tester: the undertaking bureau
 * was commissioned to evaluate its own decision).
 */
function draftedIt(s: ProcedureState, unit: string): never {
  throw new ProcedureViolation(undertakerEvaluating(unit, unit !== s.undertakingUnit));
}

/**
 * The units that drafted the decision: the undertaking unit, and the units the organ named to share the work with it
 * (Art. 11: coUnits; retest: a co-undertaking unit was commissioned to evaluate).
 */
export const draftingUnits = (s: ProcedureState): string[] => [s.undertakingUnit, ...(s.initiation?.coUnits ?? [])];

/**
 * The refusal of the undertaking unit, or (`office`, named by the API, which knows where an organisation lies) one of
 * its offices, as the evaluator of its own decision.
 */
export function undertakerEvaluating(undertakingUnit: string, coUnit: boolean, office?: string): Refusal {
  const which = coUnit ? { zh: '决策机关确定的共同承办单位', en: 'a unit the deciding organ named to share the drafting' } : { zh: '决策承办单位', en: 'undertaking unit' };
  return refusal(R.ConflictOfInterest, {
    zh: `${office ? `organisation：${office}是${undertakingUnit}的内设机构；` : ''}${undertakingUnit}是本决策的${which.zh}，决策作出前承担了拟订决策草案及其调查研究、论证评估工作，它及其内设机构不得承担决策后评估；可以委托专业机构、社会组织等第三方进行`,
    en: `${office ? `organisation: ${office} is an office of ${undertakingUnit}; ` : ''}${undertakingUnit} is the decision's ${which.en}: it drafted it, with the research and argumentation before the decision, so neither it nor an office of it evaluates it; a professional body or social organisation may be commissioned`,
  }, art(36, 2));
}

/**
 * The same of a person (decisions under `evaluatorNotUndertaker`): one who acted for the undertaking unit on the decision,
 * argued it on the expert panel or signed its risk assessment does not evaluate it, whatever unit they now evaluate for
 * (retest: the official who drafted it, also appointed in the evaluating body, started the evaluation).
 */
function workedOnItBefore(s: ProcedureState, actor: Actor): void {
  const drafted = actedForUnit(s, actor.id);
  // In any pass: the timeline keeps every step, the state only this pass's panel and assessment.
  const argued = personsWhoArgued(s).includes(actor.id);
  if (drafted === undefined && !argued) return;
  refuse(R.ConflictOfInterest, {
    zh: `${actor.name}（${actor.id}）在决策作出前${drafted !== undefined ? `作为决策承办单位办理了本决策（第${drafted}条记录${drafted === 0 ? '，登记' : ''}）` : '承担了本决策的论证评估工作'}，不得参与决策后评估；应当由评估单位的其他评估人员办理`,
    en: `${actor.id} ${drafted !== undefined ? `acted for the undertaking unit on this decision (entry ${drafted})` : 'argued or assessed this decision'} before it was made and takes no part in its evaluation; another evaluator of the unit does`,
  }, art(36, 2));
}

/** Art. 36 para. 3 (decisions under `evaluationParticipation`): the evaluation heard the public, and others took part. */
function evaluationAsArt36Asks(p: Payloads['submitEvaluation']): void {
  const statute = { zh: '开展决策后评估，应当注重听取社会公众的意见，吸收人大代表、政协委员、人民团体、基层组织、社会组织参与评估', en: 'an evaluation hears the public, and NPC deputies, CPPCC members, people\'s, grassroots and social organisations take part in it' };
  need(p.publicOpinionHash !== undefined, 'publicOpinionHash', { zh: `必须附听取社会公众意见的情况（文件哈希值）：${statute.zh}`, en: `must attach how the public's opinions were heard (a document's hash): ${statute.en}` }, art(36, 3));
  const kinds = EVALUATION_PARTICIPANTS.map((k) => `${k} ${EVALUATION_PARTICIPANT_ZH[k]}`);
  need(!!p.participants?.length, 'participants', { zh: `必须载明参与评估的人大代表、政协委员、人民团体、基层组织或者社会组织（kind：${kinds.join('、')}；name：姓名或者名称）：${statute.zh}`, en: `must name the deputies, members or organisations who took part (kind: ${EVALUATION_PARTICIPANTS.join(', ')}; name): ${statute.en}` }, art(36, 3));
}

/**
 * Arts. 34, 35 (decisions under `executionFromPublication`): the decision is executed once published, its archiving
 * (Art. 33) being the record's, not a condition of its execution: the units report and the organ supervises before it
 * (statute tester: the chief could suspend for a problem the unit could not yet report). Not a termination's.
 */
/**
 * Art. 37 (decisions under `terminationEndsExecution`): once the decision to stop executing the decision is published,
 * there is no execution left to suspend or resume (statute tester: a terminated decision was suspended and resumed, the
 * record then saying its execution went on).
 */
function executionNotStopped(s: ProcedureState, zh: string, en: string): void {
  if (s.phase === Phase.Published && s.decision?.terminates) {
    refuse(R.WrongStage, {
      zh: `决策机关停止执行本决策的决定已经公布，决策不再执行，不能${zh}；停止执行的决定归档（archive）后，决策程序终止`,
      en: `the decision to stop executing this decision has been published: it is no longer executed, so ${en} is not possible; the procedure ends once that decision is archived (archive)`,
    }, art(37));
  }
}

function executedOncePublished(s: ProcedureState, profile: ProcedureProfile): boolean {
  return !!profile.executionFromPublication && s.phase === Phase.Published && !s.decision?.terminates;
}

/**
 * `evaluationSituation` (Art. 36 para. 1: 有下列情形之一的，决策机关可以组织决策后评估): the commission names its situation;
 * "many opinions" rests on the opinions recorded (recordPublicFeedback, Art. 35 para. 2). Before, any text was taken
 * as the trigger (statute tester).
 */
function inArt36Situation(s: ProcedureState, situation: EvaluationSituation | undefined): void {
  if (situation === undefined) {
    refuse(R.InvalidPayload, {
      zh: `situation：必须载明组织决策后评估的第三十六条情形：${EVALUATION_SITUATIONS.map((x) => `${x}：${EVALUATION_SITUATION_ZH[x]}`).join('；')}`,
      en: `situation: must name the situation of Art. 36 the evaluation is organised in: ${EVALUATION_SITUATIONS.join(', ')}`,
    }, art(36));
  }
  if (situation === 'many_opinions' && !s.publicFeedback?.length) {
    refuse(R.PrerequisiteMissing, {
      zh: 'situation：以公民、法人或者其他组织提出较多意见为由组织评估的，应当先记录所收到的意见（recordPublicFeedback）；本决策尚无记录',
      en: 'situation: an evaluation for the many opinions received rests on the opinions recorded (recordPublicFeedback); this decision has none',
    }, art(35, 2), art(36));
  }
}
