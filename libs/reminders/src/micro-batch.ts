/**
 * Groups calls made within a few milliseconds into one call on their whole batch — here, one SQL
 * statement for many reminders instead of one each, which is what bounds firing throughput when
 * hundreds fall due in the same second (Postgres spends more on parsing and planning a statement
 * than on the row it touches). A caller waits at most `maxWaitMs` longer; errors reach every caller
 * of the failed batch.
 */
export class MicroBatch<In, Out> {
  private pending: Array<{ input: In; resolve: (out: Out) => void; reject: (error: unknown) => void }> = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly run: (inputs: In[]) => Promise<Out[]>,
    private readonly maxWaitMs = 5,
    private readonly maxSize = 200,
  ) {}

  call(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      if (this.pending.length >= this.maxSize) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.maxWaitMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    this.run(batch.map((item) => item.input)).then(
      (outputs) => batch.forEach((item, index) => item.resolve(outputs[index])),
      (error: unknown) => batch.forEach((item) => item.reject(error)),
    );
  }
}
