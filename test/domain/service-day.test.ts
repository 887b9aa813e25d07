// The service day and local hour of an instant (from a UTC offset kept per 15-minute slot) against
// a fresh Intl formatter for every answer, over instants near local midnights, across DST changes
// (whole-hour and half-hour ones) and odd offsets, asked in any order and zones interleaved.
import test from 'ava';
import fc from 'fast-check';
import { localHourOf, nextLocalMidnight, serviceDayOf } from '../../server/domain/service-day.ts';

const ZONES = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham'];

/** The reference: the local date written out by a formatter made for this one answer. */
function localDate(at: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month').padStart(2, '0')}-${part('day').padStart(2, '0')}`;
}

test('the service day of instants asked in any order, across local midnights and zones, is the local date', (t) => {
  // 2026-03-08 (a DST change in New York) at 16:00 UTC: midnight in Shanghai, near it elsewhere.
  const base = Date.UTC(2026, 2, 7, 16, 0, 0);
  const instant = fc.oneof(
    fc.integer({ min: -3 * 3600_000, max: 3 * 3600_000 }).map((d) => base + d),
    fc.integer({ min: -2000, max: 2000 }).map((d) => base + d), // within a second or two of Shanghai's midnight
    fc.integer({ min: 0, max: 400 * 86_400_000 }).map((d) => base + d),
  );
  fc.assert(
    fc.property(fc.array(fc.tuple(instant, fc.constantFrom(...ZONES)), { minLength: 1, maxLength: 40 }), (asks) => {
      for (const [at, zone] of asks) if (serviceDayOf(at, zone) !== localDate(at, zone)) return false;
      return true;
    }),
  );
  t.is(serviceDayOf(base - 1, 'Asia/Shanghai'), '2026-03-07');
  t.is(serviceDayOf(base, 'Asia/Shanghai'), '2026-03-08');
});

test('an instant asked right after one close to it (the day kept from the last answer) gets its own local date, also where midnight falls inside a 15-minute slot', (t) => {
  // Monrovia was UTC-0:44:30 until 1972: its midnight fell at 00:44:30 UTC, half way through a slot.
  const zones = [...ZONES, 'Africa/Monrovia'];
  const anchor = fc.oneof(
    fc.integer({ min: 0, max: 400 * 86_400_000 }).map((d) => Date.UTC(2026, 0, 1) + d),
    fc.integer({ min: 0, max: 30 * 86_400_000 }).map((d) => Date.UTC(1970, 5, 1) + d),
  );
  const step = fc.constantFrom(-1, 1, -1000, 1000, -15 * 60_000, 15 * 60_000, -3600_000, 3600_000, -44 * 60_000 - 30_000, 44 * 60_000 + 30_000);
  fc.assert(
    fc.property(anchor, fc.constantFrom(...zones), fc.array(step, { minLength: 1, maxLength: 30 }), (start, zone, steps) => {
      let at = start;
      if (serviceDayOf(at, zone) !== localDate(at, zone)) return false;
      for (const d of steps) {
        at += d;
        if (serviceDayOf(at, zone) !== localDate(at, zone)) return false;
      }
      return true;
    }),
  );
  // Either side of Monrovia's midnight on 1970-06-02 (00:44:30 UTC), asked one after the other.
  const midnight = Date.UTC(1970, 5, 2, 0, 44, 30);
  t.is(serviceDayOf(midnight - 1, 'Africa/Monrovia'), '1970-06-01');
  t.is(serviceDayOf(midnight, 'Africa/Monrovia'), '1970-06-02');
  t.is(serviceDayOf(midnight - 1, 'Africa/Monrovia'), '1970-06-01');
});

/** The reference: the local hour written out by a formatter made for this one answer. */
function hourThere(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' }).formatToParts(at);
  return Number(parts.find((p) => p.type === 'hour')!.value);
}

// DST changes: New York (02:00 → 03:00 on 2026-03-08, 02:00 → 01:00 on 2026-11-01), Lord Howe's
// half-hour ones (2026-04-05 02:00 → 01:30, 2026-10-04 02:00 → 02:30), Chatham's +13:45 → +12:45,
// and Blantyre's +2:10:18 → +2:00 at 1908-12-31 21:49:42 UTC: a change in the middle of a
// 15-minute slot of UTC time, after which the old offset would read the next local day.
const BLANTYRE_1908 = Date.UTC(1908, 11, 31, 21, 49, 42);
const CHANGES = [Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 10, 1, 6), Date.UTC(2026, 3, 4, 15), Date.UTC(2026, 9, 3, 15, 30), Date.UTC(2026, 3, 4, 14), BLANTYRE_1908];
const ZONES_AND_BLANTYRE = [...ZONES, 'Africa/Blantyre'];

test('the local hour and day of instants around DST changes and midnights, in any order and zone, are what Intl says', (t) => {
  const instant = fc.oneof(
    fc.tuple(fc.constantFrom(...CHANGES), fc.integer({ min: -2 * 3600_000, max: 2 * 3600_000 })).map(([c, d]) => c + d),
    fc.tuple(fc.constantFrom(...CHANGES), fc.integer({ min: -3000, max: 3000 })).map(([c, d]) => c + d), // a few seconds either side
    fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
  );
  fc.assert(
    fc.property(fc.array(fc.tuple(instant, fc.constantFrom(...ZONES_AND_BLANTYRE)), { minLength: 1, maxLength: 60 }), (asks) => {
      for (const [at, zone] of asks) {
        if (localHourOf(at, zone) !== hourThere(at, zone)) return false;
        if (serviceDayOf(at, zone) !== localDate(at, zone)) return false;
      }
      return true;
    }),
    { numRuns: 300 },
  );
  // New York skips 02:00 on 2026-03-08 and repeats 01:00 on 2026-11-01.
  t.is(localHourOf(Date.UTC(2026, 2, 8, 7) - 1, 'America/New_York'), 1);
  t.is(localHourOf(Date.UTC(2026, 2, 8, 7), 'America/New_York'), 3);
  t.is(localHourOf(Date.UTC(2026, 10, 1, 6) - 1, 'America/New_York'), 1);
  t.is(localHourOf(Date.UTC(2026, 10, 1, 6), 'America/New_York'), 1);
  t.is(localHourOf(Date.UTC(2026, 10, 1, 7), 'America/New_York'), 2);
  // Blantyre: the slot holding its change, asked first before the change (its offset must not be kept for the slot).
  const slotEnd = Date.UTC(1908, 11, 31, 22, 0, 0);
  t.is(serviceDayOf(BLANTYRE_1908 - 1000, 'Africa/Blantyre'), '1908-12-31'); // 23:59:59 local
  t.is(serviceDayOf(slotEnd - 1000, 'Africa/Blantyre'), '1908-12-31'); // 23:59:59 again, on the new offset
  t.is(localHourOf(slotEnd - 1000, 'Africa/Blantyre'), 23);
  t.is(serviceDayOf(slotEnd + 10 * 60_000, 'Africa/Blantyre'), '1909-01-01');
});

test('the next local midnight is the first instant of the next service day, across DST changes', (t) => {
  fc.assert(
    fc.property(fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }), fc.constantFrom(...ZONES), (at, zone) => {
      const m = nextLocalMidnight(at, zone);
      return localDate(m - 1, zone) === localDate(at, zone) && localDate(m, zone) !== localDate(at, zone) && hourThere(m, zone) === 0;
    }),
    { numRuns: 200 },
  );
  t.pass();
});
