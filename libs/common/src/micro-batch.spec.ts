import { MicroBatch } from './micro-batch';

/** A batch function whose batches finish only when the test says so. */
function controlled() {
  const batches: number[][] = [];
  const finish: Array<() => void> = [];
  const batch = new MicroBatch<number, number>((inputs) => {
    batches.push(inputs);
    return new Promise((resolve) => finish.push(() => resolve(inputs.map((input) => input * 10))));
  });
  return { batch, batches, finish };
}

const turn = () => new Promise((done) => setImmediate(done));

describe('MicroBatch', () => {
  it('runs calls made together as one batch and gives each caller its own answer', async () => {
    const batches: number[][] = [];
    const batch = new MicroBatch<number, number>((inputs) => {
      batches.push(inputs);
      return Promise.resolve(inputs.map((input) => input * 10));
    });
    await expect(Promise.all([batch.call(1), batch.call(2), batch.call(3)])).resolves.toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('waits for no clock: a lone call runs after the current turn of the event loop', async () => {
    const { batch, batches, finish } = controlled();
    const answer = batch.call(7);
    expect(batches).toEqual([]);
    await turn();
    expect(batches).toEqual([[7]]);
    finish[0]();
    await expect(answer).resolves.toBe(70);
  });

  it('runs one batch at a time: calls made meanwhile go together, as soon as the running one ends', async () => {
    const { batch, batches, finish } = controlled();
    const first = batch.call(1);
    await turn();
    const later = [batch.call(2), batch.call(3)];
    await turn();
    const last = batch.call(4);
    await turn();
    expect(batches).toEqual([[1]]); // nothing else starts while the first runs
    finish[0]();
    await expect(first).resolves.toBe(10);
    await turn();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    finish[1]();
    await expect(Promise.all([...later, last])).resolves.toEqual([20, 30, 40]);
  });

  it('flushes at once when full, and passes a failure to every caller of that batch', async () => {
    const sizes: number[] = [];
    const batch = new MicroBatch<number, number>(
      (inputs) => {
        sizes.push(inputs.length);
        return inputs.includes(-1) ? Promise.reject(new Error('refused')) : Promise.resolve(inputs);
      },
      { maxSize: 2 },
    );
    const full = [batch.call(1), batch.call(2)];
    expect(sizes).toEqual([2]); // started at the second call, not after the turn
    await expect(Promise.all(full)).resolves.toEqual([1, 2]);
    const failing = [batch.call(-1), batch.call(4)];
    await expect(failing[0]).rejects.toThrow('refused');
    await expect(failing[1]).rejects.toThrow('refused');
    expect(sizes).toEqual([2, 2]);
  });

  it('passes a batch function that throws to every caller, and keeps serving', async () => {
    let calls = 0;
    const batch = new MicroBatch<number, number>((inputs) => {
      calls += 1;
      if (calls === 1) throw new Error('broken');
      return Promise.resolve(inputs);
    });
    await expect(Promise.all([batch.call(1), batch.call(2)])).rejects.toThrow('broken');
    await expect(batch.call(3)).resolves.toBe(3);
  });

  it('with retryAlone, runs the calls of a failed batch again one by one: only the bad one fails', async () => {
    const batches: number[][] = [];
    const batch = new MicroBatch<number, number>(
      (inputs) => {
        batches.push(inputs);
        return inputs.includes(-1) ? Promise.reject(new Error('refused')) : Promise.resolve(inputs.map((input) => input * 10));
      },
      { retryAlone: true },
    );
    const calls = [batch.call(1), batch.call(-1), batch.call(3)];
    await expect(calls[0]).resolves.toBe(10);
    await expect(calls[1]).rejects.toThrow('refused');
    await expect(calls[2]).resolves.toBe(30);
    expect(batches).toEqual([[1, -1, 3], [1], [-1], [3]]);
    // A lone call that fails is not run twice.
    await expect(batch.call(-1)).rejects.toThrow('refused');
    expect(batches).toHaveLength(5);
  });
});
