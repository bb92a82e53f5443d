import type { EntityManager } from 'typeorm';
import { lockForUpdate } from '@app/common';
import { Edition } from './edition.entity';

/**
 * The edition, or null, read with the caller's EntityManager. For code that runs without
 * EditionsModule: the worker's organizer reminder e-mails (logistics) name the edition's year.
 */
export function findEdition(manager: EntityManager, id: string): Promise<Edition | null> {
  return manager.findOneBy(Edition, { id });
}

/**
 * Locks the edition row until the caller's transaction ends (404 if there is none). Logistics saves an
 * edition's task template under it, so two saves of the same template go one after the other.
 */
export function lockEdition(manager: EntityManager, id: string): Promise<Edition> {
  return lockForUpdate(manager, Edition, id, undefined, 'đợt Ngày hội');
}
