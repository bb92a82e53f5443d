import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log names the ids it shows (issue 18): a record's name is looked up among the entries of
 * that id, whatever its entity type — an index led by the id, not by the type.
 */
export class AuditEntityIdIndex1796050000000 implements MigrationInterface {
  name = 'AuditEntityIdIndex1796050000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "audit_entries_entity_id_idx" ON "audit_entries" ("entity_id", "at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."audit_entries_entity_id_idx"`);
  }
}
