/**
 * ngayhoi on a Redis Cluster, the way a national deployment grows: a 3-master Cluster started on local
 * ports (17101–17103), the API in this process and the worker as its own process, both configured with
 * REDIS_CLUSTER_NODES. An invitation goes out and reminders fire through it. The apps connect as a user
 * refused CONFIG (as managed Redis services do): the worker warns and starts anyway.
 * Skipped, saying why, only when redis-server is not installed.
 */
import { Cluster } from 'ioredis';
import { Role } from '@app/auth';
import { JobProducer } from '@app/queue';
import { createEdition, createLeader, createUser, createVenue } from './utils/factories';
import { LocalRedisCluster, redisServerAvailable, startRedisCluster } from './utils/redis-cluster';
import { remindersDue } from './utils/reminder-fixtures';
import { ReceivedMail, SmtpSink } from './utils/smtp-sink';
import { TEST_ENV } from './test-env';
import { createTestApp, TestApp } from './utils/test-app';
import { startWorkerProcess, WorkerProcess } from './utils/worker-process';

const PORTS = [17101, 17102, 17103];
const available = redisServerAvailable();
if (!available) process.stderr.write('SKIPPED Redis Cluster e2e: redis-server/redis-cli are not installed (apt-get install redis-server)\n');

(available ? describe : describe.skip)('Redis Cluster: invitations and reminders through a 3-master Cluster', () => {
  const sink = new SmtpSink();
  let cluster: LocalRedisCluster;
  let t: TestApp;
  let worker: WorkerProcess;
  let env: Record<string, string>;

  beforeAll(async () => {
    cluster = await startRedisCluster(PORTS, ['ngayhoi on >cluster-secret-0123 ~* &* +@all -config']);
    await sink.start();
    env = {
      REDIS_URL: 'redis://ngayhoi:cluster-secret-0123@127.0.0.1:17101',
      REDIS_CLUSTER_NODES: cluster.nodes,
      SMTP_URL: sink.url,
      MAIL_RETRY_DELAY_MS: '200',
    };
    t = await createTestApp(env);
    worker = startWorkerProcess({ ...TEST_ENV, ...env, LOG_LEVEL: 'info' });
    await worker.ready(120_000);
  }, 180_000);
  afterAll(async () => {
    await worker?.kill('SIGTERM');
    await t?.close();
    await sink.stop();
    cluster?.stop();
  });

  it('starts on a Redis that refuses CONFIG, with a warning instead of a crash', () => {
    expect(worker.output()).toContain('maxmemory-policy could not be read');
    expect(worker.output()).toContain('worker ready');
  });

  it('sends an invitation enqueued by the API and processed by the worker, both on the Cluster', async () => {
    const planner = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.CentralPlanner))}`;
    const edition = await createEdition(t.dataSource);
    const venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-12` });
    await t.http.post(`/api/venues/${venue.id}/programme/from-template`).set('Authorization', planner).send({}).expect(201);
    const leader = await createLeader(t.dataSource, { fullName: 'Phạm Quang Đức', position: 'Thứ trưởng Bộ Công an' });
    await t.http.post(`/api/venues/${venue.id}/leaders`).set('Authorization', planner).send({ leaderId: leader.id, role: 'chief_guest' }).expect(201);

    await t.http.post(`/api/editions/${edition.id}/invitations/bulk`).set('Authorization', planner).expect(202);
    const [invitation] = await t.dataSource.query(`SELECT uid FROM invitations WHERE leader_id = $1`, [leader.id]);
    const [mail] = await sink.waitFor(1, (received) => received.calendar?.ics.includes(`UID:${invitation.uid}`) ?? false, 60_000);
    expect(mail.parsed.to).toMatchObject({ value: [{ address: leader.officeEmail }] });
    expect(mail.calendar!.method).toBe('REQUEST');

    // The queues live on the Cluster, all in the hash slot of their prefix.
    const client = new Cluster(
      cluster.nodes.split(',').map((node) => ({ host: '127.0.0.1', port: Number(node.split(':')[1]) })),
      {
        redisOptions: { username: 'ngayhoi', password: 'cluster-secret-0123' },
      },
    );
    try {
      const prefix = `{${TEST_ENV.REDIS_KEY_PREFIX}-bull}`;
      expect(await client.exists(`${prefix}:mail:meta`)).toBe(1);
      expect(await client.exists(`${prefix}:reminders:meta`)).toBe(1);
    } finally {
      client.disconnect();
    }
  }, 120_000);

  it('fires due reminders once each through the Cluster', async () => {
    const edition = await createEdition(t.dataSource);
    const venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-12` });
    const reminders = await remindersDue(t.dataSource, t.app.get(JobProducer), venue, edition, 5, new Date());
    const ids = new Set(reminders.map((reminder) => reminder.id));
    const ofThese = (received: ReceivedMail) => ids.has(String(received.parsed.headers.get('x-ngayhoi-reminder')));
    await sink.waitFor(5, ofThese, 60_000);
    // The row is marked sent just after the mail server's answer.
    const rows = async () => t.dataSource.query(`SELECT status, attempts FROM reminders WHERE id = ANY($1::uuid[])`, [[...ids]]);
    for (const deadline = Date.now() + 30_000; (await rows()).some((row: { status: string }) => row.status !== 'sent') && Date.now() < deadline;) {
      await new Promise((done) => setTimeout(done, 100));
    }
    expect(await rows()).toEqual(Array.from({ length: 5 }, () => ({ status: 'sent', attempts: 1 })));
    expect(sink.withHeader('X-Ngayhoi-Reminder').filter(ofThese)).toHaveLength(5); // once each
  }, 120_000);

  it('stops gracefully on SIGTERM, closing its Cluster connections after the queues', async () => {
    await worker.kill('SIGTERM');
    expect(worker.output()).toContain('worker stopped on SIGTERM');
    expect(worker.output()).not.toMatch(/Connection is closed|ClusterAllFailedError|"level":50/);
  }, 60_000);
});
