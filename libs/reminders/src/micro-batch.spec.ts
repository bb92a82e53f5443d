import { MicroBatch } from './micro-batch';

describe('MicroBatch', () => {
  it('runs calls made together as one batch and gives each caller its own answer', async () => {
    const batches: number[][] = [];
    const batch = new MicroBatch<number, number>((inputs) => {
      batches.push(inputs);
      return Promise.resolve(inputs.map((input) => input * 10));
    }, 5);
    await expect(Promise.all([batch.call(1), batch.call(2), batch.call(3)])).resolves.toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('flushes at once when full, and passes a failure to every caller of that batch', async () => {
    const sizes: number[] = [];
    const batch = new MicroBatch<number, number>(
      (inputs) => {
        sizes.push(inputs.length);
        return inputs.includes(-1) ? Promise.reject(new Error('refused')) : Promise.resolve(inputs);
      },
      1_000,
      2,
    );
    await expect(Promise.all([batch.call(1), batch.call(2)])).resolves.toEqual([1, 2]); // did not wait a second
    const failing = [batch.call(-1), batch.call(4)];
    await expect(failing[0]).rejects.toThrow('refused');
    await expect(failing[1]).rejects.toThrow('refused');
    expect(sizes).toEqual([2, 2]);
  });
});
