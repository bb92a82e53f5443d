import type { Type as Class } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;
/** Far beyond any list here (100 million rows at the largest page size), and an OFFSET PostgreSQL takes. */
export const MAX_PAGE = 1_000_000;

/** `?page=&pageSize=` on every list; page counts from 1. */
export class PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page = 1;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize = 20;

  get offset(): number {
    return (this.page - 1) * this.pageSize;
  }
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * A page of `item` as OpenAPI describes it (generics do not reach the document):
 * `class VenuePage extends pageOf(VenueView) {}` and a controller returning `Promise<VenuePage>`.
 */
export function pageOf<T>(item: Class<T>): Class<Page<T>> {
  class PageOfItems implements Page<T> {
    @ApiProperty({ type: () => [item] })
    items: T[];

    /** Rows matching the filters, on every page. */
    @ApiProperty({ description: 'Rows matching the filters, on every page.' })
    total: number;

    @ApiProperty({ minimum: 1 })
    page: number;

    @ApiProperty({ minimum: 1, maximum: MAX_PAGE_SIZE })
    pageSize: number;
  }
  // The schema's name in the document: one per item type (VenueViewPage, LeaderPage…).
  Object.defineProperty(PageOfItems, 'name', { value: `${item.name}Page` });
  return PageOfItems;
}

export function toPage<T>(items: T[], total: number, query: PageQueryDto): Page<T> {
  return { items, total, page: query.page, pageSize: query.pageSize };
}
