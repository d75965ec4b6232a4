import { Global, Module } from '@nestjs/common';
import { AppConfig, loadConfig } from '../config/config';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** The validated configuration, read once at boot; a bad environment stops the process with the variable named. */
@Global()
@Module({
  providers: [{ provide: APP_CONFIG, useFactory: (): AppConfig => loadConfig(process.env) }],
  exports: [APP_CONFIG],
})
export class ConfigModule {}
