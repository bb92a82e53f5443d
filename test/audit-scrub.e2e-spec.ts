import { DataSource } from 'typeorm';
import { createDataSource } from '@app/database';
import { ScrubAuditSecrets1795800000000 } from '../libs/database/src/migrations/1795800000000-scrub-audit-secrets';
import { TEST_ENV } from './test-env';

describe('Migration ScrubAuditSecrets', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await createDataSource({ DATABASE_URL: TEST_ENV.DATABASE_URL }).initialize();
  });
  afterAll(() => dataSource.destroy());

  it('removes token and password hashes from audit entries written before the log left them out, and nothing else', async () => {
    const entity = `scrub-test-${Date.now()}`;
    const leaked = { status: { from: null, to: 'draft' }, rsvpTokenHash: { from: null, to: 'ab'.repeat(32) } };
    const clean = { status: { from: 'draft', to: 'sent' } };
    for (const changes of [leaked, clean]) {
      await dataSource.query(
        `INSERT INTO audit_entries (actor_email, entity_type, entity_id, action, changes) VALUES ('a@b.vn', 'invitation', $1, 'create', $2)`,
        [entity, JSON.stringify(changes)],
      );
    }
    // The log is append-only since AuditAppendOnly (a later migration): re-running this one now needs the
    // table owner to lift the trigger, inside one transaction, as a later scrub would have to.
    const runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    await runner.query(`ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only`);
    await new ScrubAuditSecrets1795800000000().up(runner);
    await runner.query(`ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only`);
    await runner.commitTransaction();
    await runner.release();
    const rows: { changes: Record<string, unknown> }[] = await dataSource.query(`SELECT changes FROM audit_entries WHERE entity_id = $1 ORDER BY id`, [entity]);
    expect(rows.map((row) => row.changes)).toEqual([{ status: { from: null, to: 'draft' } }, clean]);
  });
});
