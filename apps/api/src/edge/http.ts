import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '../../../../libs/config/config';
import { APP_CONFIG } from '../../../../libs/nest/config.module';

/**
 * What the HTTP server itself enforces, for the API as it runs and as tests
 * build it: the size of a JSON body (larger ones get 413 before they are
 * read whole). Call before init().
 */
export function configureHttp(app: INestApplication): void {
  const config = app.get<AppConfig>(APP_CONFIG);
  const express = app as NestExpressApplication;
  express.useBodyParser('json', { limit: config.maxJsonBodyBytes });
  express.useBodyParser('urlencoded', { limit: config.maxJsonBodyBytes, extended: false });
}
