/**
 * Speakers (phát biểu) and greeters (người đón) at a festival point, as pure functions: which programme
 * items are speaking slots, who precedence proposes for each, and what a substitution or a new
 * acceptance no longer agrees with. No Nest, no database: the service feeds them rows.
 */
import { PrecedenceGroup } from './protocol.enums';

/** The programme items of a venue a speaker is chosen for, in programme order. */
export interface SpeakingItem {
  id: string;
  title: string;
}

/** An attendee as the order of precedence ranks them (position 1 first). */
export interface RankedPerson {
  key: string;
  name: string;
  group: PrecedenceGroup;
  position: number;
}

export type SpeakerSide = 'central' | 'host';

/** Folds a Vietnamese title for matching: no diacritics, đ → d, lower case, single spaces. */
export function foldTitle(title: string): string {
  return title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** A programme item is a speaking slot when its title says phát biểu (the programme's own wording). */
export function isSpeakingItem(title: string): boolean {
  return foldTitle(title).includes('phat bieu');
}

/**
 * Who speaks in a slot by custom: the host (the province's leaders, then local officials) opens,
 * welcomes and answers (khai mạc, chào mừng, tiếp thu, cảm ơn); the central delegates speak otherwise
 * (chỉ đạo, and every other phát biểu, such as the delegates' words with their gifts).
 */
export function speakerSide(title: string): SpeakerSide {
  const folded = foldTitle(title);
  return /khai mac|chao mung|tiep thu|cam on|dap tu/.test(folded) ? 'host' : 'central';
}

const HOST_GROUPS: readonly PrecedenceGroup[] = [PrecedenceGroup.ProvincialLeader, PrecedenceGroup.LocalOfficial];

export interface SpeakerChoice {
  itemId: string;
  /** The chosen speaker's key, or null when nobody attending fits. */
  attendeeKey: string | null;
  /** True when the order of precedence proposes it (nobody chose by hand, or the chosen one left). */
  proposed: boolean;
}

/**
 * The speaker of every speaking slot: a hand choice stands while its speaker attends; the other slots
 * take, in programme order, the first attendee in precedence of the slot's side who does not speak yet
 * (hand choices count as speaking). A central slot with no central delegate left falls to nobody (the
 * province decides); a host slot with no provincial leader or local official likewise.
 */
export function chooseSpeakers(items: readonly SpeakingItem[], ranked: readonly RankedPerson[], chosen: ReadonlyMap<string, string>): SpeakerChoice[] {
  const attending = new Set(ranked.map((person) => person.key));
  const speaking = new Set<string>();
  for (const item of items) {
    const key = chosen.get(item.id);
    if (key && attending.has(key)) speaking.add(key);
  }
  const byPrecedence = [...ranked].sort((a, b) => a.position - b.position);
  return items.map((item) => {
    const key = chosen.get(item.id);
    if (key && attending.has(key)) return { itemId: item.id, attendeeKey: key, proposed: false };
    const side = speakerSide(item.title);
    const fits = (person: RankedPerson) => (side === 'host' ? HOST_GROUPS.includes(person.group) : person.group === PrecedenceGroup.Central);
    const next = byPrecedence.find((person) => fits(person) && !speaking.has(person.key));
    if (next) speaking.add(next.key);
    return { itemId: item.id, attendeeKey: next?.key ?? null, proposed: true };
  });
}

export interface GreeterAssignment {
  attendeeKey: string;
  name: string;
}

export type ProtocolRoleChange =
  | { kind: 'speaker_left'; itemId: string; attendeeKey: string }
  | { kind: 'greeter_left'; attendeeKey: string; greeterName: string }
  | { kind: 'greeter_missing'; attendeeKey: string };

/**
 * What the saved speakers and greeters no longer agree with: a chosen speaker who no longer attends
 * (their slot goes back to the proposal), a greeter assigned to someone who no longer comes, and a
 * central delegate (a leader, or a deputy in their place) with nobody to greet them.
 */
export function protocolRoleChanges(
  chosenSpeakers: ReadonlyMap<string, string>,
  greeters: readonly GreeterAssignment[],
  ranked: readonly RankedPerson[],
): ProtocolRoleChange[] {
  const attending = new Set(ranked.map((person) => person.key));
  const changes: ProtocolRoleChange[] = [];
  for (const [itemId, attendeeKey] of chosenSpeakers) {
    if (!attending.has(attendeeKey)) changes.push({ kind: 'speaker_left', itemId, attendeeKey });
  }
  const greeted = new Set<string>();
  for (const greeter of greeters) {
    greeted.add(greeter.attendeeKey);
    if (!attending.has(greeter.attendeeKey)) changes.push({ kind: 'greeter_left', attendeeKey: greeter.attendeeKey, greeterName: greeter.name });
  }
  for (const person of [...ranked].sort((a, b) => a.position - b.position)) {
    if (person.group === PrecedenceGroup.Central && !greeted.has(person.key)) changes.push({ kind: 'greeter_missing', attendeeKey: person.key });
  }
  return changes;
}
