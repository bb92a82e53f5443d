import { DataSource, EntityManager } from 'typeorm';

/**
 * Work to do once the transaction has committed — enqueueing jobs that point at the rows just
 * written. Enqueueing before commit could let a worker read the old state; after commit, a lost
 * enqueue is recovered by the reconcilers, because the rows are already in Postgres.
 */
export class AfterCommit {
  private readonly tasks: Array<() => Promise<void>> = [];
  private readonly keys = new Set<string>();

  add(task: () => Promise<void>): void {
    this.tasks.push(task);
  }

  /** Adds the task unless one with the same key was added already (e.g. one cache bump per edition, however many rows changed). */
  once(key: string, task: () => Promise<void>): void {
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.tasks.push(task);
  }

  async run(): Promise<void> {
    for (const task of this.tasks) await task();
  }
}

export type TransactionalListener<T> = (manager: EntityManager, payload: T, afterCommit: AfterCommit) => Promise<void>;

/**
 * A change others follow in the transaction that makes it (a venue moved, a leader unassigned, a
 * policy edited), without the library that publishes it depending on them: they subscribe at start-up.
 */
export class TransactionalEvent<T> {
  private readonly listeners: TransactionalListener<T>[] = [];

  subscribe(listener: TransactionalListener<T>): void {
    this.listeners.push(listener);
  }

  async publish(manager: EntityManager, payload: T, afterCommit: AfterCommit): Promise<void> {
    for (const listener of this.listeners) await listener(manager, payload, afterCommit);
  }
}

export type TransactionalCheck<T> = (manager: EntityManager, payload: T) => Promise<void>;

/**
 * Checks others make before a change is written, in its transaction (a venue about to take a date, an
 * edition's window about to narrow), without the library that makes the change depending on them: they
 * add theirs at start-up. A check refuses by throwing; they run in the order added, the first refusal stops.
 */
export class TransactionalChecks<T> {
  private readonly checks: TransactionalCheck<T>[] = [];

  add(check: TransactionalCheck<T>): void {
    this.checks.push(check);
  }

  async run(manager: EntityManager, payload: T): Promise<void> {
    for (const check of this.checks) await check(manager, payload);
  }
}

export async function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager, afterCommit: AfterCommit) => Promise<T>): Promise<T> {
  const afterCommit = new AfterCommit();
  const result = await dataSource.transaction((manager) => work(manager, afterCommit));
  await afterCommit.run();
  return result;
}
