/**
 * The groups of the order of precedence and their Vietnamese names: a pure file (no decorators, no
 * Node imports), so the web console reads the same definitions as the API.
 */

/** Who sits where in the order: central delegates, then the province's leaders, then other guests. */
export enum PrecedenceGroup {
  Central = 'central',
  ProvincialLeader = 'provincial_leader',
  LocalOfficial = 'local_official',
  Guest = 'guest',
  /** Accredited journalists (and others the province lists as press): last, and never in the front rows. */
  Press = 'press',
}

export const PRECEDENCE_GROUP_ORDER: readonly PrecedenceGroup[] = Object.values(PrecedenceGroup);

export const PRECEDENCE_GROUP_NAMES: Record<PrecedenceGroup, string> = {
  [PrecedenceGroup.Central]: 'Đại biểu Trung ương',
  [PrecedenceGroup.ProvincialLeader]: 'Lãnh đạo tỉnh',
  [PrecedenceGroup.LocalOfficial]: 'Lãnh đạo địa phương',
  [PrecedenceGroup.Guest]: 'Khách mời',
  [PrecedenceGroup.Press]: 'Báo chí',
};

/** The groups seated in the front rows (hàng ghế đại biểu): everyone but the press. */
export const SEATED_GROUPS: readonly PrecedenceGroup[] = PRECEDENCE_GROUP_ORDER.filter((group) => group !== PrecedenceGroup.Press);

/** The groups a province lists its own guests in (central delegates come from invitations). */
export const GUEST_GROUPS = [PrecedenceGroup.ProvincialLeader, PrecedenceGroup.LocalOfficial, PrecedenceGroup.Guest, PrecedenceGroup.Press] as const;
export type GuestGroup = (typeof GUEST_GROUPS)[number];
