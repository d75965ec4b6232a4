import type { Citation } from '../articles';
import type { ActionName } from '../commands';
import { refuse, RefusalCode as R } from '../refusal';

/**
 * The texts of each step that give the reason or explanation the statute asks for (a shortened comment period, Art. 15;
 * why a group of comments was not adopted, Art. 18; why a review returns a draft, Art. 28; a postponement, Art. 30; an
 * urgency, Art. 37 …), by field path, `*` for each item of a list.
 */
const REASON_FIELDS: Partial<Record<ActionName, readonly string[]>> = {
  submitDraft: ['reason'],
  consultDepartment: ['disputedIssues'],
  declareApplicability: ['expertArgumentation.reason', 'riskAssessment.reason'],
  openPublicComment: ['shortenedReason'],
  recordHearing: ['absent.*.reason'],
  cancelHearing: ['reason'],
  submitAdoptionReport: ['groups.*.reason'],
  appointExpertPanel: ['changeReason'],
  judgeRisk: ['reasons'],
  pauseLegalityReview: ['reason'],
  issueLegalityOpinion: ['requiredChanges', 'legalRisks', 'earlyReason'],
  decide: ['reasons'],
  reviewAdoptedChanges: ['reasons'],
  recordPartyCommitteeReply: ['reasons'],
  commissionEvaluation: ['trigger'],
  startEvaluation: ['trigger'],
  suspendExecution: ['reason', 'urgency'],
  resumeExecution: ['reason'],
  startAdjustment: ['reason'],
  withdraw: ['reason'],
  postpone: ['reason'],
  resumeFromPostponement: ['reason'],
};

/**
 * Fields held to the same since a later rule, under the flag that brought them (a tightening: decisions registered before
 * keep what they had). `disclosureBasisExplained`: the basis on which a matter withheld by law (Arts. 14, 32) is disclosed
 * after all; '无' opened a matter withheld under the state secrets law to anyone (statute tester).
 */
const REASON_FIELDS_SINCE: Partial<Record<ActionName, readonly string[]>> = {
  publish: ['disclosureBasis'],
  // The same basis, stated when the adjustment of a decision withheld puts its new draft out for comment (retest: 无
  // opened the draft of a matter withheld under the state secrets law to anyone).
  declareApplicability: ['publicParticipation.disclosureBasis'],
};

/** What stands in a form where nothing was written: 无, 略, 待定, 同上, N/A, xxx … (statute tester: 缩短理由：无). */
const PLACEHOLDERS = new Set(['无', '暂无', '暂时无', '没有', '无理由', '无原因', '略', '从略', '待定', '未定', '待补充', '待填写', '同上', '见上', '如上', '不详', '其他', '其它', '理由', '原因', '说明', '依据', '空', '空白', '附件', '文件', '材料', '公开', '不公开', '可以公开', '测试', 'test', 'na', 'none', 'null', 'nil', 'tbd', 'todo']);

/**
 * A reason that says there is none (暂无理由, 无特殊原因), or points elsewhere (见附件, 详见说明, 同前), or is a number (retest).
 */
const NO_REASON = /^(?:(?:暂|暂时|并|也|均)?(?:无|没有)(?:特殊|特别|具体|明确)?(?:的)?(?:理由|原因|说明|情况|依据)|不适用|(?:详)?见(?:附件|附表|文件|材料|说明|上文|上述|前文)[\p{L}\p{N}]*|附件[\p{N}一二三四五六七八九十]*|详见[\p{L}\p{N}]*|同前|同前述|\d+|ok|yes|no)$/u;

/** Whether a text says nothing: a placeholder, one character, or one character again and again ('xxx', '。。。', '111'). */
export function saysNothing(text: string): boolean {
  const folded = text.normalize('NFKC').replace(/[\s\p{P}\p{S}\p{Cf}]+/gu, '').toLowerCase();
  if ([...folded].length < 2 || PLACEHOLDERS.has(folded) || /^(.)\1+$/u.test(folded) || NO_REASON.test(folded)) return true;
  // Placeholders one after another ('无/略', 'N/A、待定'): each part says nothing.
  const parts = text.normalize('NFKC').toLowerCase().split(/[\s\p{P}\p{S}\p{Cf}]+/u).filter(Boolean);
  const placeholder = (p: string) => PLACEHOLDERS.has(p) || NO_REASON.test(p);
  return parts.length > 1 && parts.some(placeholder) && parts.every((p) => placeholder(p) || [...p].length < 2);
}

