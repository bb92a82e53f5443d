/**
 * Money is whole Vietnamese đồng. Stored as numeric(15,0) (exact, at most 999 nghìn tỷ), carried as
 * JS numbers, which are exact up to 2^53 ≈ 9·10^15: a line and any realistic sum of lines stay exact.
 */

/** The largest amount one budget line may hold (numeric(15,0)). */
export const MAX_VND = 999_999_999_999_999;

/**
 * A pg numeric (a string) as a number of đồng. Refuses what would not survive as a JS number, rather
 * than rounding a sum silently.
 */
export function vndOf(value: string | number | null): number | null {
  if (value === null) return null;
  const amount = Number(value);
  if (!Number.isSafeInteger(amount)) throw new RangeError(`Số tiền ${value} đ vượt quá khả năng biểu diễn chính xác`);
  return amount;
}

export const vndTransformer = {
  to: (value: number | null | undefined) => value,
  from: vndOf,
};
