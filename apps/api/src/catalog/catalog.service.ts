import { BadRequestException, ConflictException, Inject, Injectable } from '@nestjs/common';
import type { PrismaClient } from '../../../../libs/db/prisma';
import type { CatalogItemView } from '../../../../libs/domain';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { AuthorityService } from '../authority/authority.service';
import type { CatalogItemDto } from './dto/catalog-item.dto';

/** The decision catalog (决策事项目录, Art. 3): published by the deciding organ, read by anyone. */
@Injectable()
export class CatalogService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly authority: AuthorityService,
  ) {}

  async publish(dto: CatalogItemDto, publisher: string | undefined) {
    // The item is of the catalog of the government whose organ publishes it (Art. 3): decisions of that government start from it.
    const governmentId = await this.authority.assertCatalogPublisher(publisher);
    const { count } = await this.prisma.catalogItem.createMany({ data: [{ ...dto, governmentId }], skipDuplicates: true });
    if (!count) throw new ConflictException(`决策事项目录中已有 ${dto.ref}（catalog item ${dto.ref} already exists）`);
    return this.prisma.catalogItem.findUniqueOrThrow({ where: { ref: dto.ref } });
  }

  async list(year?: string): Promise<CatalogItemView[]> {
    if (year !== undefined && !/^\d{4}$/.test(year)) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['year：必须是四位数的年份，例如 2026（year must be a four-digit year, e.g. 2026）'] });
    const items = await this.prisma.catalogItem.findMany({ where: year ? { year: Number(year) } : {}, orderBy: { ref: 'asc' } });
    // The organ as registered, not as the item's text says: the text is the publisher's to write, the organ is checked.
    const organs = [...new Set(items.map((i) => i.governmentId).filter((g): g is string => g !== null))];
    const names = new Map((await this.prisma.organisation.findMany({ where: { id: { in: organs } }, select: { id: true, name: true } })).map((o) => [o.id, o.name]));
    return items.map((i) => ({ ...i, matterTypes: i.matterTypes ?? [], publishedAt: i.publishedAt.toISOString(), organName: i.governmentId ? (names.get(i.governmentId) ?? null) : null }));
  }
}
