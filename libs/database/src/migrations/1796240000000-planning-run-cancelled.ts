import { MigrationInterface, QueryRunner } from 'typeorm';

/** A planner may cancel a queued or running planning run (issue 19): the run's status `cancelled`. */
export class PlanningRunCancelled1796240000000 implements MigrationInterface {
  name = 'PlanningRunCancelled1796240000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."planning_run_status" ADD VALUE IF NOT EXISTS 'cancelled'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // A cancelled run reads as failed without the value (it never proposed anything).
    await queryRunner.query(`UPDATE "planning_runs" SET "status" = 'failed', "failure" = 'Đã huỷ' WHERE "status" = 'cancelled'`);
    await queryRunner.query(`ALTER TABLE "planning_runs" ALTER COLUMN "status" DROP DEFAULT`);
    await queryRunner.query(`ALTER TYPE "public"."planning_run_status" RENAME TO "planning_run_status_old"`);
    await queryRunner.query(`CREATE TYPE "public"."planning_run_status" AS ENUM('queued', 'solving', 'failed', 'proposed', 'accepted', 'superseded')`);
    await queryRunner.query(
      `ALTER TABLE "planning_runs" ALTER COLUMN "status" TYPE "public"."planning_run_status" USING "status"::"text"::"public"."planning_run_status"`,
    );
    await queryRunner.query(`ALTER TABLE "planning_runs" ALTER COLUMN "status" SET DEFAULT 'proposed'`);
    await queryRunner.query(`DROP TYPE "public"."planning_run_status_old"`);
  }
}
