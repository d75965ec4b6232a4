import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { Response } from 'express';
import type { Refusal } from '../../../libs/domain';

export class DecisionNotFoundError extends Error {
  constructor(readonly id: string) {
    super(`no decision with id ${id}`);
    this.name = 'DecisionNotFoundError';
  }
}

/** A step (or registration) the procedure refused; carries the refusal with its articles. */
export class ProcedureRefusedError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
    this.name = 'ProcedureRefusedError';
  }
}

/** The one place that turns Temporal and domain errors into HTTP answers. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(err: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.toHttp(err);
    if (status >= 500) this.logger.error(err instanceof Error ? err.stack : String(err));
    res.status(status).json(body);
  }

  private toHttp(err: unknown): { status: number; body: Record<string, unknown> } {
    if (err instanceof HttpException) {
      const r = err.getResponse();
      return { status: err.getStatus(), body: typeof r === 'string' ? { statusCode: err.getStatus(), message: r } : (r as Record<string, unknown>) };
    }
    if (err instanceof ProcedureRefusedError) {
      const { code, message, citations } = err.refusal;
      return { status: HttpStatus.UNPROCESSABLE_ENTITY, body: { statusCode: 422, error: 'Unprocessable Entity', code, message, articles: citations } };
    }
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      return { status: HttpStatus.CONFLICT, body: { statusCode: 409, error: 'Conflict', message: `a decision with id ${err.workflowId} already exists` } };
    }
    if (err instanceof DecisionNotFoundError || err instanceof WorkflowNotFoundError) {
      const id = err instanceof DecisionNotFoundError ? err.id : err.workflowId;
      return { status: HttpStatus.NOT_FOUND, body: { statusCode: 404, error: 'Not Found', message: `no decision with id ${id}` } };
    }
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: { statusCode: 500, error: 'Internal Server Error', message: 'internal error' } };
  }
}
