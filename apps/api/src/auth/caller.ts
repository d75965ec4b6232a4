import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { JWTPayload } from 'jose';

/** Who is calling, as the verified access token says: `sub` is the actor id the person signs with. */
export interface Caller {
  sub: string;
  /** The issuer that vouched for it. */
  issuer: string;
  /** The token's claims, verified (name, client_id, scope, …). */
  claims: JWTPayload;
}

/** The request's verified caller; undefined on a public endpoint. */
export const Caller = createParamDecorator((_data: unknown, ctx: ExecutionContext): Caller | undefined => ctx.switchToHttp().getRequest<{ caller?: Caller }>().caller);
