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

/** The id of the edition of this year, or null. The demo seed finds the coming year's edition with it. */
export async function editionIdOfYear(manager: EntityManager, year: number): Promise<string | null> {
  return (await manager.findOne(Edition, { select: { id: true }, where: { year } }))?.id ?? null;
}

export type NewEdition = Pick<Edition, 'id' | 'year' | 'theme' | 'windowStart' | 'windowEnd' | 'nationalDay'>;

/**
 * Inserts an edition as given, its id included, and returns it as stored. For the demo seed, whose rows
 * have stable ids; people create editions through EditionsService.create, which checks and audits.
 */
export function insertEdition(manager: EntityManager, edition: NewEdition): Promise<Edition> {
  return manager.save(manager.create(Edition, edition));
}
