import { Module } from '@nestjs/common';
import { AuthorityModule } from '../authority/authority.module';
import { DocumentAccess } from './document-access.service';
import { DocumentDelivery } from './document-delivery';
import { DocumentStore } from './document-store';
import { DocumentsController, PublicDocumentsController } from './documents.controller';

// No body parser for documents: the controller reads the request stream itself (see DocumentsController).
@Module({ imports: [AuthorityModule], controllers: [DocumentsController, PublicDocumentsController], providers: [DocumentStore, DocumentAccess, DocumentDelivery] })
export class DocumentsModule {}
