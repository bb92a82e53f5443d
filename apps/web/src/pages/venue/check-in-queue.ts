/**
 * Check-ins a phone at the venue's door could not send (no signal in the commune hall): kept in the
 * tab's local storage per venue, sent in order when the connection is back. Each is idempotent on the
 * server (one check-in per pass, at the scan's time), so sending one twice is harmless.
 */
export interface QueuedCheckIn {
  code: string;
  /** When it was scanned or typed (ISO instant): the check-in's time, whenever it is sent. */
  scannedAt: string;
}

export type SendResult = { ok: true; message: string } | { ok: false; network: true } | { ok: false; network: false; message: string };

export interface FlushReport {
  sent: string[];
  refused: string[];
  left: QueuedCheckIn[];
}

interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function isQueuedCheckIn(item: unknown): item is QueuedCheckIn {
  if (typeof item !== 'object' || item === null) return false;
  const { code, scannedAt } = item as Record<string, unknown>;
  return typeof code === 'string' && typeof scannedAt === 'string';
}

const keyOf = (venueId: string) => `ngayhoi.check-ins.${venueId}`;

export function queued(store: KeyValueStore, venueId: string): QueuedCheckIn[] {
  try {
    const parsed: unknown = JSON.parse(store.getItem(keyOf(venueId)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isQueuedCheckIn) : [];
  } catch {
    return [];
  }
}

/** Queues a check-in; the same code twice is one (the first scan's time stands, as on the server). */
export function enqueue(store: KeyValueStore, venueId: string, checkIn: QueuedCheckIn): QueuedCheckIn[] {
  const sameCode = (a: string, b: string) => a.replace(/[\s-]/g, '').toUpperCase() === b.replace(/[\s-]/g, '').toUpperCase();
  const current = queued(store, venueId);
  const next = current.some((item) => sameCode(item.code, checkIn.code)) ? current : [...current, checkIn];
  store.setItem(keyOf(venueId), JSON.stringify(next));
  return next;
}

/**
 * Sends the queue in order: a sent or refused check-in leaves it (a refusal will not change by sending
 * it again), a network failure stops the flush and keeps the rest for the next try.
 */
export async function flush(store: KeyValueStore, venueId: string, send: (item: QueuedCheckIn) => Promise<SendResult>): Promise<FlushReport> {
  const items = queued(store, venueId);
  const report: FlushReport = { sent: [], refused: [], left: [] };
  for (let index = 0; index < items.length; index++) {
    const result = await send(items[index]);
    if (result.ok) report.sent.push(result.message);
    else if (!result.network) report.refused.push(`${items[index].code}: ${result.message}`);
    else {
      report.left = items.slice(index);
      break;
    }
  }
  store.setItem(keyOf(venueId), JSON.stringify(report.left));
  return report;
}
