/**
 * The worker's jobs as deployed: every job a library defines has its handler provided by a module the
 * worker imports (checked on the module metadata, without connecting anything), and the names, ids
 * and options of the jobs already in Redis have not moved — a deploy must keep processing them.
 */
import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamicModule, Provider, Type } from '@nestjs/common';
import { ReconcileInvitationMessagesJob, SendInvitationMessageJob } from '@app/invitations';
import { SolvePlanningRunJob } from '@app/planning';
import { AnyJobDefinition, definedJobs, handledJob, jobOptions, KEEP_COMPLETED, KEEP_FAILED, schedulerOf } from '@app/queue';
import { FireReminderJob, ReconcileRemindersJob } from '@app/reminders';
import { WorkerModule } from './worker.module';

type ModuleRef = Type | DynamicModule | Promise<DynamicModule> | { forwardRef: () => Type };

/** Every provider class reachable from a module through its imports, as Nest would instantiate them. */
function providedClasses(root: ModuleRef, seen = new Set<unknown>()): Set<Type> {
  const classes = new Set<Type>();
  const visit = (ref: ModuleRef): void => {
    if (!ref || ref instanceof Promise) return;
    const module = 'forwardRef' in ref ? ref.forwardRef() : ref;
    if (seen.has(module)) return;
    seen.add(module);
    const type = 'module' in module ? module.module : module;
    const imports: ModuleRef[] = [...(Reflect.getMetadata('imports', type) ?? []), ...('module' in module ? (module.imports ?? []) : [])];
    const providers: Provider[] = [...(Reflect.getMetadata('providers', type) ?? []), ...('module' in module ? (module.providers ?? []) : [])];
    for (const provider of providers) {
      if (typeof provider === 'function') classes.add(provider);
      else if ('useClass' in provider) classes.add(provider.useClass);
    }
    imports.forEach(visit);
  };
  visit(root);
  return classes;
}

const tuning = { mailRetryDelayMs: 5_000, updateDelayMs: 0 };

describe('the worker’s jobs', () => {
  beforeAll(async () => {
    // Every library, so that a job defined anywhere (even in a file the worker never loads) is checked.
    for (const lib of readdirSync(join(__dirname, '../../../libs'))) await import(`@app/${lib}`);
  });

  it('has a handler provided for every job any library defines, and no job without a definition', () => {
    const provided = providedClasses(WorkerModule);
    const handled = new Map([...provided].flatMap((type) => (handledJob(type) ? [[handledJob(type)!.name, type.name] as const] : [])));
    const jobs = definedJobs();
    expect(jobs.length).toBeGreaterThanOrEqual(5);
    expect(jobs.filter((job) => !handled.has(job.name)).map((job) => job.name)).toEqual([]);
    expect([...handled.keys()].sort()).toEqual(jobs.map((job) => job.name).sort());
  });

  it('keeps the queues, names and ids of the jobs already in Redis', () => {
    const shape = (job: AnyJobDefinition) => [job.queue, job.name];
    expect([SendInvitationMessageJob, ReconcileInvitationMessagesJob, FireReminderJob, ReconcileRemindersJob, SolvePlanningRunJob].map(shape)).toEqual([
      ['mail', 'send-invitation-message'],
      ['mail', 'reconcile-invitation-messages'],
      ['reminders', 'fire-reminder'],
      ['reminders', 'reconcile-reminders'],
      ['planning', 'solve-planning-run'],
    ]);
    expect(jobOptions(SendInvitationMessageJob, { messageId: 'a1' }, tuning).jobId).toBe('invitation-message-a1');
    expect(jobOptions(FireReminderJob, { reminderId: 'b2', revision: 3, dueAt: 0 }, tuning).jobId).toBe('reminder-b2-r3');
    expect(jobOptions(SolvePlanningRunJob, { runId: 'c3' }, tuning).jobId).toBe('planning-run-c3');
  });

  it('keeps their attempts, backoff and retention', () => {
    const mail = { attempts: 8, backoff: { type: 'exponential', delay: 5_000 } };
    expect(jobOptions(SendInvitationMessageJob, { messageId: 'a1' }, tuning)).toEqual({
      jobId: 'invitation-message-a1',
      ...mail,
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
    });
    const dueAt = Date.now() + 60_000;
    const fire = jobOptions(FireReminderJob, { reminderId: 'b2', revision: 3, dueAt }, tuning);
    expect(fire).toEqual({ jobId: 'reminder-b2-r3', delay: expect.any(Number), ...mail, removeOnComplete: true, removeOnFail: KEEP_FAILED });
    expect(fire.delay).toBeGreaterThan(59_000);
    expect(jobOptions(FireReminderJob, { reminderId: 'b2', revision: 3, dueAt: 0 }, tuning).delay).toBe(0);
    expect(jobOptions(SolvePlanningRunJob, { runId: 'c3' }, tuning)).toEqual({
      jobId: 'planning-run-c3',
      attempts: 2,
      backoff: { type: 'fixed', delay: 5_000 },
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
    });
    const reconcilePress = definedJobs().find((job) => job.name === 'reconcile-press-emails')!;
    for (const reconciler of [ReconcileInvitationMessagesJob, ReconcileRemindersJob, reconcilePress]) {
      const retention = { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } };
      expect(jobOptions(reconciler, {}, tuning)).toEqual(retention);
      // Scheduled every minute under the job's name (the scheduler id already in Redis).
      expect(schedulerOf(reconciler, tuning)).toEqual({ every: 60_000, template: { name: reconciler.name, data: {}, opts: retention } });
    }
    expect(
      definedJobs()
        .filter((job) => job.schedule)
        .map((job) => job.name)
        .sort(),
    ).toEqual(['notification-email-tick', 'purge-notifications', 'reconcile-invitation-messages', 'reconcile-press-emails', 'reconcile-reminders']);
    // The digest and the immediate e-mails' catch-up run every five minutes, one run at a time.
    const tick = definedJobs().find((job) => job.name === 'notification-email-tick')!;
    expect(schedulerOf(tick, tuning)).toMatchObject({ every: 300_000, template: { name: 'notification-email-tick', data: {} } });
    // The notifications' retention runs hourly, one run at a time whatever the workers.
    const purge = definedJobs().find((job) => job.name === 'purge-notifications')!;
    expect(schedulerOf(purge, tuning)).toEqual({
      every: 3_600_000,
      template: { name: 'purge-notifications', data: {}, opts: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } } },
    });
  });
});
