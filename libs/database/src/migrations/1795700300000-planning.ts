import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Planning runs: a solver proposal per run (request, the plan in force it started from, result), kept
 * after acceptance as the record of why assignments and dates are what they are. Deleted with their
 * edition.
 */

export class Planning1795700300000 implements MigrationInterface {
  name = 'Planning1795700300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."planning_run_status" AS ENUM('queued', 'solving', 'failed', 'proposed', 'accepted', 'superseded')`);
    await queryRunner.query(
      `CREATE TABLE "planning_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "edition_id" uuid NOT NULL, "status" "public"."planning_run_status" NOT NULL DEFAULT 'proposed', "request" jsonb NOT NULL, "baseline" jsonb, "result" jsonb, "progress_done" integer NOT NULL DEFAULT '0', "progress_total" integer NOT NULL DEFAULT '0', "failure" text, "requested_by" uuid, "accepted_by" uuid, "accepted_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_a2cf32b04f85816ffde8dd14800" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "planning_runs_edition_idx" ON "planning_runs" ("edition_id", "created_at") `);
    await queryRunner.query(
      `ALTER TABLE "planning_runs" ADD CONSTRAINT "FK_099fb33cf25b2ea112a48ecdb0d" FOREIGN KEY ("edition_id") REFERENCES "editions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "planning_runs" DROP CONSTRAINT "FK_099fb33cf25b2ea112a48ecdb0d"`);
    await queryRunner.query(`DROP INDEX "public"."planning_runs_edition_idx"`);
    await queryRunner.query(`DROP TABLE "planning_runs"`);
    await queryRunner.query(`DROP TYPE "public"."planning_run_status"`);
  }
}
