import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { PUBLIC_EXTENSION } from './auth/public.decorator';

export const DOCS_PATH = 'docs';

/** Serves the OpenAPI document at /docs (UI) and /docs-json. */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH, app, () => openApiDocument(app));
}

export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Major administrative decisions (重大行政决策)')
    .setDescription(
      'Registers decisions and records their statutory steps (State Council Decree No. 713). Every error answer carries `message` in Chinese first with the English beside it; ' +
        'a 503 carries `Retry-After`: send the same request again after that many seconds, with the same idempotency key for a step (a step that did land is answered, never recorded twice). ' +
        'Every operation but the public ones needs an OpenID Connect access token (`Authorization: Bearer …`) from the identity platform the API trusts (OIDC_ISSUER); ' +
        "a step or a registration is taken only from the person its actor names (the token's `sub` is the actor id). Public operations are rate-limited per client (429 with `Retry-After`).",
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'an access token of the identity platform (OIDC_ISSUER), for the audience OIDC_AUDIENCE' }, BEARER)
    .build();
  return declareCommonResponses(SwaggerModule.createDocument(app, config));
}

const ERROR_BODY = 'ErrorBody';
const BEARER = 'bearer';

/**
 * The answers every operation can give besides its own, declared once here
 * rather than on each route: 400 (any parameter, query or body the edge
 * refuses), 404 (a path naming what does not exist), 413 and 415 (a body too
 * large or not readable), 503 (Temporal, its worker or PostgreSQL not
 * answering in time); and, by whether the operation is public, 429 (rate
 * limited) or 401 and 403 (no valid access token; not the signing actor).
 */
export function declareCommonResponses(doc: OpenAPIObject): OpenAPIObject {
  doc.components ??= {};
  doc.components.schemas ??= {};
  doc.components.schemas[ERROR_BODY] = {
    type: 'object',
    required: ['statusCode', 'message'],
    properties: {
      statusCode: { type: 'integer' },
      error: { type: 'string' },
      message: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }], description: 'Chinese first, the English beside it' },
      code: { type: 'string', description: "the refusal's code (422)" },
      articles: { type: 'array', items: { type: 'string' }, description: 'the articles a refusal rests on (422)' },
      dependency: { type: 'string', enum: ['Temporal', 'PostgreSQL'], description: 'what did not answer (503)' },
      retryAfterSeconds: { type: 'integer' },
    },
  };
  const ref = { $ref: `#/components/schemas/${ERROR_BODY}` };
  const answer = (description: string) => ({ description, content: { 'application/json': { schema: ref } } });
  const retryAfter = { 'Retry-After': { description: 'seconds to wait before sending the request again', schema: { type: 'integer' } } };
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const op of [item.get, item.post, item.put, item.patch, item.delete]) {
      if (!op) continue;
      const add = (status: string, response: object) => {
        op.responses[status] ??= response as never;
      };
      // A route that declares only its errors still answers success (Nest adds its default only when none is declared).
      if (!Object.keys(op.responses).some((s) => s.startsWith('2'))) add(op === item.post ? '201' : '200', { description: 'OK' });
      add('400', answer('请求无效：参数、查询或请求体不合要求（bad request: a parameter, the query or the body is not acceptable; `message` names each field）'));
      if (path.includes('{')) add('404', answer('未找到（not found）'));
      if (op.requestBody) {
        add('413', answer('请求内容过大（request body larger than the limit）'));
        add('415', answer('不支持的内容类型或字符集（unsupported content type or charset）'));
      }
      add('503', { ...answer('依赖服务暂时无法响应，请按 Retry-After 重试（a dependency did not answer in time; retry after Retry-After seconds）'), headers: retryAfter });
      // Public operations (@Public()) need no token and are rate-limited; every other one needs a token.
      const extensions = op as unknown as Record<string, unknown>;
      if (extensions[PUBLIC_EXTENSION]) {
        delete extensions[PUBLIC_EXTENSION];
        op.security = [];
        add('429', { ...answer('请求过于频繁，请按 Retry-After 重试（too many requests from this client; retry after Retry-After seconds）'), headers: retryAfter });
      } else {
        op.security = [{ [BEARER]: [] }];
        add('401', answer('未登录或登录已失效：缺少访问令牌，或令牌无效、已过期、不是为本系统签发（no valid access token）'));
        add('403', answer('无权进行此操作：例如登录身份不是签署人（not allowed: e.g. the signed-in person is not the signing actor）'));
      }
    }
  }
  return doc;
}
