import type { EntityManager } from 'typeorm';
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
