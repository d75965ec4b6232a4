import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Inject, Logger, Optional } from '@nestjs/common';
import { isGrpcServiceError, ServiceError, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { classifyDbFailure, sqlState } from '../../../libs/db/failures';
import type { Refusal } from '../../../libs/domain';
import type { AppConfig } from '../../../libs/config/config';
import { APP_CONFIG } from '../../../libs/nest/config.module';

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

/** What a status means, for Nest's own English-only answers. */
const GENERIC_ZH: Record<number, string> = { 400: '请求无效', 401: '未登录或登录已失效', 403: '无权进行此操作', 404: '未找到', 405: '不支持该请求方法', 409: '与现有记录冲突', 413: '请求内容过大', 415: '不支持的内容类型', 422: '无法处理的请求', 429: '请求过于频繁' };

/** Seconds a client should wait before sending a request again after a 503. */
export const RETRY_AFTER_SECONDS = 5;

type HttpAnswer = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };

/** The one place that turns Temporal, database, body-parser and domain errors into HTTP answers. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  constructor(@Optional() @Inject(APP_CONFIG) private readonly config?: AppConfig) {}

  catch(err: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, body, headers } = toHttp(fromFastify(err, this.config?.maxJsonBodyBytes));
    // The line names its request, as the request's own line does (request-log.ts).
    const req = host.switchToHttp().getRequest<FastifyRequest | undefined>();
    const about = req ? { req: { id: req.id, method: req.method, url: req.url } } : {};
    if (status >= 500 && status !== 503) this.logger.error({ msg: err instanceof Error ? err.stack : String(err), ...about });
    else if (status === 503) this.logger.warn({ msg: `503: ${String(body.message)} (${err instanceof Error ? err.message : String(err)})`, ...about });
    // A response already under way (a document being sent) can only be cut off.
    if (reply.sent || reply.raw.headersSent) {
      reply.raw.destroy();
      return;
    }
    reply.headers(headers ?? {}).code(status).send(body);
  }
}

export function toHttp(err: unknown): HttpAnswer {
  if (err instanceof HttpException) {
    const r = err.getResponse();
    // Nest's own answers carry a bare English message (a path that cannot be decoded, say): said in Chinese too.
    const message = typeof r === 'string' ? r : (r as { message?: unknown }).message;
    const englishOnly = typeof message === 'string' && !/[\u4e00-\u9fff]/.test(message);
    // The one such answer a caller can cause by the path alone, said in words a clerk can act on.
    const undecodable = englishOnly ? /^Failed to decode param '(.*)'$/s.exec(message) : null;
    const zh = undecodable ? `请求无效：路径中的“${undecodable[1].slice(0, 200)}”不是有效的 UTF-8 百分号编码` : `${GENERIC_ZH[err.getStatus()] ?? '请求未能完成'}`;
    const body = englishOnly
      ? { ...(typeof r === 'object' ? r : {}), statusCode: err.getStatus(), message: `${zh}（${message.length > 300 ? `${message.slice(0, 300)}…` : message}）` }
      : typeof r === 'string' ? { statusCode: err.getStatus(), message: r } : (r as Record<string, unknown>);
    const answer = { status: err.getStatus(), body };
    if (err.getStatus() !== 503) return answer;
    // A 503 that says when to come back (a busy verifier) is told so in its header too; any other, after the usual wait.
    const seconds = typeof body.retryAfterSeconds === 'number' ? body.retryAfterSeconds : RETRY_AFTER_SECONDS;
    return { ...answer, headers: { 'retry-after': String(seconds) } };
  }
  if (err instanceof ProcedureRefusedError) {
    const { code, message, citations } = err.refusal;
    return { status: HttpStatus.UNPROCESSABLE_ENTITY, body: { statusCode: 422, error: 'Unprocessable Entity', code, message, articles: citations } };
  }
  if (err instanceof WorkflowExecutionAlreadyStartedError) {
    return { status: HttpStatus.CONFLICT, body: { statusCode: 409, error: 'Conflict', message: `编号为 ${err.workflowId} 的决策已存在（a decision with id ${err.workflowId} already exists）` } };
  }
  if (err instanceof DecisionNotFoundError || err instanceof WorkflowNotFoundError) {
    const given = err instanceof DecisionNotFoundError ? err.id : err.workflowId;
    // An id no decision has can be any length: echoed in part, not in full.
    const id = given.length > 100 ? `${given.slice(0, 100)}…` : given;
    return { status: HttpStatus.NOT_FOUND, body: { statusCode: 404, error: 'Not Found', message: `没有编号为 ${id} 的决策（no decision with id ${id}）` } };
  }
  const bodyError = bodyParserError(err);
  if (bodyError) return bodyError;
  // A value PostgreSQL cannot take (class 22: data exceptions) came from the request: its fault, never a 500.
  if (sqlState(err)?.startsWith('22')) {
    return { status: HttpStatus.BAD_REQUEST, body: { statusCode: 400, error: 'Bad Request', message: ['请求中有数据库无法处理的值（a value in the request cannot be stored or searched for）'] } };
  }
  const dependency = unavailableDependency(err);
  if (dependency) return unavailable(dependency);
  if (workflowStuck(err)) {
    return serviceUnavailable({
      message: '本决策的流程当前无法应答：其工作流任务执行失败，须由运维人员在流程引擎（Temporal）中处理；已经记录的内容没有丢失（the workflow of this decision cannot answer: its workflow task fails, for an operator to see to in Temporal; nothing recorded is lost）',
    });
  }
  return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: { statusCode: 500, error: 'Internal Server Error', message: '内部错误（internal error）' } };
}

function unavailable(dependency: 'Temporal' | 'PostgreSQL'): HttpAnswer {
  const who = dependency === 'Temporal' ? '流程引擎（Temporal 或其工作进程）' : '数据库（PostgreSQL）';
  return serviceUnavailable({
    dependency,
    retryAfterSeconds: RETRY_AFTER_SECONDS,
    message: `${who}暂时无法响应，请在 ${RETRY_AFTER_SECONDS} 秒后原样重发（步骤用同一幂等键，登记用同一决策编号）；已记录的不会重复记录（${dependency} did not answer in time; send the same request again after ${RETRY_AFTER_SECONDS} s, a step with the same idempotency key, a registration with the same decision id: what did land is answered, never recorded twice）`,
  });
}

/** 503 with Retry-After, the body saying the rest. */
function serviceUnavailable(body: Record<string, unknown>): HttpAnswer {
  return { status: HttpStatus.SERVICE_UNAVAILABLE, headers: { 'retry-after': String(RETRY_AFTER_SECONDS) }, body: { statusCode: 503, error: 'Service Unavailable', ...body } };
}

