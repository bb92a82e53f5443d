import { defineJob, definedJobs, jobIdOf, jobOptions, KEEP_COMPLETED, KEEP_FAILED, schedulerOf } from './job-definition';
import { QueueName } from './queues';

const tuning = { mailRetryDelayMs: 1_234, updateDelayMs: 0 };

const Send = defineJob<{ messageId: string }>({
  queue: QueueName.Mail,
  name: 'spec-send',
  id: ({ messageId }) => `spec-message-${messageId}`,
  options: (_, { mailRetryDelayMs }) => ({
    attempts: 3,
    backoff: { type: 'exponential', delay: mailRetryDelayMs },
    removeOnComplete: KEEP_COMPLETED,
    removeOnFail: KEEP_FAILED,
  }),
});
const Reconcile = defineJob<Record<string, never>>({
  queue: QueueName.Mail,
  name: 'spec-reconcile',
  options: { attempts: 1, delay: 10, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
  schedule: { every: 60_000, payload: {} },
});

describe('job definitions', () => {
  it('builds a job id from the payload and puts it in the options beside the settings', () => {
    expect(jobIdOf(Send, { messageId: 'm1' })).toBe('spec-message-m1');
    expect(jobOptions(Send, { messageId: 'm1' }, tuning)).toEqual({
      jobId: 'spec-message-m1',
      attempts: 3,
      backoff: { type: 'exponential', delay: 1_234 },
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
    });
  });

  it('leaves the id to BullMQ when the definition has none', () => {
    expect(jobIdOf(Reconcile, {})).toBeUndefined();
    expect(jobOptions(Reconcile, {}, tuning)).not.toHaveProperty('jobId');
  });

  it('refuses ids BullMQ would refuse (a `:`, a number) when the job is built, naming the job', () => {
    const Colon = defineJob<{ id: string }>({ queue: QueueName.Mail, name: 'spec-colon', id: ({ id }) => `run-${id}`, options: {} });
    expect(() => jobIdOf(Colon, { id: 'a:b' })).toThrow('Job id "run-a:b" of spec-colon must not contain \':\'');
    const Numeric = defineJob<{ id: string }>({ queue: QueueName.Mail, name: 'spec-numeric', id: ({ id }) => id, options: {} });
    expect(() => jobIdOf(Numeric, { id: '42' })).toThrow('must be a non-numeric string');
    expect(() => defineJob({ queue: QueueName.Mail, name: 'spec:bad', options: {} })).toThrow("must not contain ':'");
  });

  it("gives a scheduler the job's settings without the delay it sets itself", () => {
    expect(schedulerOf(Reconcile, tuning)).toEqual({
      every: 60_000,
      template: { name: 'spec-reconcile', data: {}, opts: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } } },
    });
    expect(() => schedulerOf(Send, tuning)).toThrow('spec-send has no schedule');
  });

  it('remembers every definition, for the worker to check each has a handler', () => {
    expect(definedJobs().map((job) => job.name)).toEqual(expect.arrayContaining(['spec-send', 'spec-reconcile']));
    expect(Object.isFrozen(Send)).toBe(true);
  });
});
