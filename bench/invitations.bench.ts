/**
 * bench/invitations: N invitations rendered and sent through BullMQ by the real worker module to a
 * local SMTP sink, each against a same-run baseline of plain nodemailer sends of the message the worker
 * sends (same parts and attachments) to the same sink with the same concurrency. Two runs:
 * - `ratio`: the e-mail (HTML + text + ICS) without the giấy mời, the figure measured before issue 15
 *   (the worker's letter step left out for this run only: the product always attaches the letter);
 * - `pdf_ratio`: the real path, the numbered giấy mời rendered to PDF and attached to every e-mail.
 * Beside `ratio`, `ratio_vs_whole`: against the same plain sends with each message written to the socket
 * at once, as the product's Mailer writes it (WholeMessageStream).
 * Last line: one JSON object. BENCH_CPU_PROF=<dir>: a V8 CPU profile of this process's main thread (the
 * worker module's and the baselines') for each timed run alone, as invitations-<run>.cpuprofile.
 */
import 'reflect-metadata';
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join, resolve } from 'node:path';
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
  WORKER_METRICS_PORT: '0',
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

/** Profiles one timed run when BENCH_CPU_PROF names a directory (the profiler's stop outside the timing). */
async function profiled<T>(name: string, run: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_CPU_PROF;
  if (!dir) return run();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const value = await run();
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(join(dir, `invitations-${name}.cpuprofile`), JSON.stringify(profile));
  session.disconnect();
  return value;
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
  const { WholeMessageStream } = await import('@app/mail');
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
  // Issued letters: numbered 1…N in the edition, as the send path numbers them.
  await dataSource.query(
    `INSERT INTO invitations (id, edition_id, venue_id, delegate_name, delegate_title, delegate_email, role, status, uid, sequence, rsvp_token_hash, rsvp_expires_at,
                             letter_number, letter_issued_at)
     SELECT id, $1, $2, 'Đại biểu số ' || n, 'Thứ trưởng', 'daibieu' || n || '@vanphong.example.vn', 'accompanying', 'queued', id || '@ngayhoi.vn', 0,
            md5(id::text) || md5(n::text), '2030-08-13T00:00:00Z', n, now()
       FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, $3) AS n) AS delegates`,
    [editionId, venueId, N],
  );
  await dataSource.query(`INSERT INTO invitation_letter_counters (edition_id, last_number) VALUES ($1, $2)`, [editionId, N]);

  // A message as the worker builds it, for the baselines: the e-mail, and the letter attached to it.
  const composer = new InvitationComposer(config);
  const [{ id: sampleId }] = await dataSource.query(`SELECT id FROM invitations LIMIT 1`);
  const sampleContext = await composer.load(dataSource.manager, sampleId);
  const sample = composer.compose(sampleContext, { kind: 'invitation', method: 'REQUEST', sequence: 0, reason: null, previous: null });
  const sampleLetter = await composer.letterPdf(sampleContext);
  // The pass's QR code, inline, and the invitation's header: the worker sends both with every REQUEST.
  const { passQrPng } = await import('@app/common');
  const samplePass = { filename: 'ma-the-qr.png', content: passQrPng(sample.passCode!), contentType: 'image/png', cid: 'pass-qr@ngayhoi.vn' };

  // Baseline: plain nodemailer, same transport settings and concurrency, the message the worker sends
  // (same parts and attachments: the pass's QR code, and the letter in the second run).
  // `whole`: the same, each message passed to the socket in one write as the product's Mailer does
  // (WholeMessageStream), to show what of the ratio that change is.
  async function rawSends(withLetter: boolean, whole = false): Promise<number> {
    const transport = nodemailer.createTransport({ url: config.SMTP_URL, pool: true, maxConnections: 5 } as never);
    if (whole) {
      transport.use('stream', (mail, done) => {
        mail.message.transform(() => new WholeMessageStream());
        done();
      });
    }
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
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
            messageId: `<bench-${index}@ngayhoi.vn>`,
            icalEvent: { method: 'REQUEST', filename: 'invite.ics', content: sample.ics },
            attachments: [
              ...(withLetter ? [{ filename: sampleLetter.filename, content: sampleLetter.content, contentType: 'application/pdf' }] : []),
              samplePass,
            ],
            headers: { 'X-Ngayhoi-Invitation': sampleId },
          });
        }
      }),
    );
    await waitForCount(sink, N);
    const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    cpuMs[`${withLetter ? 'raw_pdf' : 'raw'}${whole ? '_whole' : ''}`] = cpuPerMessage(cpu);
    transport.close();
    sink.reset();
    return elapsed;
  }

  // The real path: the worker module consuming jobs that point at recorded messages (sequence `revision`).
  async function workerSends(withLetter: boolean, revision: number): Promise<{ seconds: number; sent: number }> {
    await dataSource.query(`UPDATE invitations SET sequence = $1`, [revision]);
    const ids: string[] = (
      await dataSource.query(
        `INSERT INTO invitation_messages (invitation_id, sequence, method, kind) SELECT id, $1, 'REQUEST', 'invitation' FROM invitations RETURNING id`,
        [revision],
      )
    ).map((row: { id: string }) => row.id);
    let builder = Test.createTestingModule({ imports: [WorkerModule] })
      .overrideProvider(AppConfig)
      .useValue(config);
    if (!withLetter) {
      // The e-mail as it was before the letter: the same composer, its letter step answering nothing.
      const withoutLetter = Object.assign(Object.create(InvitationComposer.prototype) as InstanceType<typeof InvitationComposer>, composer, {
        letterPdf: () => Promise.resolve(null),
      });
      builder = builder.overrideProvider(InvitationComposer).useValue(withoutLetter);
    }
    const worker = await builder.compile();
    await worker.init();
    const producer = worker.get(JobProducer);
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    for (let offset = 0; offset < ids.length; offset += 1000) {
      await producer.enqueueMany(
        SendInvitationMessageJob,
        ids.slice(offset, offset + 1000).map((messageId) => ({ messageId })),
      );
    }
    await waitForCount(sink, N);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    cpuMs[withLetter ? 'pdf' : 'email'] = cpuPerMessage(cpu);
    const [{ sent }] = await dataSource.query(`SELECT count(*)::int AS sent FROM invitation_messages WHERE status = 'sent' AND sequence = $1`, [revision]);
    await worker.close();
    sink.reset();
    return { seconds, sent };
  }

  // CPU of this process (every thread: the letter threads too) per message, in ms: what a loaded
  // machine changes least (wall-clock ratios also depend on what else the cores are running).
  const cpuMs: Record<string, number> = {};
  const cpuPerMessage = (since: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(since);
    return round((used.user + used.system) / 1000 / N, 2);
  };

  const rawSeconds = await profiled('raw', () => rawSends(false));
  const plain = await profiled('email', () => workerSends(false, 0));
  const rawWholeSeconds = await profiled('raw-whole', () => rawSends(false, true));
  const rawPdfSeconds = await profiled('raw-pdf', () => rawSends(true));
  const lettered = await profiled('pdf', () => workerSends(true, 1));
  const seconds = plain.seconds;
  const sent = plain.sent;

  await dataSource.destroy();
  await redis.quit();
  sink.stop();

  const invitationsPerS = N / seconds;
  const rawPerS = N / rawSeconds;
  const rawWholePerS = N / rawWholeSeconds;
  const pdfPerS = N / lettered.seconds;
  const rawPdfPerS = N / rawPdfSeconds;
  const emailKiB = (sample.html.length + sample.text.length + sample.ics.length) >> 10;
  console.log(`invitations: ${N} rendered and sent through the queue in ${seconds.toFixed(2)} s (${sent} marked sent)`);
  console.log(`  ${invitationsPerS.toFixed(0)} invitations/s`);
  console.log(`baseline: ${N} plain nodemailer sends of a ${emailKiB} KiB message in ${rawSeconds.toFixed(2)} s`);
  console.log(`  ${rawPerS.toFixed(0)} messages/s`);
  console.log(`ratio: ${(invitationsPerS / rawPerS).toFixed(2)} (goal ≥ 0.70)`);
  console.log(
    `baseline, each message in one socket write as the worker sends it: ${rawWholePerS.toFixed(0)} messages/s, ratio ${(invitationsPerS / rawWholePerS).toFixed(2)}`,
  );
  console.log(`with the giấy mời: ${N} letters rendered to PDF and attached, sent in ${lettered.seconds.toFixed(2)} s (${lettered.sent} marked sent)`);
  console.log(`  ${pdfPerS.toFixed(0)} invitations/s`);
  console.log(
    `baseline: ${N} plain nodemailer sends of the same message with a ${sampleLetter.content.length >> 10} KiB PDF attached in ${rawPdfSeconds.toFixed(2)} s`,
  );
  console.log(`  ${rawPdfPerS.toFixed(0)} messages/s`);
  console.log(`pdf_ratio: ${(pdfPerS / rawPdfPerS).toFixed(2)} (goal ≥ 0.40)`);
  console.log(`CPU of this process per message: e-mail ${cpuMs.email} ms (raw ${cpuMs.raw}), with the giấy mời ${cpuMs.pdf} ms (raw ${cpuMs.raw_pdf})`);
  // Peak RSS of this process, which runs the worker module and the baselines alike.
  const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(`peak RSS: ${peakRssMiB} MiB`);
  console.log(
    JSON.stringify({
      invitations_per_s: round(invitationsPerS),
      raw_per_s: round(rawPerS),
      ratio: round(invitationsPerS / rawPerS, 3),
      raw_whole_per_s: round(rawWholePerS),
      ratio_vs_whole: round(invitationsPerS / rawWholePerS, 3),
      pdf_invitations_per_s: round(pdfPerS),
      pdf_raw_per_s: round(rawPdfPerS),
      pdf_ratio: round(pdfPerS / rawPdfPerS, 3),
      pdf_bytes: sampleLetter.content.length,
      count: N,
      sent,
      pdf_sent: lettered.sent,
      cpu_ms_per_message: cpuMs,
      peak_rss_mib: peakRssMiB,
    }),
  );
  process.exit(0);
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
