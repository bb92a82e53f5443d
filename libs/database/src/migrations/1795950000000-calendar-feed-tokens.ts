import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Calendar feeds get random, revocable tokens per attendee and edition (issue 16). The old table held
 * one feed per mailbox whose token was an HMAC of the address: it goes, and with it every old feed URL
 * (decided cut-over: they stop at once, since a leaked one never expired). Each attendee with an
 * invitation already sent in an edition that is not closed gets a feed row `pending`; the worker's
 * reconciler mails each office its new link within a minute or two of the worker starting.
 */
export class CalendarFeedTokens1795950000000 implements MigrationInterface {
  name = 'CalendarFeedTokens1795950000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "calendar_feeds"`);
    await queryRunner.query(
      `CREATE TABLE "calendar_feeds" (
         "id" uuid NOT NULL DEFAULT gen_random_uuid(),
         "edition_id" uuid NOT NULL,
         "leader_id" uuid,
         "delegate_email" text NOT NULL,
         "delegate_name" text NOT NULL,
         "delegate_key" text NOT NULL DEFAULT '',
         "status" text NOT NULL DEFAULT 'pending',
         "generation" integer NOT NULL DEFAULT 1,
         "token_hash" text,
         "issued_at" TIMESTAMP WITH TIME ZONE,
         "sent_at" TIMESTAMP WITH TIME ZONE,
         "attempts" integer NOT NULL DEFAULT 0,
         "last_error" text,
         "lease_until" TIMESTAMP WITH TIME ZONE,
         "revoked_at" TIMESTAMP WITH TIME ZONE,
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "calendar_feeds_status" CHECK (status IN ('pending', 'sending', 'active', 'failed', 'revoked')),
         CONSTRAINT "PK_calendar_feeds" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "calendar_feeds_token_unique" ON "calendar_feeds" ("token_hash") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "calendar_feeds_leader_unique" ON "calendar_feeds" ("edition_id", "leader_id") WHERE leader_id IS NOT NULL`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "calendar_feeds_delegate_unique" ON "calendar_feeds" ("edition_id", "delegate_email", "delegate_key") WHERE leader_id IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_feeds" ADD CONSTRAINT "FK_f2bd1890215e6abc90a696cda07" FOREIGN KEY ("edition_id") REFERENCES "editions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_feeds" ADD CONSTRAINT "FK_de735b97b6beff962f070099b15" FOREIGN KEY ("leader_id") REFERENCES "leaders"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // The cut-over: one pending feed per attendee already invited, named as their newest invitation names
    // them. A named delegate's key is made here as the application makes it (trimmed, spaces collapsed,
    // lower-cased in Vietnamese: PostgreSQL's lower() depends on the database's ctype), copied rather than
    // imported so that this migration means the same thing whatever the code becomes.
    const invited = (await queryRunner.query(
      `SELECT i.edition_id, i.leader_id, i.delegate_email, i.delegate_name
         FROM invitations i JOIN editions e ON e.id = i.edition_id
        WHERE i.status <> 'draft' AND e.status <> 'closed'
        ORDER BY i.created_at DESC`,
    )) as { edition_id: string; leader_id: string | null; delegate_email: string; delegate_name: string }[];
    const seen = new Set<string>();
    for (const row of invited) {
      const key = row.leader_id ? '' : row.delegate_name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');
      const identity = `${row.edition_id}|${row.leader_id ?? `${row.delegate_email}|${key}`}`;
      if (seen.has(identity)) continue;
      seen.add(identity);
      await queryRunner.query(`INSERT INTO calendar_feeds (edition_id, leader_id, delegate_email, delegate_name, delegate_key) VALUES ($1, $2, $3, $4, $5)`, [
        row.edition_id,
        row.leader_id,
        row.delegate_email,
        row.delegate_name,
        key,
      ]);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Back to the per-mailbox table, empty: the old HMAC links are not brought back.
    await queryRunner.query(`DROP TABLE "calendar_feeds"`);
    await queryRunner.query(
      `CREATE TABLE "calendar_feeds" ("email" text NOT NULL, "token_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2253b8ac59a317ff679fbf5a736" PRIMARY KEY ("email"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "calendar_feeds_token_unique" ON "calendar_feeds" ("token_hash") `);
  }
}
