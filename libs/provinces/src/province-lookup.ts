import { PROVINCES, ProvinceRecord } from './province-data';

const BY_CODE = new Map(PROVINCES.map((province) => [province.code, province]));

/**
 * The province in force of `code`, or undefined, from the data the `provinces` table is seeded with
 * (reference data, written only by migrations from this same file): no query. Invitations name the
 * host police (of a city or a province) in every letter they send.
 */
export function provinceByCode(code: string): ProvinceRecord | undefined {
  return BY_CODE.get(code);
}

/** A province's name (its code when unknown), from the same reference data: no query. */
export function provinceName(code: string): string {
  return BY_CODE.get(code)?.name ?? code;
}
