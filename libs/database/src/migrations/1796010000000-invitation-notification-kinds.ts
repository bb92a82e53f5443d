import { MigrationInterface, QueryRunner } from 'typeorm';

const NEW_KINDS = ['invitation_accepted', 'invitation_declined', 'substitute_proposed', 'calendar_reply_unmatched'];
const OLD_KINDS = [
  'venue_nominated',
  'venue_approved',
  'venue_rejected',
  'venue_rescheduled',
  'venue_cancelled',
  'task_blocked',
  'task_overdue',
  'planning_run_finished',
  'planning_run_failed',
];

/**
 * Notification kinds for invitations (issue 17): a delegate's acceptance, refusal or proposed substitute,
 * and calendar replies that matched no invitation. ADD VALUE is allowed in the migration's transaction
 * (PostgreSQL 12+); the values are used only by later transactions. Reverting drops those kinds' rows
 * and rebuilds the type without them (PostgreSQL cannot drop an enum value).
 */
export class InvitationNotificationKinds1796010000000 implements MigrationInterface {
  name = 'InvitationNotificationKinds1796010000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const kind of NEW_KINDS) await queryRunner.query(`ALTER TYPE "public"."notification_kind" ADD VALUE IF NOT EXISTS '${kind}'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "notifications" WHERE kind::text = ANY($1)`, [NEW_KINDS]);
    await queryRunner.query(`ALTER TYPE "public"."notification_kind" RENAME TO "notification_kind_old"`);
    await queryRunner.query(`CREATE TYPE "public"."notification_kind" AS ENUM(${OLD_KINDS.map((kind) => `'${kind}'`).join(', ')})`);
    await queryRunner.query(
      `ALTER TABLE "notifications" ALTER COLUMN "kind" TYPE "public"."notification_kind" USING "kind"::text::"public"."notification_kind"`,
    );
    await queryRunner.query(`DROP TYPE "public"."notification_kind_old"`);
  }
}
