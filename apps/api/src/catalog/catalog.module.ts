import { Module } from '@nestjs/common';
import { AuthorityModule } from '../authority/authority.module';
import { CatalogController } from './catalog.controller';
import { CatalogService } from './catalog.service';

/** The decision catalog: its publication by the deciding organ's office, and its public reading. */
@Module({ imports: [AuthorityModule], controllers: [CatalogController], providers: [CatalogService] })
export class CatalogModule {}
