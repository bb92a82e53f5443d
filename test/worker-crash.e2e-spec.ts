/**
 * Issue 19, more than one of everything: two worker processes fire a batch of reminders and one is
 * SIGKILLed mid-batch. Nothing is lost and nothing is restarted: the survivor takes over the jobs the
 * dead one held (BullMQ's stalled-job check, once their lock lapses) and the reminders it had claimed
 * (the row's send lease, once it lapses). Checked in the SMTP sink and in the rows.
 */
import { JobProducer } from '@app/queue';
import { createEdition, createVenue } from './utils/factories';
import { metricValue } from './utils/prometheus';
import { remindersDue } from './utils/reminder-fixtures';
import { SmtpSink } from './utils/smtp-sink';
import { TEST_ENV } from './test-env';
import { createTestApp, TestApp } from './utils/test-app';
import { startWorkerProcess, WorkerProcess } from './utils/worker-process';

const METRICS_TOKEN = 'metrics-token-for-the-worker-crash-e2e';
const CONCURRENCY = 8;
const COUNT = 600;

async function until(check: () => Promise<boolean>, what: string, ms = 90_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

describe('Two workers, one SIGKILLed mid-batch: every reminder still goes out', () => {
  const sink = new SmtpSink();
  // Queues of this suite's own (a prefix under the run's): no other suite's jobs, and no flush of a shared Redis.
  const env = {
    ...TEST_ENV,
    REDIS_KEY_PREFIX: `${TEST_ENV.REDIS_KEY_PREFIX}-crash`,
    METRICS_TOKEN,
    MAIL_RETRY_DELAY_MS: '200',
    // Short locks and leases, so that the survivor's takeover fits a test: a job whose worker died is
    // stalled after ~2 s, a reminder claimed by it may be claimed again after 3 s.
    QUEUE_LOCK_DURATION_MS: '2000',
    QUEUE_STALLED_INTERVAL_MS: '1000',
    SEND_LEASE_SECONDS: '3',
    REMINDER_CONCURRENCY: String(CONCURRENCY),
  };
  let api: TestApp;
  let workers: WorkerProcess[] = [];

  beforeAll(async () => {
    await sink.start();
    api = await createTestApp(env);
    workers = [0, 1].map(() => startWorkerProcess({ ...env, SMTP_URL: sink.url, LOG_LEVEL: 'info' }));
    await Promise.all(workers.map((worker) => worker.ready(280_000)));
  }, 300_000);
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.kill('SIGKILL')));
    await api.close();
    await sink.stop();
  });

  async function sentBy(worker: WorkerProcess): Promise<number> {
    const port = /worker metrics on http:\/\/127\.0\.0\.1:(\d+)\/metrics/.exec(worker.output())?.[1];
    if (!port) throw new Error(`no metrics port in the worker's log: ${worker.output()}`);
    const response = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    return metricValue(await response.text(), 'ngayhoi_reminders_fired_total', { outcome: 'sent' });
  }

  it('sends each reminder of the batch once, the survivor taking over what the dead worker held', async () => {
    const edition = await createEdition(api.dataSource);
    const venue = await createVenue(api.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-12` });
    // Due a few seconds from now, so that both workers are waiting when they fall due.
    const reminders = await remindersDue(api.dataSource, api.app.get(JobProducer), venue, edition, COUNT, new Date(Date.now() + 3_000));
    const ids = reminders.map((reminder) => reminder.id);
    const wanted = new Set(ids);
    const deliveries = () => sink.withHeader('X-Ngayhoi-Reminder').filter((mail) => wanted.has(String(mail.parsed.headers.get('x-ngayhoi-reminder'))));

    // Mid-batch: a quarter out, and the victim among those sending.
    const [victim, survivor] = workers;
    await until(async () => deliveries().length >= COUNT / 4 && (await sentBy(victim)) > 0, 'a quarter of the batch sent, by both workers');
    await victim.kill('SIGKILL');
    const atKill = deliveries().length;
    expect(atKill).toBeLessThan(COUNT);

    await until(
      async () => (await api.dataSource.query(`SELECT count(*)::int AS n FROM reminders WHERE id = ANY($1::uuid[]) AND status = 'sent'`, [ids]))[0].n === COUNT,
      `all ${COUNT} reminders marked sent by the survivor`,
    );
    expect(await sentBy(survivor)).toBeGreaterThan(0);

    // The rows: every one sent, none missed or failed, each with its delivery recorded.
    const rows: { status: string; n: number; unsent: number; leased: number }[] = await api.dataSource.query(
      `SELECT status, count(*)::int AS n, count(*) FILTER (WHERE sent_at IS NULL)::int AS unsent, count(*) FILTER (WHERE lease_until IS NOT NULL)::int AS leased
         FROM reminders WHERE id = ANY($1::uuid[]) GROUP BY status`,
      [ids],
    );
    expect(rows).toEqual([{ status: 'sent', n: COUNT, unsent: 0, leased: 0 }]);
    // The sink: every reminder delivered. At most the few whose SMTP answer came back in the instant
    // before the kill (at most the victim's concurrency) went out a second time, and then with the
    // same Message-ID, which recipients' mailboxes fold into one.
    const delivered = deliveries();
    const messageIds = new Map<string, Set<string>>();
    for (const mail of delivered) {
      const id = String(mail.parsed.headers.get('x-ngayhoi-reminder'));
      messageIds.set(id, (messageIds.get(id) ?? new Set()).add(String(mail.parsed.messageId)));
    }
    expect(messageIds.size).toBe(COUNT);
    expect([...messageIds.values()].every((set) => set.size === 1)).toBe(true);
    expect(delivered.length - COUNT).toBeLessThanOrEqual(CONCURRENCY);
  }, 180_000);
});
