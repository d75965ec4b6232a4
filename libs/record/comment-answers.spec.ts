import { createHash } from 'node:crypto';
import type { RecordEntry } from './chain';
import { answerProof, answersRoot, verifyAnswerProof, verifyCommentAnswers, type CommentAnswer } from './comment-answers';

const h = (s: string) => `sha256:${createHash('sha256').update(s).digest('hex')}`;
const answers: CommentAnswer[] = Array.from({ length: 1001 }, (_, i) => ({ receipt: h(`comment ${i}`), group: i % 3 ? h('fares') : h('routes') }));
const root = answersRoot(answers);
const report = (over: Record<string, unknown> = {}) =>
  ({
    seq: 7,
    action: 'submitAdoptionReport',
    payload: {
      reportHash: h('report'),
      groups: [
        { groupHash: h('fares'), response: 'adopted', commentCount: 667 },
        { groupHash: h('routes'), response: 'not_adopted', reason: '不在本决策范围', commentCount: 334 },
      ],
      commentsAnswered: { draftVersion: 1, count: 1001, root },
      ...over,
    },
  }) as unknown as RecordEntry;

describe('the answers to every comment, signed by their root (Art. 18)', () => {
  it('the root does not depend on the order the answers come in, and changes with any answer', () => {
    expect(answersRoot([...answers].reverse())).toBe(root);
    const moved = answers.map((a, i) => (i === 500 ? { ...a, group: h('other') } : a));
    expect(answersRoot(moved)).not.toBe(root);
    expect(answersRoot(answers.slice(1))).not.toBe(root);
  });

  it('a receipt is proven answered in its group under the root, and in no other group', () => {
    const a = answers[42];
    const proof = answerProof(a.receipt, answers)!;
    expect(proof.size).toBe(1001);
    expect(verifyAnswerProof(a, proof, root)).toBe(true);
    expect(verifyAnswerProof({ ...a, group: h('other') }, proof, root)).toBe(false);
    expect(answerProof(h('never sent'), answers)).toBeUndefined();
  });

  it('the verifier passes the answers the report signed and names what differs', () => {
    const bundled = [{ draftVersion: 1, answers }];
    expect(verifyCommentAnswers([report()], bundled)).toBeUndefined();
    expect(verifyCommentAnswers([report()], undefined)?.failure).toMatch(/missing from the bundle/);
    expect(verifyCommentAnswers([report()], [{ draftVersion: 1, answers: answers.slice(1) }])?.failure).toMatch(/the bundle has 1000, the report signed 1001/);
    const swapped = answers.map((a, i) => (i === 1 ? { ...a, group: h('routes') } : i === 3 ? { ...a, group: h('fares') } : a));
    expect(verifyCommentAnswers([report()], [{ draftVersion: 1, answers: swapped }])).toMatchObject({ seq: 7, failure: expect.stringMatching(/root is not the one the report signed/) });
    const twice = [...answers.slice(1), answers[2]];
    expect(verifyCommentAnswers([report()], [{ draftVersion: 1, answers: twice }])?.failure).toMatch(/answered twice/);
  });

  it("the groups' counts are checked too, and a group the report does not name fails", () => {
    const bundled = [{ draftVersion: 1, answers }];
    const miscounted = report({ groups: [{ groupHash: h('fares'), response: 'adopted', commentCount: 666 }, { groupHash: h('routes'), response: 'not_adopted', reason: 'x', commentCount: 335 }] });
    expect(verifyCommentAnswers([miscounted], bundled)?.failure).toMatch(/answers 667, the report says 666/);
    const stray = answers.map((a, i) => (i === 0 ? { ...a, group: h('stray') } : a));
    const strayReport = report({ commentsAnswered: { draftVersion: 1, count: 1001, root: answersRoot(stray) }, groups: [{ groupHash: h('fares'), response: 'adopted', commentCount: 667 }, { groupHash: h('routes'), response: 'not_adopted', reason: 'x', commentCount: 333 }] });
    expect(verifyCommentAnswers([strayReport], [{ draftVersion: 1, answers: stray }])?.failure).toMatch(/group sha256:[0-9a-f]+ is not in the report/);
  });

  it('reports that list receipts inline need no answers in the bundle', () => {
    const inline = { seq: 3, action: 'submitAdoptionReport', payload: { reportHash: h('r'), groups: [{ groupHash: h('g'), response: 'adopted', commentHashes: [h('c')] }] } } as unknown as RecordEntry;
    expect(verifyCommentAnswers([inline], undefined)).toBeUndefined();
  });
});
