import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { raw } from 'express';
import { DocumentsController, MAX_DOCUMENT_BYTES } from './documents.controller';

@Module({ controllers: [DocumentsController] })
export class DocumentsModule implements NestModule {
  // Documents arrive as raw bytes, whatever their type; JSON bodies elsewhere are untouched.
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(raw({ type: (req) => !String(req.headers['content-type'] ?? '').includes('json'), limit: MAX_DOCUMENT_BYTES })).forRoutes({ path: 'documents', method: RequestMethod.POST });
  }
}