/**
 * Fastify's own refusals of a body (too large; a Content-Type that is no media type), which Nest hands on as an
 * HttpException with Fastify's English message: said as the API's parsers say theirs (edge/http.ts), with the limit.
 */
function fromFastify(err: unknown, limit: number | undefined): unknown {
  if (!(err instanceof HttpException) || typeof err.getResponse() !== 'string') return err;
  if (err.getStatus() === HttpStatus.PAYLOAD_TOO_LARGE) return { status: 413, type: 'entity.too.large', limit, expose: true };
  if (err.getStatus() === HttpStatus.UNSUPPORTED_MEDIA_TYPE) return { status: 415, type: 'media.invalid', expose: true };
  return err;
}

/** Errors of reading a request's body: a client's mistake, with its own status. */
export function bodyParserError(err: unknown): HttpAnswer | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const given = err as { status?: unknown; statusCode?: unknown; type?: unknown; code?: unknown; limit?: unknown; expose?: unknown };
  // A compressed body that does not unpack (zlib's own errors: edge/http.ts unpacks gzip, deflate and br).
  const corrupt = typeof given.code === 'string' && given.code.startsWith('Z_') && given.status === undefined;
  const e = corrupt ? { ...given, status: 400, type: 'encoding.corrupt', expose: true } : given;
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  if (status === undefined || status < 400 || status > 499 || e.expose === false) return undefined;
  const messages: Record<string, string> = {
    'entity.too.large': e.limit === undefined ? '请求内容过大（request body larger than the limit）' : `请求内容过大，上限 ${String(e.limit)} 字节（request body larger than the limit of ${String(e.limit)} bytes）`,
    'entity.parse.failed': '请求内容不是有效的 JSON（the request body is not valid JSON）',
    'encoding.unsupported': '不支持的内容编码，请使用 gzip、deflate 或 br，或不压缩（unsupported Content-Encoding: use gzip, deflate or br, or none）',
    'encoding.corrupt': '请求内容无法按其 Content-Encoding 解压（the body cannot be unpacked as its Content-Encoding says）',
    'charset.unsupported': '不支持的字符集，请使用 UTF-8（unsupported charset; use UTF-8）',
    'request.aborted': '请求在传输中被中止（the request was aborted before it was complete）',
    'request.timeout': '请求内容未在时限内传送完毕，连接已关闭：请检查网络后重试（the request body did not arrive in time and the connection is closed; check the connection and try again）',
    'request.size.invalid': '请求长度与 Content-Length 不符（the body does not match its Content-Length）',
    'encoding.invalid': '请求内容不是有效的 UTF-8 文字（the request body is not valid UTF-8）',
    'media.invalid': 'Content-Type 不是有效的媒体类型，应为“类型/子类型”，例如 application/json 或 application/pdf（Content-Type is not a media type such as application/json）',
    'entity.duplicate.key': `请求内容中的字段“${String((err as { key?: unknown }).key).slice(0, 200)}”出现了不止一次：同一对象中每个字段只能出现一次，否则所签署和记录的内容有歧义（the request body names the key ${String((err as { key?: unknown }).key).slice(0, 200)} twice in one object: each key once, or what is signed and recorded is ambiguous）`,
  };
  // Strict JSON parsing takes objects and arrays only: `null`, a number or a string is JSON, but not a request.
  if (e.type === 'entity.parse.failed' && parsesAsJson((err as { body?: unknown }).body)) messages[e.type] = '请求内容须为 JSON 对象 {…}，不能是 null、数字或字符串（the request body must be a JSON object, not null, a number or a string）';
  const message = (typeof e.type === 'string' && messages[e.type]) || `请求无效（bad request: ${err instanceof Error ? err.message : 'malformed'}）`;
  const error = ({ 408: 'Request Timeout', 413: 'Payload Too Large', 415: 'Unsupported Media Type' } as Record<number, string>)[status] ?? 'Bad Request';
  return { status, body: { statusCode: status, error, message: [message] } };
}

