import { MigrationInterface, QueryRunner } from 'typeorm';

/** Logistics: task templates per edition, tasks per venue and their dependencies. */

export class Logistics1795690403450 implements MigrationInterface {
  name = 'Logistics1795690403450';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "task_template_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "edition_id" uuid NOT NULL, "position" integer NOT NULL, "code" text NOT NULL, "title" text NOT NULL, "responsible_unit" text NOT NULL, "offset_days" integer NOT NULL, "weight" integer NOT NULL DEFAULT '1', "depends_on" text array NOT NULL DEFAULT '{}', CONSTRAINT "task_template_items_weight_positive" CHECK (weight > 0), CONSTRAINT "PK_038a39a2e57effb687064d3286c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "task_template_items_code_unique" ON "task_template_items" ("edition_id", "code") `);
    await queryRunner.query(`CREATE TYPE "public"."task_status" AS ENUM('todo', 'in_progress', 'blocked', 'done')`);
    await queryRunner.query(
      `CREATE TABLE "venue_tasks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "venue_id" uuid NOT NULL, "edition_id" uuid NOT NULL, "template_code" text, "title" text NOT NULL, "responsible_unit" text NOT NULL, "owner_user_id" uuid, "owner_name" text, "offset_days" integer, "due_date" date, "status" "public"."task_status" NOT NULL DEFAULT 'todo', "blocked_reason" text, "done_by" uuid, "done_at" TIMESTAMP WITH TIME ZONE, "notes" text, "weight" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "venue_tasks_weight_positive" CHECK (weight > 0), CONSTRAINT "venue_tasks_done_has_who" CHECK (status <> 'done' OR (done_at IS NOT NULL)), CONSTRAINT "venue_tasks_blocked_has_reason" CHECK (status <> 'blocked' OR blocked_reason IS NOT NULL), CONSTRAINT "PK_c2218085a7b622f7d8469299ffe" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "venue_tasks_template_unique" ON "venue_tasks" ("venue_id", "template_code") WHERE template_code IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "venue_tasks_edition_status_idx" ON "venue_tasks" ("edition_id", "status") `);
    await queryRunner.query(`CREATE INDEX "venue_tasks_venue_idx" ON "venue_tasks" ("venue_id", "due_date") `);
    await queryRunner.query(
      `CREATE TABLE "task_dependencies" ("task_id" uuid NOT NULL, "prerequisite_id" uuid NOT NULL, CONSTRAINT "task_dependencies_not_self" CHECK (task_id <> prerequisite_id), CONSTRAINT "PK_8bde9509c7b9f043dd49966160a" PRIMARY KEY ("task_id", "prerequisite_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "task_template_items" ADD CONSTRAINT "FK_e0d2f6fd2a73facda754fd16083" FOREIGN KEY ("edition_id") REFERENCES "editions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "venue_tasks" ADD CONSTRAINT "FK_25e6ed02d28e7a7b10a87f875b8" FOREIGN KEY ("venue_id") REFERENCES "venues"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "task_dependencies" ADD CONSTRAINT "FK_1ae6688b1bd90fffe857f4cb707" FOREIGN KEY ("task_id") REFERENCES "venue_tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "task_dependencies" ADD CONSTRAINT "FK_2054c07abb0eedce7fd5d23af8d" FOREIGN KEY ("prerequisite_id") REFERENCES "venue_tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "task_dependencies" DROP CONSTRAINT "FK_2054c07abb0eedce7fd5d23af8d"`);
    await queryRunner.query(`ALTER TABLE "task_dependencies" DROP CONSTRAINT "FK_1ae6688b1bd90fffe857f4cb707"`);
    await queryRunner.query(`ALTER TABLE "venue_tasks" DROP CONSTRAINT "FK_25e6ed02d28e7a7b10a87f875b8"`);
    await queryRunner.query(`ALTER TABLE "task_template_items" DROP CONSTRAINT "FK_e0d2f6fd2a73facda754fd16083"`);
    await queryRunner.query(`DROP TABLE "task_dependencies"`);
    await queryRunner.query(`DROP INDEX "public"."venue_tasks_venue_idx"`);
    await queryRunner.query(`DROP INDEX "public"."venue_tasks_edition_status_idx"`);
    await queryRunner.query(`DROP INDEX "public"."venue_tasks_template_unique"`);
    await queryRunner.query(`DROP TABLE "venue_tasks"`);
    await queryRunner.query(`DROP TYPE "public"."task_status"`);
    await queryRunner.query(`DROP INDEX "public"."task_template_items_code_unique"`);
    await queryRunner.query(`DROP TABLE "task_template_items"`);
  }
}
