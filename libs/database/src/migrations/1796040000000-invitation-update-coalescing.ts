import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invitation updates are coalesced (issue 15): an update e-mail (a venue's programme, date, hours or
 * place changed) waits INVITATION_UPDATE_DELAY_SECONDS before it goes, so that several edits in a
 * short window reach the delegate as one letter. `send_after` is when it may go; the reconciler
 * leaves a message alone until then (its delayed job is the one that sends it).
 */
export class InvitationUpdateCoalescing1796040000000 implements MigrationInterface {
  name = 'InvitationUpdateCoalescing1796040000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invitation_messages" ADD "send_after" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invitation_messages" DROP COLUMN "send_after"`);
  }
}
