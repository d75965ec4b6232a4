import { Controller, Get, Global, Header, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { Public } from '../auth/public.decorator';
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
export class MetricsModule implements NestModule {
  constructor(private readonly metrics: MetricsService) {}

  /** Every request's latency, labelled with its route pattern (not its path: ids would explode the series). */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply((req: Request, res: Response, next: NextFunction) => {
        const end = this.metrics.httpDuration.startTimer();
        res.on('finish', () => {
          const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
          end({ method: req.method, route: `${req.baseUrl ?? ''}${route}`, status: String(res.statusCode) });
        });
        next();
      })
      .forRoutes('*');
  }
}
