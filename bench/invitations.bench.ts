/**
 * bench/invitations: N invitations (HTML + ICS) rendered and sent through BullMQ by the real worker
 * module to a local SMTP sink, against the same-run baseline of plain nodemailer sends of a message of
 * the same size to the same sink with the same concurrency. Last line: one JSON object.
 */
import 'reflect-metadata';
import { fork } from 'node:child_process';
import { resolve } from 'node:path';
import { Test } from '@nestjs/testing';
import nodemailer from 'nodemailer';
import Redis from 'ioredis';

const N = Number(process.argv[2] ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const ROOT = resolve(__dirname, '..');

Object.assign(process.env, {
  NODE_ENV: 'test',
  DATABASE_URL: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ngayhoi_bench',
  REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0',
  REDIS_KEY_PREFIX: 'ngayhoi-bench',
  JWT_SECRET: 'bench-secret-that-is-long-enough-for-hs256-0123456789',
  LINK_SECRET: 'bench-link-secret-long-enough-to-sign-rsvp-links-01',
  LOG_LEVEL: 'silent',
  MAIL_CONCURRENCY: String(CONCURRENCY),
  ENV_FILE: '/nonexistent',
});

interface Sink {
  port: number;
  count(): Promise<number>;
  reset(): void;
  stop(): void;
}

function startSink(): Promise<Sink> {
  const child = fork(resolve(__dirname, 'smtp-drain.ts'), [], { execArgv: ['-r', 'ts-node/register/transpile-only'], cwd: ROOT });
  return new Promise((done) => {
    child.once('message', (message: { port: number }) =>
      done({
        port: message.port,
        count: () =>
          new Promise((answer) => {
            child.once('message', (reply: { count: number }) => answer(reply.count));
            child.send({ type: 'count' });
          }),
        reset: () => child.send({ type: 'reset' }),
        stop: () => child.send({ type: 'stop' }),
      }),
    );
  });
}

async function waitForCount(sink: Sink, target: number): Promise<void> {
  while ((await sink.count()) < target) await new Promise((done) => setTimeout(done, 20));
}

async function main(): Promise<void> {
  const sink = await startSink();
  process.env.SMTP_URL = `smtp://127.0.0.1:${sink.port}`;

  // Imported after the environment is set: the config is read when modules load.
  const { loadAppConfig, AppConfig } = await import('@app/config');
  const { recreateDatabase, createDataSource } = await import('@app/database');
  const { InvitationComposer, SendInvitationMessageJob } = await import('@app/invitations');
  const { JobProducer } = await import('@app/queue');
  const { WorkerModule } = await import('../apps/worker/src/worker.module');
  const config = loadAppConfig();

  await recreateDatabase(config.DATABASE_URL);
  const dataSource = await createDataSource(config).initialize();
  await dataSource.runMigrations();
  const redis = new Redis(config.REDIS_URL);
  const stale = await redis.keys('ngayhoi-bench*');
  if (stale.length) await redis.del(...stale);

  // One scheduled venue with its programme, N delegates invited to it, N e-mails recorded as pending.
  const [{ id: editionId }] = await dataSource.query(
    `INSERT INTO editions (year, theme, window_start, window_end, national_day) VALUES (2030, 'Đo hiệu năng', '2030-07-01', '2030-08-19', '2030-08-19') RETURNING id`,
  );
  const [{ id: venueId }] = await dataSource.query(
    `INSERT INTO venues (edition_id, name, tier, province_code, commune_name, hamlet_name, host_kind, address, latitude, longitude, region,
                         expected_attendance, scheduled_date, starts_at, ends_at, status, contact_name, contact_phone)
     VALUES ($1, 'Ngày hội toàn dân bảo vệ an ninh Tổ quốc tại bản Nậm Cang', 'central', '12', 'Xã Sìn Hồ', 'Bản Nậm Cang', 'ban',
             'Nhà văn hóa bản Nậm Cang', 22.36, 103.24, 'tay_bac', 800, '2030-08-12', '2030-08-12T00:30:00Z', '2030-08-12T04:30:00Z',
             'scheduled', 'Đại úy Lò Văn Minh', '0912 345 678') RETURNING id`,
    [editionId],
  );
  const { DEFAULT_PROGRAMME_TEMPLATE, layoutTemplate } = await import('@app/programmes');
  for (const item of layoutTemplate(DEFAULT_PROGRAMME_TEMPLATE, '07:30')) {
    await dataSource.query(`INSERT INTO programme_items (venue_id, part, title, start_time, end_time) VALUES ($1, $2, $3, $4, $5)`, [
      venueId,
      item.part,
      item.title,
      item.startTime,
      item.endTime,
    ]);
  }
  await dataSource.query(
    `INSERT INTO invitations (id, edition_id, venue_id, delegate_name, delegate_title, delegate_email, role, status, uid, sequence, rsvp_token_hash, rsvp_expires_at)
     SELECT id, $1, $2, 'Đại biểu số ' || n, 'Thứ trưởng', 'daibieu' || n || '@vanphong.example.vn', 'accompanying', 'queued', id || '@ngayhoi.vn', 0,
            md5(id::text) || md5(n::text), '2030-08-13T00:00:00Z'
       FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, $3) AS n) AS delegates`,
    [editionId, venueId, N],
  );
  const messageIds: string[] = (
    await dataSource.query(
      `INSERT INTO invitation_messages (invitation_id, sequence, method, kind) SELECT id, 0, 'REQUEST', 'invitation' FROM invitations RETURNING id`,
    )
  ).map((row: { id: string }) => row.id);

  // Baseline: plain nodemailer, same transport settings and concurrency, a message of the same size.
  const composer = new InvitationComposer(config);
  const [{ invitation_id: sampleId }] = await dataSource.query(`SELECT invitation_id FROM invitation_messages LIMIT 1`);
  const sample = composer.compose(await composer.load(dataSource.manager, sampleId), {
    kind: 'invitation',
    method: 'REQUEST',
    sequence: 0,
    reason: null,
    previous: null,
  });
  const transport = nodemailer.createTransport({ url: config.SMTP_URL, pool: true, maxConnections: 5 } as never);
  const rawStart = process.hrtime.bigint();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < N) {
        const index = next++;
        await transport.sendMail({
          from: config.MAIL_FROM,
          to: `daibieu${index}@vanphong.example.vn`,
          subject: sample.subject,
          html: sample.html,
          text: sample.text,
          icalEvent: { method: 'REQUEST', content: sample.ics },
        });
      }
    }),
  );
  await waitForCount(sink, N);
  const rawSeconds = Number(process.hrtime.bigint() - rawStart) / 1e9;
  transport.close();
  sink.reset();

  // The real path: the worker module consuming jobs that point at recorded messages.
  const worker = await Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .compile();
  await worker.init();
  const producer = worker.get(JobProducer);
  const start = process.hrtime.bigint();
  for (let offset = 0; offset < messageIds.length; offset += 1000) {
    await producer.enqueueMany(
      SendInvitationMessageJob,
      messageIds.slice(offset, offset + 1000).map((messageId) => ({ messageId })),
    );
  }
  await waitForCount(sink, N);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const [{ sent }] = await dataSource.query(`SELECT count(*)::int AS sent FROM invitation_messages WHERE status = 'sent'`);

  await worker.close();
  await dataSource.destroy();
  await redis.quit();
  sink.stop();

  const invitationsPerS = N / seconds;
  const rawPerS = N / rawSeconds;
  console.log(`invitations: ${N} rendered and sent through the queue in ${seconds.toFixed(2)} s (${sent} marked sent)`);
  console.log(`  ${invitationsPerS.toFixed(0)} invitations/s`);
  console.log(
    `baseline: ${N} plain nodemailer sends of a ${(sample.html.length + sample.text.length + sample.ics.length) >> 10} KiB message in ${rawSeconds.toFixed(2)} s`,
  );
  console.log(`  ${rawPerS.toFixed(0)} messages/s`);
  console.log(`ratio: ${(invitationsPerS / rawPerS).toFixed(2)} (goal ≥ 0.50)`);
  console.log(
    JSON.stringify({ invitations_per_s: round(invitationsPerS), raw_per_s: round(rawPerS), ratio: round(invitationsPerS / rawPerS, 3), count: N, sent }),
  );
  process.exit(0);
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
