import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { PLAIN_IDENTIFIER } from '../../../../libs/domain';
import { QueryInteger } from './query-integer';
import { says, Says } from '../validation-messages';

export const DEFAULT_PAGE = 500;
export const MAX_PAGE = 1000;
const whole = says(`必须是 1 至 ${MAX_PAGE} 之间的整数`, `must be a whole number from 1 to ${MAX_PAGE}`);

/** `limit`: how many rows a page holds, 1 to MAX_PAGE. */
const PageLimit = (): PropertyDecorator =>
  applyDecorators(ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: DEFAULT_PAGE }), IsOptional(), Max(MAX_PAGE, whole), Min(1, whole), IsInt(whole), QueryInteger());

/**
 * A list that grows with the country (the catalog, the organisations, the appointments, the keys) is answered a page
 * at a time, in the order of its key: at most `limit` rows, the next page after the last one's key, which the
 * answer's Link header names (rel="next"). A list a caller narrows to one person or office is paged the same way.
 */
export class PageQueryDto {
  @ApiPropertyOptional({ description: 'the rows after this key (the last of the page before; the Link header names the next page)' })
  @IsOptional()
  @Matches(PLAIN_IDENTIFIER, Says.plainIdentifier)
  @MaxLength(200, Says.maxLength(200))
  @IsNotEmpty(Says.text)
  @IsString(Says.text)
  after?: string;

  @PageLimit()
  limit?: number;
}

/**
 * A decision's own list kept in the order it was written (its refusals, its attempts under no name): paged by the row's
 * number, as anyone signed in can add to it and an inspector reads it whole, a page at a time.
 */
export class RowPageQueryDto {
  @ApiPropertyOptional({ description: 'the rows after this number (the last of the page before; the Link header names the next page)' })
  @IsOptional()
  @Matches(/^[0-9]{1,18}$/, says('必须是记录序号（1至18位数字）', 'must be a row number (1 to 18 digits)'))
  @IsString(Says.text)
  after?: string;

  @PageLimit()
  limit?: number;
}

/** An optional id a list is narrowed by (one person's, one office's): text that shows as what it is, as every stored id. */
export const IdFilter = (description: string): PropertyDecorator =>
  applyDecorators(ApiPropertyOptional({ description }), IsOptional(), Matches(PLAIN_IDENTIFIER, Says.plainIdentifier), MaxLength(200, Says.maxLength(200)), IsNotEmpty(Says.text), IsString(Says.text));

export interface Page<T> {
  items: T[];
  /** The key the next page starts after; null on the last page. */
  nextAfter: string | null;
}

/** A page of `found`, which was asked for one row more than `limit` (to know whether there is a next page). */
export function pageOf<T>(found: T[], limit: number, keyOf: (row: T) => string): Page<T> {
  const items = found.slice(0, limit);
  return { items, nextAfter: found.length > limit ? keyOf(items[items.length - 1]) : null };
}

/**
 * The Link header naming the next page, where there is one: the same query (its parameters in the order given), after
 * the page's last key.
 */
export function linkNext(res: FastifyReply, path: string, query: Record<string, string | number | undefined>, nextAfter: string | null): void {
  if (nextAfter === null) return;
  const given: [string, string | number | undefined][] = Object.entries({ ...query, after: nextAfter });
  const next = new URLSearchParams(given.flatMap(([k, v]): [string, string][] => (v === undefined ? [] : [[k, String(v)]])));
  res.header('link', `<${path}?${next}>; rel="next"`);
}
