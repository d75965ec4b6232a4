import { BadRequestException, ConflictException, Inject, Injectable } from '@nestjs/common';
import type { PrismaClient } from '../../../../libs/db/prisma';
import { saysNothing, type CatalogItemView, type CatalogPublisherView } from '../../../../libs/domain';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { AuthorityService } from '../authority/authority.service';
import type { CatalogItemDto } from './dto/catalog-item.dto';
import { DEFAULT_PAGE, pageOf, type Page } from '../edge/paging';
import type { CatalogQueryDto } from './dto/catalog-query.dto';

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
    // A catalog is the year's, made at its start or late in the year before (Art. 3): not one for years ahead (statute
    // tester: a catalog of 2030 published in 2026). Years in Beijing time, as the catalogs are.
    const thisYear = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    if (dto.year > thisYear + 1) {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [`year：决策事项目录按年度编制，可以编制本年度（${thisYear}）或者下一年度（${thisYear + 1}）的目录，不能编制 ${dto.year} 年度的目录（第三条）（year: a catalog is the year's: ${thisYear}'s or ${thisYear + 1}'s, not ${dto.year}'s, Art. 3）`] });
    }
    // The Party committee's consent and the reason of an adjustment are references the public reads with the item: not
    // a placeholder (statute tester: 党委同意：无 on the portal).
    for (const field of ['partyConsentRef', 'adjustmentReason'] as const) {
      const text = dto[field];
      if (typeof text === 'string' && saysNothing(text)) {
        throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [`${field}：“${text}”没有载明内容；${field === 'partyConsentRef' ? '应当写明同级党委同意的会议或者文件，例如 市委常委会2026年第3次会议同意' : '应当写明调整的理由'}（第三条）（${field}: "${text}" says nothing; ${field === 'partyConsentRef' ? "name the Party committee's meeting or document that consented" : 'state the reason of the adjustment'}, Art. 3）`] });
      }
    }
    // Refs differing only in case name one item to a reader, across the country's one namespace (retest: 2026-ml-07
    // beside 2026-ML-07); two sent at once are taken in turn.
    const { count } = await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`catalog-ref:${dto.ref.toLowerCase()}`}))`;
      const [twin] = await tx.$queryRaw<{ ref: string }[]>`SELECT ref FROM catalog_items WHERE lower(ref) = lower(${dto.ref}) AND ref <> ${dto.ref} LIMIT 1`;
      if (twin) throw new ConflictException(`ref：目录编号 ${dto.ref} 与已有的 ${twin.ref} 只有大小写不同，容易混同；请另取编号（ref: ${dto.ref} differs only in case from ${twin.ref}: choose another）`);
      return tx.catalogItem.createMany({ data: [{ ...dto, governmentId }], skipDuplicates: true });
    });
    if (!count) {
      // Refs are one namespace for the country (a decision names its item by ref alone): whose item holds it is said, and
      // how to number one's own (fresh-eyes tester: Shenzhen was told its catalog had Guangzhou's item).
      const holder = await this.prisma.catalogItem.findUniqueOrThrow({ where: { ref: dto.ref } });
      if (holder.governmentId && holder.governmentId !== governmentId) {
        const name = (await this.prisma.organisation.findUnique({ where: { id: holder.governmentId }, select: { name: true } }))?.name;
        throw new ConflictException(
          `目录编号 ${dto.ref} 已由${name ? `${name}（${holder.governmentId}）` : ` ${holder.governmentId} `}的决策事项目录使用；目录编号全国唯一，请在编号前加本级政府编号，例如 ${governmentId}-${dto.ref}（catalog ref ${dto.ref} is used by the catalog of ${holder.governmentId}; refs are unique in the country: prefix yours with your government's id, e.g. ${governmentId}-${dto.ref}）`,
        );
      }
      // The same item sent again (公布 clicked twice, or sent again after an answer lost): answered as the first time
      // (fresh-eyes tester: the second click's 409 replaced the first's success on the page).
      if (holder.governmentId === governmentId && sameItem(dto, holder)) return holder;
      throw new ConflictException(`决策事项目录中已有 ${dto.ref}，内容与本次提交的不同；调整已公布的事项请另取编号并载明调整理由（catalog item ${dto.ref} already exists, with other content）`);
    }
    return this.prisma.catalogItem.findUniqueOrThrow({ where: { ref: dto.ref } });
  }

  /**
   * The deciding organ whose catalog the person would publish now, asked as publish() asks it: refused the same way where
   * they hold no office of one, so the web page says so before a clerk fills in the form (retest: the form was offered to
   * everyone and refused only on sending).
   */
  async publisher(personId: string | undefined): Promise<CatalogPublisherView> {
    const organisationId = await this.authority.assertCatalogPublisher(personId);
    const organ = await this.prisma.organisation.findUnique({ where: { id: organisationId }, select: { name: true } });
    return { organisationId, name: organ?.name ?? organisationId };
  }

  /** A page of the catalog (CatalogQueryDto), and the ref the next page starts after, where there is one. */
  async list(q: CatalogQueryDto): Promise<Page<CatalogItemView>> {
    const limit = q.limit ?? DEFAULT_PAGE;
    const found = await this.prisma.catalogItem.findMany({
      where: { ...(q.year ? { year: Number(q.year) } : {}), ...(q.government ? { governmentId: q.government } : {}), ...(q.after ? { ref: { gt: q.after } } : {}) },
      orderBy: { ref: 'asc' },
      take: limit + 1,
    });
    const { items, nextAfter } = pageOf(found, limit, (i) => i.ref);
    // The organ as registered, not as the item's text says: the text is the publisher's to write, the organ is checked.
    const organs = [...new Set(items.map((i) => i.governmentId).filter((g): g is string => g !== null))];
    const names = new Map((await this.prisma.organisation.findMany({ where: { id: { in: organs } }, select: { id: true, name: true } })).map((o) => [o.id, o.name]));
    return {
      items: items.map((i) => ({ ...i, matterTypes: i.matterTypes ?? [], publishedAt: i.publishedAt.toISOString(), organName: i.governmentId ? (names.get(i.governmentId) ?? null) : null })),
      nextAfter,
    };
  }
}

/** Whether an item sent is the one stored: each field it sends, as stored (an optional field left out is stored as none). */
function sameItem(dto: CatalogItemDto, stored: Record<string, unknown>): boolean {
  const given = dto as unknown as Record<string, unknown>;
  const fields = ['ref', 'year', 'title', 'organ', 'partyConsentRef', 'adjustmentReason', 'matterTypes'];
  // A list in any order is the same list (retest: matterTypes reordered was "other content").
  const norm = (v: unknown) => (v === undefined || v === null || (Array.isArray(v) && !v.length) ? null : JSON.stringify(Array.isArray(v) ? [...v].sort() : v));
  return fields.every((f) => norm(given[f]) === norm(stored[f]));
}
