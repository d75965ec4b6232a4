import { BadRequestException, Body, ConflictException, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiTags } from '@nestjs/swagger';
import { Caller } from '../auth/caller';
import { AuthorityService } from '../authority/authority.service';
import type { PrismaClient } from '../../../../libs/db/prisma';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import type { CatalogItemView } from '../../../../libs/domain';
import { Public } from '../auth/public.decorator';
import { CatalogItemDto } from './dto/catalog-item.dto';

/** The decision catalog (决策事项目录, Art. 3): a decision starts from one of its items. */
@ApiTags('catalog')
@Controller('catalog-items')
export class CatalogController {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly authority: AuthorityService,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'the item is published in the catalog' })
  @ApiConflictResponse({ description: 'an item with this ref exists' })
  @ApiForbiddenResponse({ description: "the caller holds no office of the deciding organ (its chief executive, or its general office): Art. 3" })
  async publish(@Body() dto: CatalogItemDto, @Caller() caller?: Caller) {
    await this.authority.assertCatalogPublisher(caller?.sub);
    const { count } = await this.prisma.catalogItem.createMany({ data: [dto], skipDuplicates: true });
    if (!count) throw new ConflictException(`决策事项目录中已有 ${dto.ref}（catalog item ${dto.ref} already exists）`);
    return this.prisma.catalogItem.findUniqueOrThrow({ where: { ref: dto.ref } });
  }

  /** The catalog is public (Art. 3: it is published). */
  @Get()
  @Public()
  async list(@Query('year') year?: string): Promise<CatalogItemView[]> {
    if (year !== undefined && !/^\d{4}$/.test(year)) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['year：必须是四位数的年份，例如 2026（year must be a four-digit year, e.g. 2026）'] });
    const items = await this.prisma.catalogItem.findMany({ where: year ? { year: Number(year) } : {}, orderBy: { ref: 'asc' } });
    return items.map((i) => ({ ...i, publishedAt: i.publishedAt.toISOString() }));
  }
}
