import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type PrismaClient } from '../../../../libs/db/prisma';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { ScopeService } from '../authority/scope.service';
import { namesOf } from './authored-documents';

/**
 * The steps (`decision_steps s`) naming a document: its hash anywhere in the payload, as a string. Answered from the
 * index over step_document_hashes (migration 20261206090000): every document read asks it, the public's included.
 */
export const namesDocument = (hash: string): Prisma.Sql => Prisma.sql`step_document_hashes(s.payload) @> ${JSON.stringify([hash])}::jsonb`;

/**
 * Of a declaration (`decision_steps a`), that it declared its matter withheld by law (Art. 14) and still stands: no
 * declaration since, and no disclosure of the decision (a publication on a basis for disclosure, Art. 32).
 */
export const STILL_WITHHELD = Prisma.sql`a.action = 'declareApplicability' AND a.payload -> 'publicParticipation' ->> 'required' = 'false'
  AND NOT EXISTS (SELECT 1 FROM decision_steps l WHERE l.decision_id = a.decision_id AND l.seq > a.seq
                    AND (l.action = 'declareApplicability' OR (l.action = 'publish' AND l.payload ? 'disclosureBasis')))`;

/** Whether anyone may read the document: made public by the procedure (see DocumentAccess). */
export async function isPublicDocument(prisma: PrismaClient, hash: string): Promise<boolean> {
  // Made public by a step of a decision that held the document: its signer, or the signer of an earlier step of the
  // same decision naming it, uploaded it (first or not; or it was stored before uploaders were kept). A hash typed into
  // a step of one's own opens nothing (fresh-eyes tester: another department's draft, named in a draft put out for
  // comment, was served to anyone), while the general office publishes the text the undertaking unit uploaded.
  // And not where a decision withheld by law (its latest declaration not to disclose, no disclosure since) held the
  // document before the decision making it public did: uploaded again by someone who read it and named in another
  // decision's steps, it was served (round 2). Held by the withheld decision only after that, it is the other
  // decision's text: neither a hash typed into a decision of one's own declared withheld, nor an official who read a
  // decision's text before its publication and named it in a withheld one, takes it down (the sixteenth session's
  // testers), nor does the decision's own adjustment.
  // Only the steps naming the document are read (`named`, from the index); the rest of a decision's steps by its key.
  // Held under either algorithm's name: the same bytes uploaded again under the other opened a withheld decision's draft
  // (retest: its SM3 name, put out for comment in another decision, was served).
  const names = await namesOf(prisma, hash);
  const [{ found }] = await prisma.$queryRaw<{ found: boolean }[]>`
    WITH named AS (SELECT s.decision_id, s.seq, s.action, s.actor_id, s.payload, s.recorded_at FROM decision_steps s WHERE ${namesDocument(hash)}),
    held AS (SELECT t.decision_id, t.seq, t.recorded_at FROM unnest(${names}::text[]) AS n(name)
             JOIN decision_steps t ON step_document_hashes(t.payload) @> jsonb_build_array(n.name) AND document_held_by(n.name, t.actor_id)),
    opening AS (
      -- each step making the document public, with since when its decision held it
      SELECT (SELECT min(t.recorded_at) FROM held t WHERE t.decision_id = s.decision_id AND t.seq <= s.seq) AS held_since FROM named s
      -- published through some channel: a decision withheld by law (Arts. 14, 32: no channel) keeps its documents
      WHERE (s.action = 'publish' AND jsonb_array_length(s.payload -> 'channels') > 0
             AND (s.payload ->> 'documentHash' = ${hash} OR s.payload ->> 'adoptionExplanationHash' = ${hash}))
         OR (s.action = 'submitAdoptionReport' AND s.payload ->> 'reportHash' = ${hash})
         -- the response of a group of comments the report answers (Art. 18): a citizen's receipt leads to it
         OR (s.action = 'submitAdoptionReport' AND jsonb_typeof(s.payload -> 'groups') = 'array'
             AND EXISTS (SELECT 1 FROM jsonb_array_elements(s.payload -> 'groups') g WHERE g ->> 'groupHash' = ${hash}))
         -- the record of the decision's explanation to the public (Art. 32)
         OR (s.action = 'interpretDecision' AND s.payload ->> 'recordHash' = ${hash})
         -- a hearing's selection method, published ahead of the selection (Art. 16 para. 3)
         OR (s.action = 'announceHearing' AND s.payload ->> 'selectionMethodHash' = ${hash})
         -- the draft current when a comment period opened or a hearing was announced (Arts. 15, 16): every document its submission names
         OR (s.action = 'submitDraft'
             AND EXISTS (SELECT 1 FROM decision_steps o WHERE o.decision_id = s.decision_id AND o.action IN ('openPublicComment', 'announceHearing') AND o.seq > s.seq
               AND NOT EXISTS (SELECT 1 FROM decision_steps d WHERE d.decision_id = s.decision_id AND d.action = 'submitDraft' AND d.seq > s.seq AND d.seq < o.seq))))
    SELECT EXISTS (
      SELECT 1 FROM opening o
      WHERE o.held_since IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM decision_steps a
        WHERE a.decision_id IN (SELECT w.decision_id FROM held w WHERE w.recorded_at < o.held_since)
          AND ${STILL_WITHHELD})
    ) AS found`;
  return found;
}

/**
 * Who may read a stored document (issue 9: nobody reads everything):
 * - anyone, a document the procedure made public: the draft put out for
 *   comment with its explanation, alternatives and comparison (Art. 14), the
 *   adoption report of the comments (Art. 18), the published decision and the
 *   explanation of how opinions were adopted (Art. 32), unless withheld by law
 *   (published through no channel), and its explanation to the public; each
 *   only where the decision held it (a step's signer uploaded it), and never
 *   one named in a decision withheld by law;
 * - a signed-in person, besides those, what they uploaded themselves (first
 *   or not: document_holders) and every document named by a step of a
 *   decision they see (ScopeService) whose signer had uploaded it.
 * Anyone else is answered as if the document did not exist.
 */
@Injectable()
export class DocumentAccess {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly scopes: ScopeService,
  ) {}

  isPublic(hash: string): Promise<boolean> {
    return isPublicDocument(this.prisma, hash);
  }

  async mayRead(hash: string, personId: string): Promise<boolean> {
    if (await this.isPublic(hash)) return true;
    // Whoever uploaded its bytes, first (documents.uploaded_by) or not (document_holders).
    const [{ holds }] = await this.prisma.$queryRaw<{ holds: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM documents WHERE hash = ${hash} AND uploaded_by = ${personId})
          OR EXISTS (SELECT 1 FROM document_holders WHERE hash = ${hash} AND person_id = ${personId}) AS holds`;
    if (holds) return true;
    // Named by a step whose signer held the document (or one uploaded before uploaders were kept): a hash typed into a
    // step of one's own decision makes nothing readable (fresh-eyes tester: another department's draft, cited so, was).
    // Or the response to a group of the public's comments in a decision (answered by one who could cite it, Art. 18):
    // those who see the decision read what its adoption report answers with.
    const decisions = await this.prisma.$queryRaw<{ id: string }[]>`
      SELECT s.decision_id AS id FROM decision_steps s
      WHERE ${namesDocument(hash)} AND document_held_by(${hash}, s.actor_id)
      UNION SELECT a.decision_id FROM comment_answers a WHERE a.group_hash = ${hash}
      LIMIT 100`;
    for (const { id } of decisions) if (await this.scopes.canSee(personId, id)) return true;
    return false;
  }
}
