// The service day of an instant (kept per time zone for the last second asked) against a fresh
// Intl formatter for every answer, over instants near local midnights and interleaved time zones.
import test from 'ava';
import fc from 'fast-check';
import { serviceDayOf } from '../../server/domain/service-day.ts';

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
