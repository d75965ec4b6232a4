import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { lastValueFrom, Observable } from 'rxjs';
import type { AppConfig } from '../../../../libs/config/config';
import { APP_CONFIG } from '../../../../libs/nest/config.module';
import { TEMPORAL_CLIENT } from '../temporal.module';

/**
 * Every request's calls to Temporal share one deadline, so a request never
 * waits longer than DEPENDENCY_TIMEOUT_SECONDS on a server or a worker that is
 * down: it gets 503 with Retry-After instead (errors.ts). A step that was
 * admitted meanwhile still lands, and the client's retry with the same
 * idempotency key gets its answer.
 */
@Injectable()
export class DeadlineInterceptor implements NestInterceptor {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const deadline = Date.now() + this.config.dependencyTimeoutSeconds * 1000;
    return new Observable((subscriber) => {
      this.temporal.connection.withDeadline(deadline, () => lastValueFrom(next.handle(), { defaultValue: undefined })).then(
        (value) => {
          subscriber.next(value);
          subscriber.complete();
        },
        (err: unknown) => subscriber.error(err),
      );
    });
  }
}
