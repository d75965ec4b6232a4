import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../auth/public.decorator';
import { ReadinessService, type CheckResult, type Dependency } from './readiness.service';

/** How long a client (a load balancer, an orchestrator) should wait before asking /ready again. */
export const RETRY_AFTER_SECONDS = 5;

const checkSchema = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['up', 'down'] },
    latencyMs: { type: 'integer' },
    message: { type: 'string', description: 'when down: what is down, Chinese first', example: 'PostgreSQL 不可达 / PostgreSQL unreachable' },
    error: { type: 'string', description: 'when down: the error or timeout behind it' },
    pollers: { type: 'object', description: 'worker check: workers polling the task queue', properties: { workflow: { type: 'integer' }, activity: { type: 'integer' } } },
  },
};
const checksSchema = { type: 'object', properties: { postgres: checkSchema, temporal: checkSchema, worker: checkSchema } };

/** Liveness and readiness, for load balancers and orchestrators: public, and not rate-limited (they ask often, from one address). */
@ApiTags('health')
@Controller()
@Public()
@SkipThrottle()
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  @Get('health')
  @ApiOperation({ summary: 'liveness: the API process answers; checks no dependency' })
  @ApiOkResponse({ description: 'the process is alive', schema: { type: 'object', properties: { status: { type: 'string', example: 'ok' } } } })
  health() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'readiness: PostgreSQL answers, Temporal answers, and a worker polls the decision task queue; each check bounded by READINESS_TIMEOUT_SECONDS' })
  @ApiOkResponse({
    description: 'every dependency is up; each check with its latency',
    schema: { type: 'object', properties: { status: { type: 'string', example: 'ready' }, checks: checksSchema } },
  })
  @ApiServiceUnavailableResponse({
    description: 'a dependency is down or did not answer in time; the answer names it (Chinese first) and says when to ask again',
    headers: { 'Retry-After': { description: 'seconds to wait before asking again', schema: { type: 'integer', example: RETRY_AFTER_SECONDS } } },
    schema: {
      type: 'object',
      properties: {
        statusCode: { type: 'integer', example: 503 },
        status: { type: 'string', example: 'not_ready' },
        down: { type: 'array', items: { type: 'string', enum: ['postgres', 'temporal', 'worker'] } },
        message: { type: 'array', items: { type: 'string' }, example: ['PostgreSQL 不可达 / PostgreSQL unreachable'] },
        checks: checksSchema,
      },
    },
  })
  async ready(@Res({ passthrough: true }) res: FastifyReply) {
    const { ready, checks } = await this.readiness.check();
    if (ready) return { status: 'ready', checks };
    const down = (Object.entries(checks) as [Dependency, CheckResult][]).filter(([, c]) => c.status === 'down');
    res.code(503).header('retry-after', String(RETRY_AFTER_SECONDS));
    return { statusCode: 503, status: 'not_ready', down: down.map(([name]) => name), message: down.map(([, c]) => c.message), checks };
  }
}
