import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { textProblem } from '../../../../libs/domain';
import type { Caller } from '../auth/caller';
import { DecisionNotFoundError } from '../errors';
import { ScopeService } from './scope.service';

/**
 * Reads of one decision (`:id`) answer only those whose offices let them see
 * it (ScopeService); everyone else gets the same 404 as for a decision that
 * does not exist, so nothing says that it does.
 */
@Injectable()
export class DecisionScopeGuard implements CanActivate {
  constructor(private readonly scopes: ScopeService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<{ caller?: Caller; params: { id?: string } }>();
    const id = req.params.id;
    // Text the database cannot take (NUL, lone surrogates…) is the input check's to refuse, with a 400 naming the field.
    if (id === undefined || textProblem(id)) return true;
    if (!req.caller || !(await this.scopes.canSee(req.caller.sub, id))) throw new DecisionNotFoundError(id);
    return true;
  }
}
