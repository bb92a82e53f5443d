/**
 * The parts of a festival programme and their Vietnamese names: a pure file (no decorators, no
 * imports), so the web console reads the same definitions as the API
 * (`@shared/programmes/src/programme.enums`).
 */

export enum ProgrammePart {
  /** Phần lễ: the ceremony. */
  Ceremony = 'ceremony',
  /** Phần hội: the festivities. */
  Festivities = 'festivities',
}

export const PROGRAMME_PART_NAMES: Record<ProgrammePart, string> = {
  [ProgrammePart.Ceremony]: 'Phần lễ',
  [ProgrammePart.Festivities]: 'Phần hội',
};

/** In programme order: the ceremony first. */
export const PROGRAMME_PARTS: readonly ProgrammePart[] = Object.values(ProgrammePart);