/**
 * `reasonsExplained`: each reason the step gives says something. A placeholder passed for the explanation the statute
 * asks, and the public read 缩短理由：无 (statute tester); the engine cannot judge a reason, but it can tell none.
 */
export function explainedReasons(action: ActionName, payload: unknown, basis: readonly Citation[], later = false): void {
  for (const path of (later ? REASON_FIELDS_SINCE : REASON_FIELDS)[action] ?? []) {
    for (const { at, value } of valuesAt(payload, path.split('.'), [])) {
      // A text of no letter or digit at all is the step's edge check's to name (findWordlessText: 只有标点或符号).
      if (typeof value === 'string' && /[\p{L}\p{N}]/u.test(value) && saysNothing(value)) {
        refuse(R.InvalidPayload, {
          zh: `${at}：“${value}”没有说明理由；应当写明具体的理由或者情况`,
          en: `${at}: "${value}" gives no reason; state the actual reason or circumstances`,
        }, ...basis);
      }
      if (later && typeof value === 'string' && /[\p{L}\p{N}]/u.test(value)) disclosureBasisSays(at, value, basis);
    }
  }
}

/** Words that say the matter is still withheld: 未解密, 仍属国家秘密, 不予公开 (retest: each opened a state secret's draft). */
const STILL_WITHHELD = /未解密|没有解密|未经解密|仍(?:然)?(?:属|为|是|系|需|应)|不予公开|不(?:得|宜|能|应)?公开|继续保密|保密期(?:限)?(?:内|未满)/u;
/** Words any basis has and that name nothing: what is left once they are gone says who, what or when. */
const BASIS_WORDS = /依据|依照|根据|参见|详见|详情|如附件|附件|另附|所述|见|按|规定|有关|相关|经|审查|已经|已|可以|可|予以|予|公开|依法|情况|文件|材料/gu;

/**
 * The basis on which a matter withheld by law is disclosed after all (`disclosureBasisExplained`) names what changed: who
 * declassified it and when, or that the secrecy covered only its making. A list of placeholders was got round by
 * 未解密, 仍属国家秘密, 参见附件, 已公开, ab (retest), each opening the matter to anyone.
 */
function disclosureBasisSays(at: string, value: string, basis: readonly Citation[]): void {
  const folded = value.normalize('NFKC');
  const left = folded.replace(/[\s\p{P}\p{S}\p{Cf}]+/gu, '').replace(BASIS_WORDS, '');
  const still = STILL_WITHHELD.test(folded.replace(/[\s\p{P}\p{S}\p{Cf}]+/gu, ''));
  // A Han character says as much as two letters: 解密 is a basis, ab is not.
  const han = (left.match(/\p{sc=Han}/gu) ?? []).length;
  const said = han * 2 + ((left.match(/[\p{L}\p{N}]/gu) ?? []).length - han);
  if (!still && said >= 4) return;
  refuse(R.InvalidPayload, {
    zh: `${at}：“${value}”${still ? '说的是本事项仍不能公开' : '没有写明可以公开的依据'}；应当写明现在可以公开的依据，例如由哪个机关于何时解密，或者保密只及于决策过程`,
    en: `${at}: "${value}" ${still ? 'says the matter is still withheld' : 'names no basis for disclosure'}; state why it may now be disclosed, e.g. which authority declassified it and when, or that the secrecy covered only its making`,
  }, ...basis);
}

function valuesAt(value: unknown, rest: readonly string[], at: readonly string[]): { at: string; value: unknown }[] {
  if (!rest.length) return [{ at: at.join('.'), value }];
  const [head, ...tail] = rest;
  if (head === '*') return Array.isArray(value) ? value.flatMap((v, i) => valuesAt(v, tail, [...at, String(i)])) : [];
  if (typeof value !== 'object' || value === null || !(head in value)) return [];
  return valuesAt((value as Record<string, unknown>)[head], tail, [...at, head]);
}
