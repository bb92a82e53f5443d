import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search insensitive to Vietnamese diacritics and case (issue 18): "lai chau" and "LAI CHAU" find
 * "Lai Châu", "da nang" finds "Đà Nẵng".
 *
 * `search_fold(text)` is our own IMMUTABLE function — NFC, then every Vietnamese letter with a tone or
 * vowel mark (and đ/Đ) translated to its bare ASCII letter, then lower-cased — so it may stand in an
 * index expression. The `unaccent` extension was the other candidate: its function is only STABLE (it
 * reads a dictionary that can change), so indexing it needs an immutable wrapper pinned to a dictionary,
 * and it is one more extension a server must have; Vietnamese needs no more than this fixed table.
 * Translating both cases before lower() keeps the result the same whatever the database's LC_CTYPE.
 *
 * Each owning library searches its own table with `search_fold(<its columns>) LIKE '%' ||
 * search_fold(:q) || '%'`, and the trigram GIN index on exactly that expression (pg_trgm, shipped with
 * PostgreSQL's contrib and the postgres image) answers the infix LIKE from the index instead of folding
 * every row: at 50,000 venues a query reads a few hundred index entries, not 50,000 names. The
 * expressions below are repeated verbatim by the libraries' queries (`VENUE_SEARCH_TEXT`,
 * `LEADER_SEARCH_TEXT`, `TASK_SEARCH_TEXT`, `INVITATION_SEARCH_TEXT`); a different expression would not
 * use the index. Expression indexes are not TypeORM metadata, so `migration:generate` leaves them be.
 */
const LOWER = [
  ['a', 'àáảãạăằắẳẵặâầấẩẫậ'],
  ['e', 'èéẻẽẹêềếểễệ'],
  ['i', 'ìíỉĩị'],
  ['o', 'òóỏõọôồốổỗộơờớởỡợ'],
  ['u', 'ùúủũụưừứửữự'],
  ['y', 'ỳýỷỹỵ'],
  ['d', 'đ'],
] as const;

const FROM = LOWER.map(([, marked]) => marked + marked.toUpperCase()).join('');
const TO = LOWER.map(([bare, marked]) => bare.repeat(marked.length * 2)).join('');

export class FoldedSearch1796060000000 implements MigrationInterface {
  name = 'FoldedSearch1796060000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE FUNCTION search_fold(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
       AS $$ SELECT lower(translate(normalize($1, NFC), '${FROM}', '${TO}')) $$`,
    );
    await queryRunner.query(
      `CREATE INDEX "venues_search_idx" ON "venues" USING gin (search_fold(name || ' ' || commune_name || ' ' || COALESCE(hamlet_name, '') || ' ' || address) gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "leaders_search_idx" ON "leaders" USING gin (search_fold(full_name || ' ' || position || ' ' || organisation) gin_trgm_ops)`,
    );
    await queryRunner.query(`CREATE INDEX "venue_tasks_search_idx" ON "venue_tasks" USING gin (search_fold(title || ' ' || responsible_unit) gin_trgm_ops)`);
    await queryRunner.query(
      `CREATE INDEX "invitations_search_idx" ON "invitations" USING gin (search_fold(delegate_name || ' ' || COALESCE(delegate_title, '')) gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "invitations_search_idx"`);
    await queryRunner.query(`DROP INDEX "venue_tasks_search_idx"`);
    await queryRunner.query(`DROP INDEX "leaders_search_idx"`);
    await queryRunner.query(`DROP INDEX "venues_search_idx"`);
    await queryRunner.query(`DROP FUNCTION search_fold(text)`);
    // pg_trgm stays: other schemas on the server may use it.
  }
}
