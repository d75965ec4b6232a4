import { Controller, Get, Global, Header, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { Public } from '../auth/public.decorator';
import { onRequestEnd } from '../edge/request-end';
import { MetricsService } from './metrics.service';

@ApiTags('operations')
@Controller('metrics')
class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /** Prometheus' text exposition format, for a scraper: with an access token, or without one where METRICS_PUBLIC=true. */
  @Get()
  @Public({ when: (config) => config.metricsPublic })
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOkResponse({ description: 'the metrics in Prometheus text format' })
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}

@Global()
@Module({ controllers: [MetricsController], providers: [MetricsService], exports: [MetricsService] })
export class MetricsModule implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly http: HttpAdapterHost,
  ) {}

  /** Every request's latency, labelled with its route pattern (not its path: ids would explode the series). */
  onModuleInit(): void {
    const fastify = this.http.httpAdapter?.getInstance() as FastifyInstance | undefined;
    if (!fastify?.addHook) return; // no HTTP server: a module compiled without one (tests)
    // A request the client cut off before its answer is counted with the status "aborted".
    onRequestEnd(fastify, (req, reply, how) => {
      this.metrics.httpDuration.observe({ method: req.method, route: req.routeOptions.url ?? 'unmatched', status: how === 'aborted' ? 'aborted' : String(reply.statusCode) }, reply.elapsedTime / 1000);
    });
  }
}
