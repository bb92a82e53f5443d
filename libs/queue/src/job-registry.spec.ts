import { Injectable } from '@nestjs/common';
import type { DiscoveryService } from '@nestjs/core';
import type { Job } from 'bullmq';
import { defineJob, definedJobs, JobPayload } from './job-definition';
import { handledJob, JobContext, JobHandler } from './job-handler';
import type { JobProducer } from './job-producer';
import { FoundHandler, JobRegistry, matchHandlers } from './job-registry';
import { QueueName } from './queues';

const Solve = defineJob<{ runId: string }>({ queue: QueueName.Planning, name: 'spec-solve', id: ({ runId }) => `spec-run-${runId}`, options: { attempts: 2 } });
const Sweep = defineJob<Record<string, never>>({ queue: QueueName.Mail, name: 'spec-sweep', options: {}, schedule: { every: 1_000, payload: {} } });

@JobHandler(Solve)
@Injectable()
class SolveHandler {
  readonly calls: Array<[JobPayload<typeof Solve>, JobContext]> = [];

  handle(payload: JobPayload<typeof Solve>, context: JobContext): Promise<string> {
    this.calls.push([payload, context]);
    return Promise.resolve(`solved ${payload.runId}`);
  }
}

@JobHandler(Sweep)
@Injectable()
class SweepHandler {
  async handle(): Promise<void> {}
}

/** A job whose handler a worker module could forget to provide. */
const Archive = defineJob<{ id: string }>({ queue: QueueName.Mail, name: 'spec-archive', options: {} });

@JobHandler(Archive)
@Injectable()
class ArchiveHandler {
  async handle(): Promise<void> {}
}

const found = (handler: object): FoundHandler => ({
  job: handledJob(handler.constructor)!,
  handler: handler as FoundHandler['handler'],
  className: handler.constructor.name,
});

/** A registry over these provider instances, as DiscoveryService would list them. */
function registryOver(instances: object[], producer: Partial<JobProducer> = {}): JobRegistry {
  const discovery = { getProviders: () => instances.map((instance) => ({ instance, isDependencyTreeStatic: () => true })) };
  const registry = new JobRegistry(discovery as unknown as DiscoveryService, producer as JobProducer);
  registry.onModuleInit();
  return registry;
}

describe('JobRegistry', () => {
  it('pairs every defined job with its one handler', () => {
    const handlers = matchHandlers([Solve, Sweep], [found(new SolveHandler()), found(new SweepHandler())]);
    expect([...handlers.keys()].sort()).toEqual(['spec-solve', 'spec-sweep']);
  });

  it('refuses to start when a defined job has no handler, naming the job and the class not provided', () => {
    expect(() => matchHandlers([Solve, Sweep], [found(new SolveHandler())])).toThrow(
      'Worker refuses to start: no handler for job spec-sweep (SweepHandler is not provided by any module the worker imports)',
    );
    const written = { queue: QueueName.Mail, name: 'spec-unwritten', options: {} };
    expect(() => matchHandlers([written], [])).toThrow('Worker refuses to start: no handler for job spec-unwritten');
  });

  it('checks every job defined in the process, not only those whose handlers the modules provide', () => {
    expect(definedJobs()).toEqual(expect.arrayContaining([Solve, Sweep, Archive]));
    expect(() => registryOver([new SolveHandler(), new SweepHandler(), { unrelated: true }])).toThrow(
      'Worker refuses to start: no handler for job spec-archive (ArchiveHandler is not provided by any module the worker imports)',
    );
  });

  it('refuses two handlers for one job', () => {
    expect(() => matchHandlers([Solve], [found(new SolveHandler()), found(new SolveHandler())])).toThrow(
      'Worker refuses to start: 2 handlers for job spec-solve (SolveHandler, SolveHandler)',
    );
  });

  describe('once started', () => {
    const solve = new SolveHandler();
    let registry: JobRegistry;
    const upsertScheduler = jest.fn(() => Promise.resolve(undefined));
    beforeAll(() => {
      registry = registryOver([solve, new SweepHandler(), new ArchiveHandler()], { upsertScheduler });
    });

    it('dispatches a job to its handler by name, telling it which attempt this is', async () => {
      const job = { name: 'spec-solve', queueName: 'planning', data: { runId: 'r1' }, attemptsMade: 1, opts: { attempts: 2 } } as Job;
      await expect(registry.dispatch(job)).resolves.toBe('solved r1');
      expect(solve.calls).toEqual([[{ runId: 'r1' }, { attempt: 2, lastAttempt: true, afterCompletion: expect.any(Function) }]]);
    });

    it('fails a job of an unknown name, or on a queue its definition does not name', () => {
      expect(() => registry.dispatch({ name: 'spec-unknown', queueName: 'planning', data: {}, attemptsMade: 0, opts: {} } as Job)).toThrow(
        'No handler for job spec-unknown on queue planning',
      );
      expect(() => registry.dispatch({ name: 'spec-solve', queueName: 'mail', data: {}, attemptsMade: 0, opts: {} } as Job)).toThrow(
        'No handler for job spec-solve on queue mail',
      );
    });

    it('waits at shutdown for the work completed jobs left running, and for what that work leaves in turn; a failure is logged, not thrown', async () => {
      const job = { name: 'spec-solve', queueName: 'planning', data: { runId: 'r2' }, attemptsMade: 0, opts: { attempts: 2 } } as Job;
      await registry.dispatch(job);
      const [, context] = solve.calls[solve.calls.length - 1];
      const done: string[] = [];
      let finishMark!: () => void;
      context.afterCompletion(new Promise<void>((resolve) => (finishMark = resolve)).then(() => void done.push('mark')));
      context.afterCompletion(Promise.reject(new Error('connection lost')));
      // Work handed over while the drain waits (a batch that started while the first ran) is waited for too.
      setTimeout(() => {
        context.afterCompletion(new Promise<void>((resolve) => setTimeout(resolve, 20)).then(() => void done.push('late')));
        finishMark();
      }, 10);
      await registry.drainFollowUps();
      expect(done).toEqual(['mark', 'late']);
      await expect(registry.drainFollowUps()).resolves.toBeUndefined();
    });

    it('starts a scheduler for each scheduled job only', async () => {
      await registry.startSchedulers();
      expect(upsertScheduler).toHaveBeenCalledTimes(1);
      expect(upsertScheduler).toHaveBeenCalledWith(Sweep);
    });
  });
});
