/** How a MicroBatch treats a failed batch. */
export interface MicroBatchOptions {
  /** A full batch starts at once, beside the running one (default 200). */
  maxSize?: number;
  /**
   * When a batch of several fails, run each of its calls again alone, one after another, so that one
   * bad input fails only its own caller (default: the failure reaches every caller of the batch).
   */
  retryAlone?: boolean;
}

/**
 * Groups calls into one call on their whole batch — one SQL statement for many reminders, invitation
 * messages or session checks instead of one each, which is what bounds throughput when hundreds arrive
 * in the same second (Postgres spends more on parsing and planning a statement than on the row it touches).
 *
 * Group commit, not a timer: one batch runs at a time. A call made while none runs starts one once the
 * current turn of the event loop is over (so the calls of one burst of Redis replies go together); calls
 * made while one runs wait for it and go as the next batch the moment it ends. Nobody waits for a clock:
 * at a trickle a call runs at once, under load the batches grow by themselves to what arrives during
 * one statement (at most `maxSize`; a full batch starts a second statement beside the running one).
 * Errors reach every caller of the failed batch, or with `retryAlone` only the callers whose own call
 * fails again alone.
 */
export class MicroBatch<In, Out> {
  private pending: Array<{ input: In; resolve: (out: Out) => void; reject: (error: unknown) => void }> = [];
  private running = 0;
  private scheduled = false;

  private readonly maxSize: number;
  private readonly retryAlone: boolean;

  constructor(
    private readonly run: (inputs: In[]) => Promise<Out[]>,
    options: MicroBatchOptions = {},
  ) {
    this.maxSize = options.maxSize ?? 200;
    this.retryAlone = options.retryAlone ?? false;
  }

  call(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      if (this.pending.length >= this.maxSize) this.flush();
      else if (this.running === 0 && !this.scheduled) {
        this.scheduled = true;
        setImmediate(this.flushScheduled);
      }
    });
  }

  private readonly flushScheduled = (): void => {
    this.scheduled = false;
    if (this.running === 0) this.flush();
  };

  private flush(): void {
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    this.running += 1;
    const inputs = new Array<In>(batch.length);
    for (let index = 0; index < batch.length; index += 1) inputs[index] = batch[index].input;
    this.runSafely(inputs)
      .then(
        (outputs) => {
          for (let index = 0; index < batch.length; index += 1) batch[index].resolve(outputs[index]);
        },
        async (error: unknown) => {
          if (!this.retryAlone || batch.length === 1) {
            for (const item of batch) item.reject(error);
            return;
          }
          for (const item of batch) await this.runSafely([item.input]).then(([output]) => item.resolve(output), item.reject);
        },
      )
      .finally(() => {
        this.running -= 1;
        // What arrived meanwhile goes now, as one batch.
        if (this.running === 0) this.flush();
      });
  }

  /** Called inside a promise, so a batch function that throws rejects like one that fails. */
  private runSafely(inputs: In[]): Promise<Out[]> {
    return new Promise<Out[]>((resolve) => resolve(this.run(inputs)));
  }
}
