import { Module } from '@nestjs/common';
import { AuthorityModule } from '../authority/authority.module';
import { DocumentStore } from './document-store';
import { DocumentsController } from './documents.controller';

// No body parser for documents: the controller reads the request stream itself (see DocumentsController).
@Module({ imports: [AuthorityModule], controllers: [DocumentsController], providers: [DocumentStore] })
export class DocumentsModule {}
