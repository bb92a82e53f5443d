import { MigrationInterface, QueryRunner } from 'typeorm';

/** Organizers' proposals to move a central venue past approval, which planners apply or reject (issue 16). */
export class VenueChangeProposals1795950100000 implements MigrationInterface {
  name = 'VenueChangeProposals1795950100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "venue_change_proposals" (
         "id" uuid NOT NULL DEFAULT gen_random_uuid(),
         "venue_id" uuid NOT NULL,
         "changes" jsonb NOT NULL,
         "note" text,
         "status" text NOT NULL DEFAULT 'pending',
         "proposed_by" uuid NOT NULL,
         "proposed_by_email" text NOT NULL,
         "decided_by" uuid,
         "decided_at" TIMESTAMP WITH TIME ZONE,
         "decision_note" text,
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "version" integer NOT NULL DEFAULT 1,
         CONSTRAINT "venue_change_proposals_status" CHECK (status IN ('pending', 'applied', 'rejected')),
         CONSTRAINT "PK_venue_change_proposals" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "venue_change_proposals_venue_idx" ON "venue_change_proposals" ("venue_id", "created_at") `);
    await queryRunner.query(
      `ALTER TABLE "venue_change_proposals" ADD CONSTRAINT "FK_d03aa989db93f09f1efe419c40f" FOREIGN KEY ("venue_id") REFERENCES "venues"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "venue_change_proposals"`);
  }
}
