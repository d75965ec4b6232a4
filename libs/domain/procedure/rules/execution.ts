import { art } from '../articles';
import { refuse, RefusalCode as R } from '../refusal';
import { Role } from '../roles';
import { Hold, Phase } from '../state';
import { hash, need, oneOf, str } from './guards';
import type { Chapter } from './rule';
import { clearHold } from './shared';

/**
 * 决策执行和调整 (ch. IV, Arts. 34–37): execution reports, post-decision
 * evaluation, suspension, and adjustment or termination by the procedure again.
 */
export const executionRules: Chapter<'submitExecutionReport' | 'startEvaluation' | 'submitEvaluation' | 'suspendExecution' | 'resumeExecution' | 'startAdjustment'> = {
  submitExecutionReport: {
    roles: [Role.ExecutionUnit],
    basis: [art(34), art(35)],
    phases: [Phase.Execution],
    duringAdjustment: true,
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
    duringAdjustment: true,
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
    duringAdjustment: true,
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

};
