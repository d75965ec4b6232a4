import { Body, ConflictException, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { PrismaClient } from '../../../../libs/db/prisma';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { CatalogItemDto } from './dto/catalog-item.dto';

/** The decision catalog (决策事项目录, Art. 3): a decision starts from one of its items. */
@ApiTags('catalog')
@Controller('catalog-items')
export class CatalogController {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'the item is published in the catalog' })
  @ApiConflictResponse({ description: 'an item with this ref exists' })
  async publish(@Body() dto: CatalogItemDto) {
    const { count } = await this.prisma.catalogItem.createMany({ data: [dto], skipDuplicates: true });
    if (!count) throw new ConflictException(`catalog item ${dto.ref} already exists`);
    return this.prisma.catalogItem.findUniqueOrThrow({ where: { ref: dto.ref } });
  }

  @Get()
  list(@Query('year') year?: string) {
    return this.prisma.catalogItem.findMany({ where: year && /^\d{4}$/.test(year) ? { year: Number(year) } : {}, orderBy: { ref: 'asc' } });
  }
}
