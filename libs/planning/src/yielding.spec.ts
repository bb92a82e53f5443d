import { mapInSlices } from './yielding';

describe('mapping in slices', () => {
  it('maps every item in order, and lets the event loop run between slices', async () => {
    const items = Array.from({ length: 7 }, (_, index) => index);
    const seen: string[] = [];
    const ticks = setInterval(() => undefined, 1); // keeps the loop alive; the immediates below are what is counted
    let turns = 0;
    const counting = (async () => {
      for (let n = 0; n < 10; n++) {
        await new Promise<void>((resume) => setImmediate(resume));
        turns += 1;
      }
    })();
    const mapped = await mapInSlices(
      items,
      (item, index) => {
        seen.push(`${item}@${turns}`);
        return item * 10 + index;
      },
      3,
    );
    clearInterval(ticks);
    await counting;
    expect(mapped).toEqual([0, 11, 22, 33, 44, 55, 66]);
    // Slices of 3: the loop turned between the 3rd and 4th item and between the 6th and 7th, never inside a slice.
    const turnAt = seen.map((entry) => Number(entry.split('@')[1]));
    expect(turnAt[0]).toBe(turnAt[2]);
    expect(turnAt[3]).toBeGreaterThan(turnAt[2]);
    expect(turnAt[3]).toBe(turnAt[5]);
    expect(turnAt[6]).toBeGreaterThan(turnAt[5]);
  });

  it('maps nothing to nothing without waiting', async () => {
    await expect(mapInSlices([], () => 1)).resolves.toEqual([]);
  });
});
