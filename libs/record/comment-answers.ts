import type { Payloads } from '../domain';
import type { RecordEntry } from './chain';
import { canonicalize } from './jcs';
import { inclusionProof, leafHash, rootOf, verifyInclusion, type Hash } from './merkle';

/**
 * The answer to every public comment (Art. 18) at any volume. The adoption
 * report no longer lists the receipts: it signs `commentsAnswered`, the number
 * of comments received on the draft and the Merkle root (RFC 6962) over every
 * (receipt, group) pair, sorted by receipt. The pairs themselves live in the
 * database (comment_answers) and travel in the inspector's bundle, where the
 * verifier recomputes the root; a citizen's receipt can be proven in it.
 */
export interface CommentAnswer {
  receipt: string;
  group: string;
}

/** The answers of one draft as a bundle carries them. */
export interface BundleCommentAnswers {
  draftVersion: number;
  answers: CommentAnswer[];
  /**
   * The comments the database holds on the draft, answered or not: more than the report answers, and a comment came in
   * that no report answers (fresh-eyes tester: a late insert verified). Absent in bundles exported before it.
   */
  received?: number;
}

const leafOf = (a: CommentAnswer): Hash => leafHash(Buffer.from(canonicalize({ receipt: a.receipt, group: a.group }), 'utf8'));
const byReceipt = (a: CommentAnswer, b: CommentAnswer) => (a.receipt < b.receipt ? -1 : a.receipt > b.receipt ? 1 : 0);
const hex = (h: Hash) => `sha256:${h.toString('hex')}`;

/**
 * What is wrong with the answers an adoption report signs, against the answers and the comments as the database holds
 * them (bilingual, for the refusal; empty when they agree): every comment received answered, the number and root as
 * signed, every group answering named in the report with the count it gives. The API asks first; the record activity
 * asks again, authoritatively, in the transaction that freezes the answers with the report.
 */
export function answersProblems(payload: Payloads['submitAdoptionReport'], answers: readonly CommentAnswer[], received: number): { zh: string; en: string }[] {
  const signed = payload.commentsAnswered!;
  const problems: { zh: string; en: string }[] = [];
  if (answers.length < received) problems.push({ zh: `${received - answers.length}条已收到的意见尚未归入任何分组答复`, en: `${received - answers.length} received comment(s) are answered by no group` });
  if (signed.count !== answers.length) problems.push({ zh: `报告答复${signed.count}条，系统中已答复${answers.length}条`, en: `the report answers ${signed.count}, the system holds ${answers.length} answers` });
  else if (signed.root !== answersRoot(answers)) problems.push({ zh: '答复的默克尔根与系统中的答复不一致（答复在签署后有变动，请重新获取汇总后签署）', en: "the answers' root is not that of the answers held (they changed after signing: fetch the summary again and sign it)" });
  const counts = new Map<string, number>();
  for (const a of answers) counts.set(a.group, (counts.get(a.group) ?? 0) + 1);
  const named = new Set(payload.groups.map((g) => g.groupHash));
  const unnamed = [...counts.keys()].filter((g) => !named.has(g));
  if (unnamed.length) problems.push({ zh: `答复中的分组 ${unnamed[0]} 未列入报告`, en: `group ${unnamed[0]} answers comments and is not in the report` });
  const off = payload.groups.find((g) => (counts.get(g.groupHash) ?? 0) !== g.commentCount);
  if (off) problems.push({ zh: `分组 ${off.groupHash} 答复${counts.get(off.groupHash) ?? 0}条，报告写作${off.commentCount}条`, en: `group ${off.groupHash} answers ${counts.get(off.groupHash) ?? 0}, the report says ${off.commentCount}` });
  return problems;
}

/** The message of a refusal for those problems (Art. 18), Chinese first. */
export function answersRefusalText(problems: readonly { zh: string; en: string }[]): { zh: string; en: string } {
  return {
    zh: `意见研究采纳情况应当对收到的每条意见逐一答复且只答复一次（第十八条）：${problems.map((p) => p.zh).join('；')}`,
    en: `the adoption report must answer every comment received, each once (Art. 18): ${problems.map((p) => p.en).join('; ')}`,
  };
}

