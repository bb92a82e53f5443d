import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log is append-only in the database itself, not only by the code's good manners: a row
 * trigger refuses every UPDATE and DELETE of `audit_entries`, whoever sends it (the API, a script, a
 * psql session under the application's role). INSERT stays open, and so does TRUNCATE (a statement,
 * not a row change: the test suite empties its own database with it). Undoing this takes a migration
 * or the table owner's explicit `ALTER TABLE … DISABLE TRIGGER`, which is itself a visible act.
 */
export class AuditAppendOnly1795940100000 implements MigrationInterface {
  name = 'AuditAppendOnly1795940100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE FUNCTION "audit_entries_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'audit_entries is append-only: % of entry % refused', TG_OP, OLD.id
           USING ERRCODE = 'insufficient_privilege';
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "audit_entries_append_only" BEFORE UPDATE OR DELETE ON "audit_entries"
         FOR EACH ROW EXECUTE FUNCTION "audit_entries_refuse_change"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "audit_entries_append_only" ON "audit_entries"`);
    await queryRunner.query(`DROP FUNCTION "audit_entries_refuse_change"()`);
  }
}
