import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '@app/config';
import { type DocumentStorageKind, VenueDocumentContent } from './document.entities';

/**
 * Where the bytes of a document version live. `put` runs inside the upload's transaction and returns an
 * undo for when that transaction does not commit (nothing stored after a failed upload); `get` returns
 * null when the bytes are missing.
 */
export interface DocumentStore {
  readonly kind: DocumentStorageKind;
  put(manager: EntityManager, versionId: string, content: Buffer): Promise<() => Promise<void>>;
  get(manager: EntityManager, versionId: string): Promise<Buffer | null>;
}

/** Bytes in PostgreSQL (`venue_document_contents`): in the same transaction as the version's row. */
export class DatabaseDocumentStore implements DocumentStore {
  readonly kind = 'database' as const;

  async put(manager: EntityManager, versionId: string, content: Buffer): Promise<() => Promise<void>> {
    await manager.insert(VenueDocumentContent, { versionId, content });
    return () => Promise.resolve(); // the rollback takes the row with it
  }

  async get(manager: EntityManager, versionId: string): Promise<Buffer | null> {
    const row = await manager.findOneBy(VenueDocumentContent, { versionId });
    return row?.content ?? null;
  }
}

/**
 * One file per version under DOCUMENT_DIR (`<first two characters of the id>/<id>`), written to a
 * `.part` file and renamed, so a reader never sees half a file; removed again if the upload's
 * transaction does not commit.
 */
export class DirectoryDocumentStore implements DocumentStore {
  readonly kind = 'directory' as const;
  private readonly root: string;

  constructor(directory: string) {
    this.root = resolve(directory);
  }

  private pathOf(versionId: string): string {
    // Version ids are UUIDs made by PostgreSQL: no path separators can come in through them.
    if (!/^[0-9a-f-]{36}$/.test(versionId)) throw new Error(`not a document version id: ${versionId}`);
    return join(this.root, versionId.slice(0, 2), versionId);
  }

  async put(_manager: EntityManager, versionId: string, content: Buffer): Promise<() => Promise<void>> {
    const path = this.pathOf(versionId);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(`${path}.part`, content, { flag: 'wx' });
    await rename(`${path}.part`, path);
    return () => rm(path, { force: true });
  }

  async get(_manager: EntityManager, versionId: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(versionId));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}

/**
 * The stores: new versions go where DOCUMENT_STORAGE says; each version is read from where it was
 * written (its row says which), so changing the setting does not lose older versions.
 */
@Injectable()
export class DocumentStorage {
  private readonly stores: Record<DocumentStorageKind, DocumentStore>;
  readonly current: DocumentStore;

  constructor(config: AppConfig) {
    this.stores = { database: new DatabaseDocumentStore(), directory: new DirectoryDocumentStore(config.DOCUMENT_DIR) };
    this.current = this.stores[config.DOCUMENT_STORAGE];
  }

  of(kind: DocumentStorageKind): DocumentStore {
    return this.stores[kind];
  }
}
