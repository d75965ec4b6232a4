import { type PrismaClient } from '../../../../libs/db/prisma';
import { art, refusal, RefusalCode, type Refusal } from '../../../../libs/domain';
import { documentReferences } from '../../../../libs/record/chain';
import { NOT_DOCUMENTS, type CitedDocument } from './cited-documents';
import { namesOf } from './authored-documents';
import { isPublicDocument, STILL_WITHHELD } from './document-access.service';

/**
 * The documents of a decision's current draft (its latest submitDraft) that a decision withheld by law held before it
 * did, and that nothing has made public: put out for comment, the public could not read them (DocumentAccess keeps such a document with the withheld
 * decision, whoever names it later), and the comment period would run on a draft nobody can see (earlier web tester:
 * the portal answered 404 for it). Which decision held it is not said: that one is withheld.
 */
export async function draftHeldWithheld(prisma: PrismaClient, decisionId: string, also: readonly CitedDocument[] = []): Promise<CitedDocument[]> {
  const [draft] = await prisma.$queryRaw<{ payload: unknown }[]>`
    SELECT payload FROM decision_steps WHERE decision_id = ${decisionId} AND action = 'submitDraft' ORDER BY seq DESC LIMIT 1`;
  // And what the step itself publishes with the draft (a hearing's selection method: retest, a withheld draft's hash).
  const refs = [...(draft ? documentReferences(draft.payload, NOT_DOCUMENTS) : []), ...also];
  if (!refs.length) return [];
  const withheld = new Set<string>();
  for (const h of new Set(refs.map((r) => r.hash))) {
    // Under either algorithm's name (retest: a withheld draft uploaded again under SM3 went out for comment).
    const names = await namesOf(prisma, h);
    const [{ held }] = await prisma.$queryRaw<{ held: boolean }[]>`
      SELECT EXISTS (
        SELECT 1 FROM unnest(${names}::text[]) AS n(name)
        JOIN decision_steps w ON step_document_hashes(w.payload) @> jsonb_build_array(n.name) AND document_held_by(n.name, w.actor_id)
        JOIN decision_steps a ON a.decision_id = w.decision_id
        WHERE w.decision_id <> ${decisionId}
          -- (A document no step of this decision names yet, such as the step's own: held by the other first, whenever.)
          AND w.recorded_at < COALESCE((SELECT min(m.recorded_at) FROM decision_steps m
                               WHERE m.decision_id = ${decisionId} AND step_document_hashes(m.payload) @> jsonb_build_array(${h}::text) AND document_held_by(${h}, m.actor_id)), 'infinity'::timestamptz)
          AND ${STILL_WITHHELD}) AS held`;
    // Made public already by another decision that held it first (the same template), the public reads it.
    if (held && !(await isPublicDocument(prisma, h))) withheld.add(h);
  }
  // The draft's own text named first.
  return refs.filter((r) => withheld.has(r.hash)).sort((a, b) => Number(b.path === 'documentHash') - Number(a.path === 'documentHash'));
}

/** The refusal of putting out for comment a draft whose documents the public could not read (draftHeldWithheld). */
export function draftHeldWithheldRefusal(held: readonly CitedDocument[], purpose: 'comment' | 'hearing' = 'comment'): Refusal | undefined {
  const [first] = held;
  if (!first) return undefined;
  const more = held.length - 1;
  const hearing = purpose === 'hearing';
  const when = hearing ? { zh: '公布听证会时', en: 'when the hearing is announced' } : { zh: '公开征求意见时', en: 'during the comment period' };
  const then = hearing ? { zh: '再公布听证会', en: 'then announce the hearing' } : { zh: '再公开征求意见', en: 'then open the comment period' };
  const rule = hearing ? { zh: '召开听证会应当提前公布决策草案及其说明等材料', en: 'a hearing is announced with the draft and its explanation published' } : { zh: '向社会公开征求意见应当公布决策草案及其说明等材料', en: 'a draft put out for comment is published with its explanation' };
  if (first.path === 'selectionMethodHash') {
    return refusal(
      RefusalCode.PrerequisiteMissing,
      {
        zh: `selectionMethodHash：听证参加人遴选办法（${first.hash}）此前已作为依法不予公开的决策事项的材料留存，社会公众无法查阅；遴选办法应当提前公布：请另行制作本听证会的遴选办法并上传后，再公布听证会`,
        en: `selectionMethodHash: the selection method (${first.hash}) is held already as material of a matter withheld by law, so the public could not read it, while it is to be published ahead: upload this hearing's own, then announce it`,
      },
      art(16, 3),
    );
  }
  return refusal(
    RefusalCode.PrerequisiteMissing,
    {
      zh: `决策草案的 ${first.path}（${first.hash}）此前已作为依法不予公开的决策事项的材料留存${more ? `（草案另有${more}份文件同样如此）` : ''}，${when.zh}社会公众无法查阅；${rule.zh}：请另行制作本决策的草案文本重新提交决策草案（submitDraft）后，${then.zh}`,
      en: `the draft's ${first.path} (${first.hash}) is held already as material of a matter withheld by law${more ? ` (and ${more} more of its documents)` : ''}, so the public could not read it ${when.en}, while ${rule.en}: submit this decision's own text of the draft (submitDraft), ${then.en}`,
    },
    hearing ? art(16, 2) : art(15),
  );
}
