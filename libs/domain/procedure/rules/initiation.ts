import { art } from '../articles';
import { PROPOSAL_SOURCES, type ProposalSource } from '../commands';
import { refuse, RefusalCode as R } from '../refusal';
import { Role } from '../roles';
import { Phase } from '../state';
import { list, need, oneOf, optHash, orgId, str } from './guards';
import type { Chapter } from './rule';

/** Who proposed, in the words of Art. 10. */
const PROPOSER_ZH: Record<ProposalSource, string> = {
  leaders: '决策机关领导人员',
  department: '决策机关所属部门',
  lower_government: '下一级人民政府',
  deputies: '人大代表',
  members: '政协委员',
  public: '公民、法人或者其他组织',
  catalog: '决策事项目录',
};

/**
 * 决策启动 (ch. II §1, Arts. 10, 11; decisions under `organStartsAndIssues`): the deciding organ decides, on a proposal
 * researched and argued as Art. 10 says, whether to start the procedure, and, starting it, designates the undertaking
 * unit (the lead unit where several share the work). A matter its catalog lists (Art. 3 para. 3) was taken up when the
 * organ determined the catalog: under the profile's `startDecision` 'catalog' the department that registers it
 * undertakes it without a further act; under 'organ' the organ decides to start each decision first.
 */
export const initiationRules: Chapter<'decideToStart'> = {
  decideToStart: {
    roles: [Role.ChiefExecutive],
    since: 'organStartsAndIssues',
    basis: [art(10), art(11)],
    phases: [Phase.Drafting],
    when(s) {
      if (s.initiation) refuse(R.Duplicate, { zh: '决策机关已经决定启动本决策程序并明确了决策承办单位', en: 'the deciding organ has already decided to start this procedure and designated its undertaking unit' }, art(11));
      if (s.drafts.length || s.cycle > 1) {
        refuse(R.WrongStage, {
          zh: '决策承办单位已经开始拟订决策草案：决定启动决策程序、明确决策承办单位应当在拟订决策草案之前',
          en: 'the undertaking unit has begun drafting: the decision to start the procedure and the designation of its undertaking unit come before the draft',
        }, art(11));
      }
    },
    // Offered in 我的待办 only where the profile has the organ start each decision; under 'catalog' the organ may still record it.
    task: (_s, profile) => profile.startDecision?.value === 'organ',
    shape(p) {
      need(typeof p.proposal === 'object' && p.proposal !== null, 'proposal', { zh: '必须载明决策事项建议（来源、提出者）', en: 'must give the proposal (its source and proposer)' }, art(10));
      oneOf(p.proposal.source, PROPOSAL_SOURCES, 'proposal.source', art(10));
      str(p.proposal.proposer, 'proposal.proposer', art(10), 200);
      optHash(p.proposal.documentHash, 'proposal.documentHash', art(10));
      optHash(p.proposal.argumentationHash, 'proposal.argumentationHash', art(10));
      if (p.proposal.source === 'catalog') str(p.proposal.catalogRef, 'proposal.catalogRef', art(3, 3), 100);
      orgId(p.undertakingUnit, 'undertakingUnit', art(11));
      if (p.coUnits !== undefined) {
        list(p.coUnits, 'coUnits', art(11));
        p.coUnits.forEach((o, i) => orgId(o, `coUnits.${i}`, art(11)));
        need(new Set([p.undertakingUnit, ...p.coUnits]).size === p.coUnits.length + 1, 'coUnits', { zh: '不得重复列出同一单位，也不得列出牵头的决策承办单位', en: 'must not name a unit twice, nor the lead unit' }, art(11));
      }
      optHash(p.documentHash, 'documentHash', art(11));
    },
    validate(s, p) {
      const { source } = p.proposal;
      // Art. 10: every proposal is researched and argued before the organ decides; a department's or a lower
      // government's proposal argues the problem, reasons and basis, an initial plan, its necessity and feasibility.
      if (source !== 'catalog' && !p.proposal.argumentationHash) {
        const own = source === 'department' || source === 'lower_government';
        refuse(R.MissingDocument, own
          ? {
              zh: `${PROPOSER_ZH[source]}提出决策事项建议的，应当论证拟解决的主要问题、建议理由和依据、解决问题的初步方案及其必要性、可行性等（proposal.argumentationHash），再报请决策机关决定是否启动决策程序`,
              en: `a proposal of ${source === 'department' ? "one of the organ's departments" : 'a lower government'} argues the problem, its reasons and basis, an initial plan, its necessity and feasibility (proposal.argumentationHash) before the organ decides whether to start`,
            }
          : {
              zh: `${PROPOSER_ZH[source]}提出的决策事项建议，应当交有关单位研究论证（proposal.argumentationHash），再报请决策机关决定是否启动决策程序`,
              en: `a proposal of ${source} is researched and argued by a unit the organ names (proposal.argumentationHash) before the organ decides whether to start`,
            }, art(10));
      }
      // Art. 3 para. 3: the decision is the catalog item it was registered under; the organ starts that item, not another.
      if (source === 'catalog' && s.catalogRef !== undefined && p.proposal.catalogRef !== s.catalogRef) {
        refuse(R.InvalidPayload, {
          zh: `proposal.catalogRef：本决策按目录事项 ${s.catalogRef} 登记，决策机关据以启动的应当是同一目录事项，而不是 ${p.proposal.catalogRef}`,
          en: `proposal.catalogRef: this decision was registered under catalog item ${s.catalogRef}; the organ starts that item, not ${p.proposal.catalogRef}`,
        }, art(3, 3));
      }
      // The department that registered the decision undertakes it (its registration is signed as the undertaking unit's).
      if (p.undertakingUnit !== s.undertakingUnit) {
        refuse(R.InvalidPayload, {
          zh: `undertakingUnit：本决策由${s.undertakingUnit}作为决策承办单位登记；决策机关明确由${p.undertakingUnit}承办（牵头）的，应当由该单位登记决策事项`,
          en: `undertakingUnit: this decision was registered by ${s.undertakingUnit} as its undertaking unit; a decision the organ gives to ${p.undertakingUnit} (as the lead unit) is registered by that unit`,
        }, art(11));
      }
    },
    apply(s, p, actor, ctx) {
      const { source, proposer, documentHash, argumentationHash, catalogRef } = p.proposal;
      s.initiation = {
        proposal: { source, proposer, ...(documentHash ? { documentHash } : {}), ...(argumentationHash ? { argumentationHash } : {}), ...(catalogRef ? { catalogRef } : {}) },
        undertakingUnit: p.undertakingUnit,
        coUnits: [...(p.coUnits ?? [])],
        ...(p.documentHash ? { documentHash: p.documentHash } : {}),
        by: actor.id,
        at: ctx.now,
      };
    },
  },
};
