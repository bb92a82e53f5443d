import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { fileTypeFromBuffer } from 'file-type';
import { DataSource, In } from 'typeorm';
import { AuditService } from '@app/audit';
import { accountNames, type Actor, canWriteProvince } from '@app/auth';
import { BusinessRuleError, DomainError, ForbiddenError, NotFoundError } from '@app/common';
import { AppConfig } from '@app/config';
import { type Venue, VenueStatus, VenuesService } from '@app/venues';
import { type DocumentVersionView, type UploadDocumentDto, type VenueDocumentView, type VenueDocumentsView } from './dto/document.dto';
import { VenueDocument, VenueDocumentVersion } from './document.entities';
import { keptFileName, tidyTitle, titleKey, uploadRefusal } from './document-rules';
import { DOCUMENT_KIND_NAMES } from './documents.enums';
import { DocumentStorage } from './document-storage';

/** What the upload handed over: multer's in-memory file (size already held to DOCUMENT_MAX_BYTES). */
export interface UploadedContent {
  buffer: Buffer;
  originalname: string;
  size: number;
}

export interface DocumentDownload {
  fileName: string;
  mediaType: string;
  content: Buffer;
}

const DOCUMENT = 'tài liệu';

/**
 * Owns venues' documents (venue_documents, their versions and, with DOCUMENT_STORAGE=database, their
 * bytes). Need-to-know: the venue's province and planners only — a security plan is not for every
 * reader of the plan, so viewers and other provinces are refused (403).
 */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger('Documents');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly venues: VenuesService,
    private readonly audit: AuditService,
    private readonly storage: DocumentStorage,
    private readonly config: AppConfig,
  ) {}

  async list(venueId: string, actor: Actor): Promise<VenueDocumentsView> {
    const venue = await this.readable(venueId, actor);
    const manager = this.dataSource.manager;
    const documents = await manager.find(VenueDocument, { where: { venueId }, order: { kind: 'ASC', title: 'ASC' } });
    const versions = documents.length
      ? await manager.find(VenueDocumentVersion, { where: { documentId: In(documents.map((document) => document.id)) }, order: { number: 'DESC' } })
      : [];
    const names = await accountNames(
      manager,
      versions.flatMap((version) => (version.uploadedBy ? [version.uploadedBy] : [])),
    );
    const views: VenueDocumentView[] = documents.map((document) => ({
      id: document.id,
      kind: document.kind,
      kindName: DOCUMENT_KIND_NAMES[document.kind],
      title: document.title,
      latestVersion: document.latestVersion,
      versions: versions.filter((version) => version.documentId === document.id).map((version) => versionView(version, names)),
    }));
    return {
      venueId,
      canUpload: venue.status !== VenueStatus.Cancelled,
      maxBytes: this.config.DOCUMENT_MAX_BYTES,
      allowedTypes: this.config.DOCUMENT_ALLOWED_TYPES,
      documents: views,
    };
  }

  /**
   * Keeps an uploaded file as the next version of the venue's document of that kind and title (a new
   * document when there is none). Its type is recognised from the content — the name and the client's
   * Content-Type are not believed — and refused (415) unless allowed; nothing is stored then, nor when
   * anything later fails (the row rolls back, a written file is removed).
   */
  async upload(venueId: string, input: UploadDocumentDto, file: UploadedContent | undefined, actor: Actor): Promise<VenueDocumentView> {
    await this.readable(venueId, actor);
    if (!file) throw new BusinessRuleError('DOCUMENT_FILE_MISSING', 'Chưa chọn tệp để tải lên.', { field: 'file' }, 400);
    if (file.size > this.config.DOCUMENT_MAX_BYTES) throw new DomainError(413, 'DOCUMENT_TOO_LARGE', 'Tệp vượt quá dung lượng cho phép.');
    const detected = (await fileTypeFromBuffer(file.buffer))?.mime;
    const refusal = uploadRefusal(detected, this.config.DOCUMENT_ALLOWED_TYPES);
    if (refusal) throw new DomainError(415, refusal.code, refusal.message, refusal.details);
    const title = tidyTitle(input.title);
    if (!title) throw new BusinessRuleError('DOCUMENT_TITLE_EMPTY', 'Tên tài liệu không được để trống.', { field: 'title' }, 400);
    const store = this.storage.current;
    const undo: Array<() => Promise<void>> = [];
    try {
      const documentId = await this.dataSource.transaction(async (manager) => {
        await this.venues.lockForChildEdit(manager, venueId, actor, { afterHeld: true });
        const key = titleKey(title);
        let document = await manager.findOne(VenueDocument, { where: { venueId, kind: input.kind, titleKey: key }, lock: { mode: 'pessimistic_write' } });
        document ??= manager.create(VenueDocument, { venueId, kind: input.kind, title, titleKey: key, latestVersion: 0 });
        document.latestVersion += 1;
        document = await manager.save(document);
        const version = await manager.save(
          manager.create(VenueDocumentVersion, {
            documentId: document.id,
            number: document.latestVersion,
            fileName: keptFileName(file.originalname),
            mediaType: detected!,
            sizeBytes: file.size,
            sha256: createHash('sha256').update(file.buffer).digest('hex'),
            storage: store.kind,
            uploadedBy: actor.id,
          }),
        );
        undo.push(await store.put(manager, version.id, file.buffer));
        await this.audit.record(manager, {
          actor,
          entityType: 'venue_document',
          entityId: document.id,
          action: document.latestVersion === 1 ? 'create' : 'update',
          note: `Tải lên ${DOCUMENT_KIND_NAMES[document.kind].toLowerCase()} “${document.title}”, phiên bản ${version.number} (${version.fileName})`,
          after: {
            venueId,
            kind: document.kind,
            title: document.title,
            version: version.number,
            fileName: version.fileName,
            mediaType: version.mediaType,
            sizeBytes: version.sizeBytes,
            sha256: version.sha256,
          },
        });
        return document.id;
      });
      return (await this.list(venueId, actor)).documents.find((document) => document.id === documentId)!;
    } catch (error) {
      for (const step of undo) await step().catch((cleanup: unknown) => this.logger.warn({ error: String(cleanup) }, 'an uploaded file could not be removed'));
      throw error;
    }
  }

  /** One version's bytes, with the name it was uploaded under and its recognised type. */
  async download(venueId: string, documentId: string, number: number, actor: Actor): Promise<DocumentDownload> {
    await this.readable(venueId, actor);
    const manager = this.dataSource.manager;
    const document = await manager.findOneBy(VenueDocument, { id: documentId, venueId });
    if (!document) throw new NotFoundError(DOCUMENT, documentId);
    const version = await manager.findOneBy(VenueDocumentVersion, { documentId, number });
    if (!version) throw new NotFoundError(`phiên bản ${number} của tài liệu`, documentId);
    const content = await this.storage.of(version.storage).get(manager, version.id);
    if (!content) throw new DomainError(503, 'DOCUMENT_CONTENT_MISSING', 'Không đọc được nội dung tài liệu trong kho lưu trữ. Vui lòng báo quản trị hệ thống.');
    // These documents hold security plans: who read which version is kept, as who wrote it is.
    await this.audit.record(manager, {
      actor,
      entityType: 'venue_document',
      entityId: document.id,
      action: 'download',
      note: `Tải xuống ${DOCUMENT_KIND_NAMES[document.kind].toLowerCase()} “${document.title}”, phiên bản ${version.number} (${version.fileName})`,
      after: { venueId, version: version.number, fileName: version.fileName, sha256: version.sha256 },
    });
    return { fileName: version.fileName, mediaType: version.mediaType, content };
  }

  /** The venue, if the caller may see its documents: its province's organizers and planners. */
  private async readable(venueId: string, actor: Actor): Promise<Venue> {
    const venue = await this.venues.getReadable(venueId, actor); // another province's organizer: 403 PROVINCE_SCOPE
    if (!canWriteProvince(actor, venue.provinceCode)) {
      throw new ForbiddenError('Tài liệu của điểm tổ chức chỉ dành cho tỉnh, thành phố tổ chức và cán bộ lập kế hoạch Trung ương.', 'DOCUMENT_SCOPE');
    }
    return venue;
  }
}

function versionView(version: VenueDocumentVersion, names: Map<string, string>): DocumentVersionView {
  return {
    number: version.number,
    fileName: version.fileName,
    mediaType: version.mediaType,
    sizeBytes: version.sizeBytes,
    uploadedAt: version.createdAt,
    uploadedByName: version.uploadedBy ? (names.get(version.uploadedBy) ?? null) : null,
  };
}
