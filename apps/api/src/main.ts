import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../../../libs/config/config';
import { apiLogger, nestLoggerOver } from '../../../libs/nest/logging';
import { APP_CONFIG } from '../../../libs/nest/config.module';
import { AppModule } from './app.module';
import { apiHttpAdapter, configureHttp } from './edge/http';
import { DOCS_PATH, setupOpenApi } from './openapi';
import { serveWebApp, WEB_BASE } from './web/static';

async function bootstrap(): Promise<void> {
  const logger = apiLogger();
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, apiHttpAdapter(logger), { bufferLogs: true });
  app.useLogger(nestLoggerOver(logger));
  app.enableShutdownHooks();
  configureHttp(app, logger);
  serveWebApp(app);
  setupOpenApi(app);
  const config = app.get<AppConfig>(APP_CONFIG);
  // Shutdown waits for requests in flight, each bounded by the dependency deadline; never longer.
  const bound = (config.dependencyTimeoutSeconds + 5) * 1000;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => setTimeout(() => {
      console.error(`API 未能在 ${bound / 1000} 秒内完成关闭，强制退出（shutdown took longer than ${bound / 1000} s; exiting）`);
      process.exit(1);
    }, bound).unref());
  }
  await app.listen(config.apiPort, config.apiHost);
  console.log(`API listening on http://${config.apiHost}:${config.apiPort} (web application at ${WEB_BASE}/, OpenAPI docs at /${DOCS_PATH})`);
}

bootstrap().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
