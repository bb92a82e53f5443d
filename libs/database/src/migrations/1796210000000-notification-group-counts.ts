import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A grouped notification's count in one row per group (issue 17's bench): the upsert of an overdue
 * escalation raised it by counting the group's items on every event (~1,500 rows a group at 100,000
 * escalations a day); now the item's insert raises the group's counter in the same statement, O(1) an
 * event. Filled from the items already counted; purged with them (`updated_at`).
 */
export class NotificationGroupCounts1796210000000 implements MigrationInterface {
  name = 'NotificationGroupCounts1796210000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification_groups" (
        "group_key" text NOT NULL,
        "item_count" integer NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_notification_groups" PRIMARY KEY ("group_key")
      )`,
    );
    await queryRunner.query(`CREATE INDEX "notification_groups_updated_at_idx" ON "notification_groups" ("updated_at")`);
    await queryRunner.query(
      `INSERT INTO "notification_groups" ("group_key", "item_count", "created_at", "updated_at")
       SELECT "group_key", count(*)::int, min("created_at"), max("created_at") FROM "notification_group_items" GROUP BY "group_key"`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notification_groups"`);
  }
}
