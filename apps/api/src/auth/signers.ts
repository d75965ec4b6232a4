import { ForbiddenException, Inject, Injectable, Optional } from '@nestjs/common';
import type { PrismaClient } from '../../../../libs/db/prisma';
import { RefusalCode, type Refusal } from '../../../../libs/domain';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { MetricsService } from '../metrics/metrics.service';
import type { Caller } from './caller';
import { DEFAULT_PAGE, pageOf, type RowPageQueryDto } from '../edge/paging';

/** What was attempted, for the record of attempts under no name. */
export interface Attempt {
  decisionId: string;
  action: string;
}

export type UnattributedReason = 'caller_not_signer' | 'bad_signature' | 'invalid_input';

/**
 * The signed-in person and the signing official are one: a step or a
 * registration is taken only from the person its actor names (the token's
 * `sub` is the actor id), and a refusal is recorded under an official's name
 * only when that official signed in and the signature held. Everything else
 * is kept apart (unattributed_attempts, and a metric), under no name. The
 * token never replaces the step's signature: both are required.
 */
@Injectable()
export class Signers {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  /** The attempts at a decision kept apart, under no name, oldest first. */
  async unattributed(decisionId: string, { after, limit = DEFAULT_PAGE }: RowPageQueryDto = {}) {
    const rows = await this.prisma.unattributedAttempt.findMany({ where: { decisionId, ...(after ? { id: { gt: BigInt(after) } } : {}) }, orderBy: { id: 'asc' }, take: limit + 1 });
    return pageOf(rows.map(({ id, ...r }) => ({ id: id.toString(), ...r })), limit, (r) => r.id);
  }

  /** 403, naming both ids, unless the caller is the signing actor; the attempt is kept apart. */
  async assertSigner(caller: Caller | undefined, actorId: string, attempt: Attempt): Promise<void> {
    if (caller && caller.sub === actorId) return;
    await this.keepApart(caller, actorId, attempt, 'caller_not_signer');
    const who = caller?.sub;
    throw new ForbiddenException({
      statusCode: 403,
      error: 'Forbidden',
      code: 'NOT_THE_SIGNER',
      message: `登录身份 ${who ?? '（未登录）'} 与签署人 ${actorId} 不符：只能以本人身份签署（signed in as ${who ?? 'nobody'}, but the signing actor is ${actorId}: one signs only as oneself）`,
    });
  }

  /**
   * Whether a refused attempt may be recorded under its actor's name: only
   * when the caller is that actor and the signature held. When not, the
   * attempt is kept apart and false is returned.
   */
  async attributable(caller: Caller | undefined, actorId: string, attempt: Attempt, refusal: Refusal): Promise<boolean> {
    if (caller?.sub !== actorId) {
      await this.keepApart(caller, actorId, attempt, 'caller_not_signer', refusal.code);
      return false;
    }
    if (refusal.code === RefusalCode.BadSignature) {
      await this.keepApart(caller, actorId, attempt, 'bad_signature', refusal.code);
      return false;
    }
    return true;
  }

  /**
   * A step refused as input before anything about it was checked (400: a text with bidi controls, a field of the wrong
   * kind…): kept apart, under no name, as a signature that did not hold is, for the decision that exists (statute
   * tester: a dissent made to display otherwise than signed left no trace). What was sent is not kept: it is what
   * could not be taken.
   */
  async keepInvalidInput(caller: Caller | undefined, decisionId: string, body: unknown): Promise<void> {
    const b = (body ?? {}) as { action?: unknown; actor?: { id?: unknown } };
    const text = (v: unknown) => (typeof v === 'string' && v.length <= 200 && !v.includes('\u0000') ? v : '(invalid)');
    if (!(await this.prisma.decision.findUnique({ where: { id: decisionId }, select: { id: true } }))) return;
    await this.keepApart(caller, text(b.actor?.id), { decisionId, action: text(b.action) }, 'invalid_input', 'INVALID_INPUT');
  }

  private async keepApart(caller: Caller | undefined, actorId: string, attempt: Attempt, reason: UnattributedReason, code?: string): Promise<void> {
    this.metrics?.unattributedAttempt(attempt.action, reason);
    await this.prisma.unattributedAttempt.create({
      data: { decisionId: attempt.decisionId, action: attempt.action, reason, callerSub: caller?.sub ?? null, claimedActorId: actorId, code: code ?? null },
    });
  }
}
