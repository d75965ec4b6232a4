import { BadRequestException, CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { describeInputProblem, findInputProblem } from '../../../../libs/domain';

/**
 * Every request's path parameters, query and JSON body are checked before
 * anything else reads them: text the record could not store (NUL, unpaired
 * surrogates), nesting deeper than the domain's limit (which would exhaust
 * the validator's stack) and oversized values get 400 naming the field.
 * Runs before the validation pipe; raw document bodies are bytes, not text.
 */
@Injectable()
export class InputInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    const parts: [string, unknown][] = [
      ['params', req.params],
      ['query', req.query],
      ['body', Buffer.isBuffer(req.body) ? undefined : req.body],
    ];
    for (const [where, value] of parts) {
      const problem = findInputProblem(value, where);
      if (problem) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [describeInputProblem(problem)] });
    }
    return next.handle();
  }
}
