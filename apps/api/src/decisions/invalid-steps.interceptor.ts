import { BadRequestException, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { catchError, type Observable } from 'rxjs';
import type { Caller } from '../auth/caller';
import { Signers } from '../auth/signers';

/**
 * A step refused as input (400, by the validation pipe or the service's own checks of its shape) is kept apart, under
 * no name (Signers.keepInvalidInput), before the refusal goes back: such an attempt had left no trace (statute tester).
 */
@Injectable()
export class InvalidStepsKept implements NestInterceptor {
  constructor(private readonly signers: Signers) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<{ caller?: Caller; params?: { id?: string }; body?: unknown }>();
    return next.handle().pipe(
      catchError(async (err: unknown) => {
        const id = req.params?.id;
        // Kept where it can be; the refusal is answered whatever becomes of that.
        if (err instanceof BadRequestException && id) {
          try {
            await this.signers.keepInvalidInput(req.caller, id, req.body);
          } catch {
            // The database not answering: the 400 is still the answer.
          }
        }
        throw err;
      }),
    );
  }
}
