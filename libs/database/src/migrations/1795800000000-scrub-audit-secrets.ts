import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit entries written before the audit log left secrets out held each invitation's rsvpTokenHash
 * (and a feed's tokenHash), and GET /api/audit answers them to planners. The log is append-only for
 * what people did; a leaked credential hash is not part of that record, so it is removed from the
 * entries that hold one (the change of every other field stays as written). There is no way back.
 */
export class ScrubAuditSecrets1795800000000 implements MigrationInterface {
  name = 'ScrubAuditSecrets1795800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "audit_entries" SET "changes" = "changes" - 'rsvpTokenHash' - 'tokenHash' - 'passwordHash'
        WHERE "changes" ?| ARRAY['rsvpTokenHash', 'tokenHash', 'passwordHash']`,
    );
  }

  public async down(): Promise<void> {
    // The hashes are gone on purpose; nothing to restore.
  }
}
