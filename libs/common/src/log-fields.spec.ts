import { Writable } from 'node:stream';
import pino from 'pino';
import { logFieldsMixin, runWithLogFields } from './log-fields';

function capture(): { logger: pino.Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ mixin: logFieldsMixin, redact: { paths: ['password'], censor: '[redacted]' } }, stream), lines };
}

describe('log fields', () => {
  it('puts the fields of the work on each of its lines, across awaits, and nowhere else', async () => {
    const { logger, lines } = capture();
    logger.info('before');
    const fields = Object.freeze({ reqId: 'r-1', queue: 'reminders', jobId: 'reminder-1-r1', job: 'fire-reminder' });
    await runWithLogFields(fields, async () => {
      logger.info('start');
      await new Promise((resolve) => setTimeout(resolve, 5));
      logger.info({ jobId: 'own', attempt: 2 }, 'after an await');
    });
    logger.info('after');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((line) => [line.msg, line.reqId, line.jobId, line.queue, line.attempt])).toEqual([
      ['before', undefined, undefined, undefined, undefined],
      ['start', 'r-1', 'reminder-1-r1', 'reminders', undefined],
      // The line's own fields win over the work's.
      ['after an await', 'r-1', 'own', 'reminders', 2],
      ['after', undefined, undefined, undefined, undefined],
    ]);
  });

  it('keeps two pieces of work running at once apart, and redacts their lines as any other', async () => {
    const { logger, lines } = capture();
    const run = (jobId: string) =>
      runWithLogFields({ jobId }, async () => {
        await new Promise((resolve) => setTimeout(resolve, 2));
        logger.info({ password: 'secret' }, jobId);
      });
    await Promise.all([run('a'), run('b')]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((line) => [line.msg, line.jobId, line.password]).sort()).toEqual([
      ['a', 'a', '[redacted]'],
      ['b', 'b', '[redacted]'],
    ]);
  });
});
