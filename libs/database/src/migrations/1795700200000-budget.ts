import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Budget lines per venue: estimate and actual cost in whole đồng (numeric(15,0), never negative),
 * by category and funding source. Deleted with their venue.
 */

export class Budget1795700200000 implements MigrationInterface {
  name = 'Budget1795700200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."budget_category" AS ENUM('security', 'reception', 'stage_sound_decor', 'transport', 'medical', 'gifts', 'awards', 'performances', 'press', 'other')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."funding_source" AS ENUM('central_budget', 'provincial_budget', 'socialized', 'other')`);
    await queryRunner.query(
      `CREATE TABLE "budget_lines" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "venue_id" uuid NOT NULL, "edition_id" uuid NOT NULL, "category" "public"."budget_category" NOT NULL, "description" text NOT NULL, "planned_vnd" numeric(15,0) NOT NULL, "actual_vnd" numeric(15,0), "funding_source" "public"."funding_source" NOT NULL, "notes" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "budget_lines_actual_non_negative" CHECK (actual_vnd IS NULL OR actual_vnd >= 0), CONSTRAINT "budget_lines_planned_non_negative" CHECK (planned_vnd >= 0), CONSTRAINT "PK_4eabf9c9d7c8edc9ad302270c94" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "budget_lines_venue_idx" ON "budget_lines" ("venue_id") `);
    await queryRunner.query(
      `ALTER TABLE "budget_lines" ADD CONSTRAINT "FK_6030ecd6ad34dd44999b728bd9a" FOREIGN KEY ("venue_id") REFERENCES "venues"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "budget_lines" DROP CONSTRAINT "FK_6030ecd6ad34dd44999b728bd9a"`);
    await queryRunner.query(`DROP INDEX "public"."budget_lines_venue_idx"`);
    await queryRunner.query(`DROP TABLE "budget_lines"`);
    await queryRunner.query(`DROP TYPE "public"."funding_source"`);
    await queryRunner.query(`DROP TYPE "public"."budget_category"`);
  }
}
