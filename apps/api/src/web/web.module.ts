import { Module } from '@nestjs/common';
import { loadWebClientConfig } from './web-config';
import { WEB_CLIENT_CONFIG, WebController } from './web.controller';

/** The web application's settings (GET /web-config); the built pages themselves are served by serveWebApp (static.ts). */
@Module({
  controllers: [WebController],
  providers: [{ provide: WEB_CLIENT_CONFIG, useFactory: () => loadWebClientConfig(process.env) }],
})
export class WebModule {}
