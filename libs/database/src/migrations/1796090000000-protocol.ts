import { MigrationInterface, QueryRunner } from 'typeorm';

/** Protocol at a festival point (issue 20): the province's guests, planners' precedence overrides, seating plans, check-ins at the door. */
export class Protocol1796090000000 implements MigrationInterface {
  name = 'Protocol1796090000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "venue_guests" (
         "id" uuid NOT NULL DEFAULT gen_random_uuid(),
         "venue_id" uuid NOT NULL REFERENCES "venues"("id") ON DELETE CASCADE,
         "name" text NOT NULL,
         "title" text,
         "precedence_group" text NOT NULL,
         "rank" integer,
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "version" integer NOT NULL DEFAULT 1,
         CONSTRAINT "venue_guests_rank_positive" CHECK (rank IS NULL OR rank >= 1),
         CONSTRAINT "venue_guests_group" CHECK (precedence_group IN ('provincial_leader', 'local_official', 'guest')),
         CONSTRAINT "PK_venue_guests" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "venue_guests_venue_idx" ON "venue_guests" ("venue_id")`);
    await queryRunner.query(
      `CREATE TABLE "precedence_overrides" (
         "venue_id" uuid NOT NULL REFERENCES "venues"("id") ON DELETE CASCADE,
         "attendee_key" text NOT NULL,
         "position" integer NOT NULL,
         "reason" text NOT NULL,
         "set_by" uuid,
         "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "precedence_overrides_position_positive" CHECK (position >= 1),
         CONSTRAINT "PK_precedence_overrides" PRIMARY KEY ("venue_id", "attendee_key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "seating_plans" (
         "venue_id" uuid NOT NULL REFERENCES "venues"("id") ON DELETE CASCADE,
         "rows" smallint NOT NULL,
         "seats_per_row" smallint NOT NULL,
         "seats" jsonb NOT NULL,
         "edited_by_hand" boolean NOT NULL DEFAULT false,
         "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "version" integer NOT NULL DEFAULT 1,
         CONSTRAINT "seating_plans_size" CHECK (rows BETWEEN 1 AND 10 AND seats_per_row BETWEEN 1 AND 40),
         CONSTRAINT "PK_seating_plans" PRIMARY KEY ("venue_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "check_ins" (
         "venue_id" uuid NOT NULL REFERENCES "venues"("id") ON DELETE CASCADE,
         "attendee_key" text NOT NULL,
         "checked_in_at" TIMESTAMP WITH TIME ZONE NOT NULL,
         "checked_in_by" uuid,
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "PK_check_ins" PRIMARY KEY ("venue_id", "attendee_key"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "check_ins"`);
    await queryRunner.query(`DROP TABLE "seating_plans"`);
    await queryRunner.query(`DROP TABLE "precedence_overrides"`);
    await queryRunner.query(`DROP TABLE "venue_guests"`);
  }
}
