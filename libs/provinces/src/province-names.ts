import type { EntityManager } from 'typeorm';
import { foldedMatch } from '@app/common';
import { Province } from './province.entity';

/**
 * Province names by code (34 rows), read with the caller's EntityManager. Logistics names the province
 * beside its own rows — the readiness dashboard, the budget roll-up, the edition-plan export, the
 * organizer reminders — from here instead of joining the provinces table.
 */
export async function provinceNames(manager: EntityManager): Promise<Map<string, string>> {
  const provinces = await manager.find(Province, { select: { code: true, name: true } });
  return new Map(provinces.map((province) => [province.code, province.name]));
}

/**
 * Codes of the provinces whose name matches a folded search pattern (`foldedSearchPattern`): "lai chau"
 * finds Lai Châu. The venue search adds a province's venues this way instead of joining this table.
 */
export async function provinceCodesMatching(manager: EntityManager, pattern: string): Promise<string[]> {
  const rows = await manager
    .getRepository(Province)
    .createQueryBuilder('province')
    .select('province.code', 'code')
    .where(foldedMatch('province.name', 'pattern'), { pattern })
    .getRawMany<{ code: string }>();
  return rows.map((row) => row.code);
}
