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
  const folded = text.normalize('NFKC').replace(SHOWS_NOTHING, '').toLowerCase();
  if ([...folded].length < 2 || PLACEHOLDERS.has(folded) || /^(.)\1+$/u.test(folded) || NO_REASON.test(folded)) return true;
  // Placeholders one after another ('无/略', 'N/A、待定'): each part says nothing.
  const parts = text.normalize('NFKC').toLowerCase().split(SHOWS_NOTHING).filter(Boolean);
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

/**
 * Words that say the matter is still withheld: 未解密, 仍属国家秘密, 不予公开, 保密期限尚未届满, 拟于2030年解密, in either
 * script (retests: each opened a state secret's draft) — but not where the basis says the matter is *not* such a one
 * (不属于不予公开的情形, 非涉密).
 */
const STILL_WITHHELD = new RegExp(
  [
    '(?:未|没|没有|尚未|未经|尚待|待|拟|正在办理|申请)[^，。；]{0,12}解密',
    '(?:仍|仍然|仍旧|依旧|依然|尚|还|还是|目前|现)(?:[属屬]于?|[为為]|是|系)?(?:机密|绝密|秘密|[国國]家秘密|涉密)',
    '(?<!不|非)(?:[属屬]于|系)[^，。；]{0,6}(?:机密|绝密|秘密)',
    '(?<!不[属屬]于(?:依法)?|非|不是)(?:不予|不得|不宜|不能|不应|不)公[开開]',
    '继续保密|保密期(?:限)?(?:内|尚?未(?:届)?满)',
  ].join('|'),
  'u',
);
/** Words any basis has and that name nothing: what is left once they are gone says who, what or when (retests: 参见附件二号文件, 网上已公开). */
const BASIS_WORDS = /依据|依照|根据|请参阅|参阅|参见|详见|详情|如附件所示|如附件|附件|所示|另附|所述|见|按|规定|有关|相关|经|审查|已经|已|可以|可|予以|予|公开|依法|情况|文件|材料|网上|符合|条件|领导|同意|了|的|号|测试/gu;
/** What shows nothing or adds nothing to a word: invisible and filler characters (U+3164, U+115F), combining marks, variation selectors (retest). */
export const SHOWS_NOTHING = /[\s\p{P}\p{S}\p{M}\p{Cf}\p{Default_Ignorable_Code_Point}]+/gu;
/** How much a text says: a Han character as much as two letters of another script, an ASCII letter or digit half of one (asdf says nothing). */
export function weightOf(text: string): number {
  const han = (text.match(/\p{sc=Han}/gu) ?? []).length;
  const ascii = (text.match(/[A-Za-z0-9]/g) ?? []).length;
  const other = (text.match(/[\p{L}\p{N}]/gu) ?? []).length - han - ascii;
  return han * 2 + other + ascii / 2;
}

/**
 * The basis on which a matter withheld by law is disclosed after all (`disclosureBasisExplained`) names what changed: who
 * declassified it and when, or that the secrecy covered only its making. A list of placeholders was got round by
 * 未解密, 仍属国家秘密, 参见附件, 已公开, ab (retest), each opening the matter to anyone.
 */
function disclosureBasisSays(at: string, value: string, basis: readonly Citation[]): void {
  const folded = value.normalize('NFKC');
  const still = STILL_WITHHELD.test(folded.replace(/[\s\p{Cf}\p{Default_Ignorable_Code_Point}]+/gu, ''));
  const left = folded.replace(SHOWS_NOTHING, '').replace(BASIS_WORDS, '');
  // 解密 is a basis; ab, asdf, 二号 are not.
  if (!still && weightOf(left) >= 4) return;
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