/** The advisory lock (with hashtext of the decision id) under which a decision's answers are changed, or checked and frozen with its report. */
export const ANSWERS_LOCK = 718;

/** The root the adoption report signs, over the answers in any order (they are sorted by receipt first). */
export function answersRoot(answers: readonly CommentAnswer[]): string {
  return hex(rootOf([...answers].sort(byReceipt).map(leafOf)));
}

/** A draft's answers as a tree: sorted and hashed once, then an audit path for any receipt (the answers are frozen, so it can be kept). */
export function answerTree(answers: readonly CommentAnswer[]): { proofOf(receipt: string): { index: number; size: number; proof: string[] } | undefined } {
  const sorted = [...answers].sort(byReceipt);
  const leaves = sorted.map(leafOf);
  const at = new Map(sorted.map((a, i) => [a.receipt, i]));
  return {
    proofOf(receipt) {
      const index = at.get(receipt);
      return index === undefined ? undefined : { index, size: leaves.length, proof: inclusionProof(index, leaves).map(hex) };
    },
  };
}

/** The audit path of one receipt's answer under the root, for the citizen who holds the receipt. */
export function answerProof(receipt: string, answers: readonly CommentAnswer[]): { index: number; size: number; proof: string[] } | undefined {
  return answerTree(answers).proofOf(receipt);
}

/** Checks an audit path from answerProof: the receipt was answered in that group under that root. */
export function verifyAnswerProof(answer: CommentAnswer, proof: { index: number; size: number; proof: string[] }, root: string): boolean {
  const unhex = (h: string) => Buffer.from(h.replace(/^sha256:/, ''), 'hex');
  return verifyInclusion(proof.index, proof.size, leafOf(answer), proof.proof.map(unhex), unhex(root));
}

/**
 * The offline check: each adoption report that signs `commentsAnswered` has its
 * answers in the bundle, one per receipt, their number and root as signed, and
 * each group's count as the report gives it. Undefined when all agree, else
 * the failure and the entry.
 */
export function verifyCommentAnswers(entries: readonly RecordEntry[], bundled: readonly BundleCommentAnswers[] | undefined): { failure: string; seq: number } | undefined {
  for (const e of entries) {
    if (e.action !== 'submitAdoptionReport') continue;
    const p = e.payload as Payloads['submitAdoptionReport'];
    const signed = p.commentsAnswered;
    if (!signed) continue;
    const fail = (failure: string) => ({ failure: `the answers to the comments on draft ${signed.draftVersion}: ${failure}`, seq: e.seq });
    const found = bundled?.find((b) => b.draftVersion === signed.draftVersion);
    if (!found) return fail('missing from the bundle');
    const receipts = new Set(found.answers.map((a) => a.receipt));
    if (receipts.size !== found.answers.length) return fail('a receipt is answered twice');
    if (found.answers.length !== signed.count) return fail(`the bundle has ${found.answers.length}, the report signed ${signed.count}`);
    if (found.received !== undefined && found.received !== signed.count) return fail(`${found.received} comments were received on the draft and the report answers ${signed.count}`);
    if (answersRoot(found.answers) !== signed.root) return fail('their root is not the one the report signed');
    const counts = new Map<string, number>();
    for (const a of found.answers) counts.set(a.group, (counts.get(a.group) ?? 0) + 1);
    for (const g of p.groups) {
      if ((counts.get(g.groupHash) ?? 0) !== g.commentCount) return fail(`group ${g.groupHash} answers ${counts.get(g.groupHash) ?? 0}, the report says ${g.commentCount}`);
      counts.delete(g.groupHash);
    }
    const stray = [...counts.keys()][0];
    if (stray) return fail(`group ${stray} is not in the report`);
  }
  return undefined;
}
