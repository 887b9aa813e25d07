// Service days are local dates in the hall's time zone; numbers restart at local midnight.
//
// Every command asks for the day (decide's dayDue), and the metrics ask for the local hour of each
// ticket they fold: an Intl format per question would cost more than the rest of a small command.
// So the zone's UTC offset is kept per 15-minute slot of UTC time, read from Intl once per slot; the
// local date and hour are then plain arithmetic. A slot is kept only when its first and last second
// have the same offset: the tz database changes a zone's offset at whole seconds and never twice
// within 15 minutes, so every instant of such a slot has that offset. A slot with a change in it
// (a DST switch) is never kept: each instant of it is read from Intl, exact on either side.

const SLOT_MS = 15 * 60_000;
/** Slots kept per zone before the oldest are dropped: 20 days of questions about any instant. */
const SLOTS_KEPT = 2000;
/** Outside these years the offset arithmetic is not used (Date.UTC's two-digit years, eras): Intl answers each. */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2200;

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

/** The local wall-clock time at `at`, as if it were UTC (ms), from Intl: whole seconds. */
function wallClockOf(at: number, timeZone: string): { wall: number; year: number } {
  const p: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { wall: Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!), year: p.year! };
}

/** Local time minus UTC at `at` (ms), from Intl; undefined outside the years the arithmetic serves. */
function offsetFromIntl(at: number, timeZone: string): number | undefined {
  const second = Math.floor(at / 1000) * 1000;
  const { wall, year } = wallClockOf(second, timeZone);
  return year >= FIRST_YEAR && year <= LAST_YEAR ? wall - second : undefined;
}

/** Per zone: slot number → the offset of every instant in it. */
const slotOffsets = new Map<string, Map<number, number>>();

function offsetAt(at: number, timeZone: string): number | undefined {
  const slot = Math.floor(at / SLOT_MS);
  let slots = slotOffsets.get(timeZone);
  const kept = slots?.get(slot);
  if (kept !== undefined) return kept;
  const first = offsetFromIntl(slot * SLOT_MS, timeZone);
  const last = offsetFromIntl((slot + 1) * SLOT_MS - 1, timeZone);
  if (first === undefined || first !== last) return offsetFromIntl(at, timeZone);
  if (!slots) slotOffsets.set(timeZone, (slots = new Map()));
  if (slots.size >= SLOTS_KEPT) slots.clear();
  slots.set(slot, first);
  return first;
}

const DAY_MS = 86_400_000;
/** Local day number (days since 1970-01-01 on the local calendar) → "YYYY-MM-DD". */
const dayNames = new Map<number, string>();

function dayName(localDay: number): string {
  let name = dayNames.get(localDay);
  if (name === undefined) {
    name = new Date(localDay * DAY_MS).toISOString().slice(0, 10);
    if (dayNames.size >= SLOTS_KEPT) dayNames.clear();
    dayNames.set(localDay, name);
  }
  return name;
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** Straight from Intl, for instants the offset arithmetic does not serve. */
function dayFromIntl(at: number, timeZone: string): string {
  let f = dayFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, f);
  }
  return f.format(at);
}

/** The last day answered and the instants [from, to) it holds for: within one kept slot (one
 * offset) and one local day. Every command asks twice about the same instant (the engine's
 * day check and decide's), and a hall's commands come minutes apart at most. */
let lastDay = { timeZone: '', from: 0, to: 0, day: '' };

/** "2026-11-27" for the instant `at` in `timeZone`. */
export function serviceDayOf(at: number, timeZone: string): string {
  const last = lastDay;
  if (at >= last.from && at < last.to && last.timeZone === timeZone) return last.day;
  const offset = offsetAt(at, timeZone);
  if (offset === undefined) return dayFromIntl(at, timeZone);
  const local = Math.floor((at + offset) / DAY_MS);
  const day = dayName(local);
  const slot = Math.floor(at / SLOT_MS);
  // Only a kept slot has one offset for every instant of it (a slot with a DST change is never kept).
  if (slotOffsets.get(timeZone)?.get(slot) === offset) {
    lastDay = { timeZone, from: Math.max(slot * SLOT_MS, local * DAY_MS - offset), to: Math.min((slot + 1) * SLOT_MS, (local + 1) * DAY_MS - offset), day };
  }
  return day;
}

/** Local time minus UTC (ms) at `at` in `timeZone`; from Intl (exact) outside the years kept per slot. */
export function utcOffsetAt(at: number, timeZone: string): number {
  return offsetAt(at, timeZone) ?? wallClockOf(at, timeZone).wall - Math.floor(at / 1000) * 1000;
}

/** Local hour 0-23 of `at` in `timeZone`. */
export function localHourOf(at: number, timeZone: string): number {
  const offset = offsetAt(at, timeZone);
  if (offset === undefined) return new Date(wallClockOf(at, timeZone).wall).getUTCHours();
  const wall = at + offset;
  return Math.floor((wall - Math.floor(wall / DAY_MS) * DAY_MS) / 3_600_000);
}

/** Epoch ms of the next local midnight after `at` (searches, so it is right across DST changes). */
export function nextLocalMidnight(at: number, timeZone: string): number {
  const today = serviceDayOf(at, timeZone);
  let lo = at;
  let hi = at + 26 * 3600_000;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (serviceDayOf(mid, timeZone) === today) lo = mid;
    else hi = mid;
  }
  return hi;
}
