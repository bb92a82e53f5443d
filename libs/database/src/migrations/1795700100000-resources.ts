import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shared resources of an edition (art troupe, press crews, mobile stage, escort teams, vehicles) and
 * their bookings at venues. Constraint names are TypeORM's, so generating from the entities shows no drift.
 */

export class Resources1795700100000 implements MigrationInterface {
  name = 'Resources1795700100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."resource_kind" AS ENUM('art_troupe', 'press_crew', 'mobile_stage', 'escort_team', 'vehicle', 'other')`);
    await queryRunner.query(
      `CREATE TABLE "shared_resources" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "edition_id" uuid NOT NULL, "name" text NOT NULL, "kind" "public"."resource_kind" NOT NULL, "owner_unit" text NOT NULL, "travel_speed_kmh" integer NOT NULL DEFAULT '40', "buffer_minutes" integer NOT NULL DEFAULT '60', "notes" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "shared_resources_buffer_not_negative" CHECK (buffer_minutes >= 0), CONSTRAINT "shared_resources_speed_positive" CHECK (travel_speed_kmh > 0), CONSTRAINT "PK_9bcd8bde19b35697ea53ff3fb67" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "shared_resources_edition_name_unique" ON "shared_resources" ("edition_id", "name") `);
    await queryRunner.query(
      `CREATE TABLE "resource_bookings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "resource_id" uuid NOT NULL, "venue_id" uuid NOT NULL, "edition_id" uuid NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "note" text, "travel_warning" text, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "resource_bookings_times_ordered" CHECK (ends_at > starts_at), CONSTRAINT "PK_94b86a67c574b7e60e8ceb28ed1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "resource_bookings_venue_idx" ON "resource_bookings" ("venue_id", "starts_at") `);
    await queryRunner.query(`CREATE INDEX "resource_bookings_resource_start_idx" ON "resource_bookings" ("resource_id", "starts_at") `);
    await queryRunner.query(
      `ALTER TABLE "shared_resources" ADD CONSTRAINT "FK_8bf915fc0caf4d09b18f769433e" FOREIGN KEY ("edition_id") REFERENCES "editions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "resource_bookings" ADD CONSTRAINT "FK_3f6ebd1b72a9ea9d72770288cab" FOREIGN KEY ("resource_id") REFERENCES "shared_resources"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "resource_bookings" ADD CONSTRAINT "FK_e8b176f09f34eb1c98bae2c60a1" FOREIGN KEY ("venue_id") REFERENCES "venues"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "resource_bookings" DROP CONSTRAINT "FK_e8b176f09f34eb1c98bae2c60a1"`);
    await queryRunner.query(`ALTER TABLE "resource_bookings" DROP CONSTRAINT "FK_3f6ebd1b72a9ea9d72770288cab"`);
    await queryRunner.query(`ALTER TABLE "shared_resources" DROP CONSTRAINT "FK_8bf915fc0caf4d09b18f769433e"`);
    await queryRunner.query(`DROP INDEX "public"."resource_bookings_resource_start_idx"`);
    await queryRunner.query(`DROP INDEX "public"."resource_bookings_venue_idx"`);
    await queryRunner.query(`DROP TABLE "resource_bookings"`);
    await queryRunner.query(`DROP INDEX "public"."shared_resources_edition_name_unique"`);
    await queryRunner.query(`DROP TABLE "shared_resources"`);
    await queryRunner.query(`DROP TYPE "public"."resource_kind"`);
  }
}
