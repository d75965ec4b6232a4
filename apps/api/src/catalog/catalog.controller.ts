import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiTags } from '@nestjs/swagger';
import type { CatalogItemView } from '../../../../libs/domain';
import { Caller } from '../auth/caller';
import { Public } from '../auth/public.decorator';
import { CatalogService } from './catalog.service';
import { CatalogItemDto } from './dto/catalog-item.dto';

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

  /** The catalog is public (Art. 3: it is published). */
  @Get()
  @Public()
  list(@Query('year') year?: string): Promise<CatalogItemView[]> {
    return this.catalog.list(year);
  }
}
