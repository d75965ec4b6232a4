import { BadRequestException, type CanActivate, type ExecutionContext, Injectable, UnsupportedMediaTypeException } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { FastifyRequest } from 'fastify';
import { describeInputProblem, findInputProblem } from '../../../../libs/domain';
import { queryNotTaken } from '../validation-messages';

/**
 * Every request's path parameters, query and JSON body are checked before
 * anything else reads them: text the record could not store (NUL, unpaired
 * surrogates), nesting deeper than the domain's limit (which would exhaust
 * the validator's stack) and oversized values get 400 naming the field.
 * Runs before the validation pipe and after the global guards that say who
 * is calling (the rate limit, the token: app.module.ts orders them); raw
 * document bodies are bytes, not text. A guard, not an interceptor: Nest
 * wraps every request in an interceptor's observables and async resources,
 * which cost the API a fifth of its cheapest request (README, benchmarks).
 */
const JSON_BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** A Content-Type's type/subtype, without its parameters, in lower case. */
const mediaTypeOf = (header: string | undefined): string => (header ?? '').split(';')[0].trim().toLowerCase();

@Injectable()
export class InputGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    // The query as sent: percent-escapes that are not UTF-8 would be decoded into U+FFFD and searched for so.
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
    try {
      decodeURIComponent(query.replace(/\+/g, ' '));
    } catch {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['query：查询参数不是有效的 UTF-8 编码（the query string is not valid percent-encoded UTF-8）'] });
    }
    // A body every route but the documents' reads as JSON: anything else would be taken for an empty one.
    if (JSON_BODY_METHODS.has(req.method) && !req.routeOptions.url?.startsWith('/documents') && (Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined) && mediaTypeOf(req.headers['content-type']) !== 'application/json') {
      throw new UnsupportedMediaTypeException({ statusCode: 415, error: 'Unsupported Media Type', message: ['请求内容须为 JSON，Content-Type 应为 application/json（send the body as JSON, with Content-Type: application/json）'] });
    }
    // Every route reads a JSON object: a list is refused as such, not by the first field it lacks.
    if (Array.isArray(req.body)) {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['请求内容须为 JSON 对象 {…}，不能是列表 […]（the request body must be a JSON object, not a list）'] });
    }
    // A query the route does not read is refused, rather than answered as if it had been heeded (?government=gd
    // on /statistics, say); a named parameter is one text, never a list or an object (?personId[a]=b).
    const problems = queryProblems((req.query ?? {}) as Record<string, unknown>, queryTaken(context));
    if (problems.length) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: problems });
    const parts: [string, unknown][] = [
      ['params', req.params],
      ['query', req.query],
      ['body', Buffer.isBuffer(req.body) ? undefined : req.body],
    ];
    for (const [where, value] of parts) {
      const problem = findInputProblem(value, where);
      if (problem) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [describeInputProblem(problem)] });
    }
    return true;
  }
}

/** What the route's handler takes of the query: all of it (a @Query() DTO, validated by the pipe), or these names. */
function queryTaken(context: ExecutionContext): 'all' | string[] {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), context.getHandler().name) ?? {}) as Record<string, { data?: unknown }>;
  const queries = Object.entries(args).filter(([k]) => k.startsWith(`${RouteParamtypes.QUERY}:`));
  return queries.some(([, a]) => typeof a.data !== 'string') ? 'all' : queries.map(([, a]) => a.data as string);
}

/**
 * Names the route does not read; and, on every route, a parameter given twice: no query of this API takes a list that
 * way (a list is one comma-separated value), so `?personId=a&personId=b` is said to be wrong, not read as one of them.
 */
function queryProblems(query: Record<string, unknown>, taken: 'all' | string[]): string[] {
  return Object.entries(query).flatMap(([k, v]) => {
    // A DTO's whitelist takes a name every object has (toString, hasOwnProperty) for one of its own (the tester:
    // ?toString=1 was answered as if unasked); no query of this API is named so.
    if (taken === 'all' ? k in Object.prototype : !taken.includes(k)) return [queryNotTaken(k)];
    if (typeof v !== 'string') return [`${k}：查询参数只能出现一次，且为一个文本值（query parameter ${k} must be given once, as one text value）`];
    return [];
  });
}