function parsesAsJson(body: unknown): boolean {
  if (typeof body !== 'string') return false;
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether Temporal says one decision's workflow cannot answer, its workflow task failing (gRPC FAILED_PRECONDITION:
 * "Unable to query workflow due to Workflow Task in failed state", Temporal v1.32 history service): that decision's fault, not Temporal's.
 */
export function workflowStuck(err: unknown): boolean {
  const failedPrecondition = (e: unknown) => isGrpcServiceError(e) && e.code === 9;
  return (err instanceof ServiceError && (failedPrecondition(err.cause) || /workflow task in failed state/i.test(err.message))) || failedPrecondition(err);
}

/**
 * A read of one decision's workflow in a list of many (我的待办, the portal's lists): a decision that cannot answer is
 * left out and said in the log, so that one stuck decision does not fail the list for everyone (fresh-eyes tester: one
 * frozen decision made 我的待办 500 for a whole city, and the public consultations too). A decision Temporal does not
 * have is left out the same way. Temporal down or too slow still fails the list (503): leaving every decision out would
 * say there is nothing to do.
 */
export async function orLeftOut<T>(decisionId: string, read: () => Promise<T>, instead: T): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (unavailableDependency(err) || !(err instanceof WorkflowNotFoundError || workflowStuck(err))) throw err;
    listLog.warn(`决策 ${decisionId} 的流程无法应答，列表中略去（decision ${decisionId} left out of a list: ${err instanceof Error ? err.message : String(err)}）`);
    return instead;
  }
}

const listLog = new Logger('DecisionLists');

/** Which dependency an error says is down or too slow, if it says so. */
function unavailableDependency(err: unknown): 'Temporal' | 'PostgreSQL' | undefined {
  const grpcUnavailable = (e: unknown) => isGrpcServiceError(e) && [1, 4, 8, 13, 14].includes(e.code);
  if (err instanceof ServiceError && (grpcUnavailable(err.cause) || /deadline|unavailable|cancel/i.test(err.message))) return 'Temporal';
  if (grpcUnavailable(err) || err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return 'Temporal';
  if (classifyDbFailure(err) === 'transient') return 'PostgreSQL';
  return undefined;
}
