import { ApiHideProperty, ApiProperty } from '@nestjs/swagger';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '@app/common';
import type { Venue } from '@app/venues';
import { DocumentKind } from './documents.enums';

/** A document of a venue (one kind and title); its content lives in its versions. */
@Entity('venue_documents')
@Index('venue_documents_kind_title_key', ['venueId', 'kind', 'titleKey'], { unique: true })
export class VenueDocument {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'venue_id' })
  venueId: string;

  /** By entity name: the venues library owns the class (the foreign key is what the schema needs). */
  @ApiHideProperty()
  @ManyToOne('Venue', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'venue_id' })
  venue?: Venue;

  @ApiProperty({ enum: DocumentKind, enumName: 'DocumentKind' })
  @Column({ type: 'text' })
  kind: DocumentKind;

  @Column({ type: 'text' })
  title: string;

  /** The title folded (case, spacing), so "Kịch bản  chi tiết" and "kịch bản chi tiết" are one document. */
  @Column({ type: 'text', name: 'title_key' })
  titleKey: string;

  /** The latest version's number (versions are 1, 2, 3…). */
  @Column({ type: 'int', name: 'latest_version', default: 0 })
  latestVersion: number;

  @CreatedAt()
  createdAt: Date;
}

/** Where a version's bytes are: in `venue_document_contents` or a file under DOCUMENT_DIR. */
export type DocumentStorageKind = 'database' | 'directory';

/** One uploaded version of a document, never changed once written. */
@Entity('venue_document_versions')
@Index('venue_document_versions_number_key', ['documentId', 'number'], { unique: true })
@Check('venue_document_versions_size', 'size_bytes >= 0')
@Check('venue_document_versions_storage', `storage IN ('database', 'directory')`)
export class VenueDocumentVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'document_id' })
  documentId: string;

  @ApiHideProperty()
  @ManyToOne(() => VenueDocument, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id' })
  document?: VenueDocument;

  @Column({ type: 'int' })
  number: number;

  /** The name it was uploaded under (shown and given back on download). */
  @Column({ type: 'text', name: 'file_name' })
  fileName: string;

  /** The media type recognised from the content (never the client's claim). */
  @Column({ type: 'text', name: 'media_type' })
  mediaType: string;

  @Column({ type: 'bigint', name: 'size_bytes', transformer: { to: (value: number) => value, from: (value: string) => Number(value) } })
  sizeBytes: number;

  @Column({ type: 'text' })
  sha256: string;

  @Column({ type: 'text' })
  storage: DocumentStorageKind;

  @Column({ type: 'uuid', name: 'uploaded_by', nullable: true })
  uploadedBy: string | null;

  @CreatedAt()
  createdAt: Date;
}

/** The bytes of a version kept in PostgreSQL (DOCUMENT_STORAGE=database): apart, so listings never read them. */
@Entity('venue_document_contents')
export class VenueDocumentContent {
  @PrimaryColumn({ type: 'uuid', name: 'version_id' })
  versionId: string;

  @ApiHideProperty()
  @OneToOne(() => VenueDocumentVersion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id' })
  version?: VenueDocumentVersion;

  @Column({ type: 'bytea' })
  content: Buffer;
}
