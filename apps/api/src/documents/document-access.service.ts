import { Inject, Injectable } from '@nestjs/common';
import type { PrismaClient } from '../../../../libs/db/prisma';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { ScopeService } from '../authority/scope.service';

/**
 * Who may read a stored document (issue 9: nobody reads everything):
 * - anyone, a document the procedure made public: the draft put out for
 *   comment with its explanation, alternatives and comparison (Art. 14), the
 *   adoption report of the comments (Art. 18), the published decision and the
 *   explanation of how opinions were adopted (Art. 32);
 * - a signed-in person, besides those, what they uploaded themselves and
 *   every document named by a step of a decision they see (ScopeService).
 * Anyone else is answered as if the document did not exist.
 */
@Injectable()
export class DocumentAccess {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly scopes: ScopeService,
  ) {}

  async isPublic(hash: string): Promise<boolean> {
    const named = JSON.stringify({ h: hash });
    const [{ found }] = await this.prisma.$queryRaw<{ found: boolean }[]>`
      SELECT EXISTS (
        SELECT 1 FROM decision_steps s
        WHERE (s.action = 'publish' AND (s.payload ->> 'documentHash' = ${hash} OR s.payload ->> 'adoptionExplanationHash' = ${hash}))
           OR (s.action = 'submitAdoptionReport' AND s.payload ->> 'reportHash' = ${hash})
           -- the draft current when a comment period opened: every document its submission names
           OR (s.action = 'submitDraft' AND jsonb_path_exists(s.payload, '$.** ? (@ == $h)', ${named}::jsonb)
               AND EXISTS (SELECT 1 FROM decision_steps o WHERE o.decision_id = s.decision_id AND o.action = 'openPublicComment' AND o.seq > s.seq
                 AND NOT EXISTS (SELECT 1 FROM decision_steps d WHERE d.decision_id = s.decision_id AND d.action = 'submitDraft' AND d.seq > s.seq AND d.seq < o.seq)))
      ) AS found`;
    return found;
  }

  async mayRead(hash: string, personId: string): Promise<boolean> {
    if (await this.isPublic(hash)) return true;
    const doc = await this.prisma.document.findUnique({ where: { hash }, select: { uploadedBy: true } });
    if (doc?.uploadedBy === personId) return true;
    const named = JSON.stringify({ h: hash });
    const decisions = await this.prisma.$queryRaw<{ id: string }[]>`
      SELECT DISTINCT decision_id AS id FROM decision_steps WHERE jsonb_path_exists(payload, '$.** ? (@ == $h)', ${named}::jsonb) LIMIT 100`;
    for (const { id } of decisions) if (await this.scopes.canSee(personId, id)) return true;
    return false;
  }
}
