import { MigrationInterface, QueryRunner } from 'typeorm';

/** Venues' documents (issue 20): documents by kind and title, their versions, and bytes kept in PostgreSQL. */
export class VenueDocuments1796230000000 implements MigrationInterface {
  name = 'VenueDocuments1796230000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "venue_documents" (
         "id" uuid NOT NULL DEFAULT gen_random_uuid(),
         "venue_id" uuid NOT NULL REFERENCES "venues"("id") ON DELETE CASCADE,
         "kind" text NOT NULL,
         "title" text NOT NULL,
         "title_key" text NOT NULL,
         "latest_version" integer NOT NULL DEFAULT 0,
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "PK_venue_documents" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "venue_documents_kind_title_key" ON "venue_documents" ("venue_id", "kind", "title_key")`);
    await queryRunner.query(
      `CREATE TABLE "venue_document_versions" (
         "id" uuid NOT NULL DEFAULT gen_random_uuid(),
         "document_id" uuid NOT NULL REFERENCES "venue_documents"("id") ON DELETE CASCADE,
         "number" integer NOT NULL,
         "file_name" text NOT NULL,
         "media_type" text NOT NULL,
         "size_bytes" bigint NOT NULL,
         "sha256" text NOT NULL,
         "storage" text NOT NULL,
         "uploaded_by" uuid,
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "venue_document_versions_size" CHECK (size_bytes >= 0),
         CONSTRAINT "venue_document_versions_storage" CHECK (storage IN ('database', 'directory')),
         CONSTRAINT "PK_venue_document_versions" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "venue_document_versions_number_key" ON "venue_document_versions" ("document_id", "number")`);
    await queryRunner.query(
      `CREATE TABLE "venue_document_contents" (
         "version_id" uuid NOT NULL REFERENCES "venue_document_versions"("id") ON DELETE CASCADE,
         "content" bytea NOT NULL,
         CONSTRAINT "PK_venue_document_contents" PRIMARY KEY ("version_id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "venue_document_contents"`);
    await queryRunner.query(`DROP TABLE "venue_document_versions"`);
    await queryRunner.query(`DROP TABLE "venue_documents"`);
  }
}
