// Which calls the wall shows and for how long the newest one flashes.
import type { CallRecord } from '../../server/realtime/contract.ts';

/** The newest call flashes this long after it (or its recall) reaches the screen. */
export const FLASH_MS = 6_000;
/** Blink period while flashing: slow enough to read, fast enough to catch the eye. */
export const BLINK_MS = 500;

/** The newest call first, then up to `limit` earlier ones, each ticket only once. */
export function callsToShow(calls: CallRecord[], limit = 6): { newest?: CallRecord; earlier: CallRecord[] } {
  const seen = new Set<string>();
  const unique = calls.filter((c) => (seen.has(c.ticketId) ? false : (seen.add(c.ticketId), true)));
  const sorted = [...unique].sort((a, b) => b.at - a.at);
  return { newest: sorted[0], earlier: sorted.slice(1, 1 + limit) };
}

/** Identity of a call as shown: a recall of the same ticket is a new thing to flash. */
export function callKey(c: CallRecord | undefined): string {
  return c ? `${c.ticketId}#${c.recalls}` : '';
}

/**
 * Whether the newest call is drawn "on" at `now`, given when the screen first saw it.
 * Blinks for FLASH_MS, then stays on. A call older than FLASH_MS when the screen learns of it
 * (a page load, a snapshot after a reconnect) does not flash at all: it is not news.
 */
export function flashPhase(seenAt: number | undefined, now: number): { flashing: boolean; on: boolean } {
  if (seenAt === undefined) return { flashing: false, on: true };
  const age = now - seenAt;
  if (age < 0 || age >= FLASH_MS) return { flashing: false, on: true };
  return { flashing: true, on: Math.floor(age / BLINK_MS) % 2 === 0 };
}

/** Whether a call that arrived in a live event is fresh enough to flash (not replayed from long ago). */
export function isFreshCall(c: CallRecord, now: number): boolean {
  return now - c.at < FLASH_MS;
}
