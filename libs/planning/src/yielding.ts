/**
 * Long loops of the worker's event loop, cut into slices with a turn of the loop between them, so that
 * a planning run's large instance (3,300 venues, 2,000 officials) never holds the loop for long: timers,
 * I/O and other jobs run between slices (bench/solver-isolation measures the longest stall).
 */

/** Items handled per slice: a few milliseconds of work for the mappings of a planning instance. */
export const SLICE = 250;

/** One turn of the event loop: what is due (I/O, timers) runs before the caller goes on. */
export const yieldToLoop = () => new Promise<void>((resume) => setImmediate(resume));

/** `items.map(map)`, in slices with a turn of the event loop between them. */
export async function mapInSlices<T, R>(items: readonly T[], map: (item: T, index: number) => R, slice = SLICE): Promise<R[]> {
  const mapped: R[] = [];
  for (let start = 0; start < items.length; start += slice) {
    if (start) await yieldToLoop();
    const end = Math.min(items.length, start + slice);
    for (let index = start; index < end; index++) mapped.push(map(items[index], index));
  }
  return mapped;
}
