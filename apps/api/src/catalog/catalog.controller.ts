import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CatalogItemView, CatalogPublisherView } from '../../../../libs/domain';
import { Caller } from '../auth/caller';
import { Public } from '../auth/public.decorator';
import { linkNext } from '../edge/paging';
import { CatalogService } from './catalog.service';
import { CatalogItemDto } from './dto/catalog-item.dto';
import { CatalogQueryDto } from './dto/catalog-query.dto';

/** The decision catalog (决策事项目录, Art. 3): a decision starts from one of its items. */
@ApiTags('catalog')
@Controller('catalog-items')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'the item is published in the catalog' })
  @ApiConflictResponse({ description: 'an item with this ref exists' })
  @ApiForbiddenResponse({ description: "the caller holds no office of the deciding organ (its chief executive, or its general office): Art. 3" })
  publish(@Body() dto: CatalogItemDto, @Caller() caller?: Caller) {
    return this.catalog.publish(dto, caller?.sub);
  }

  /** Whose catalog the caller may publish now: the deciding organ, by id and registered name (Arts. 3, 42). */
  @Get('publisher')
  @ApiOkResponse({ description: 'the deciding organ whose catalog the caller publishes now' })
  @ApiForbiddenResponse({ description: "the caller holds no office of a deciding organ (its chief executive, or its general office): Art. 3" })
  publisher(@Caller() caller?: Caller): Promise<CatalogPublisherView> {
    return this.catalog.publisher(caller?.sub);
  }

  /**
   * The catalog is public (Art. 3: it is published): a page of it, in the order of the refs. Where there is more, the
   * answer's Link header names the next page (rel="next"), the same query after the page's last ref.
   */
  @Get()
  @Public()
  @ApiOkResponse({ description: 'a page of the catalog; a Link header (rel="next") names the next page where there is one' })
  async list(@Query() q: CatalogQueryDto, @Res({ passthrough: true }) res: FastifyReply): Promise<CatalogItemView[]> {
    const { items, nextAfter } = await this.catalog.list(q);
    linkNext(res, '/catalog-items', { year: q.year, government: q.government, after: q.after, limit: q.limit }, nextAfter);
    return items;
  }
}
