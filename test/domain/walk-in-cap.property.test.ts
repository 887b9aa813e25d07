// The hourly walk-in count the cap reads (kept per 15-minute slot by evolve) against the issued
// events of the log, read with a fresh Intl formatter: walk-ins (not green, not booked) issued today,
// less than an hour ago, in the same local clock hour as now. Over random issuing across local
// hours, midnights (the day rolls) and DST changes, in zones with whole, half and quarter-hour offsets.
import test from 'ava';
import fc from 'fast-check';
import type { StoredEvent } from '../../server/domain/events.ts';
import { hallTime } from '../../server/domain/decide.ts';
import { restoreState } from '../../server/domain/restore.ts';
import { walkInsThisHour } from '../../server/domain/walk-in-cap.ts';
import type { HallState, Lane } from '../../server/domain/types.ts';
import { Scenario, smallHall } from '../helpers/decider.ts';

const hourThere = (at: number, timeZone: string) =>
  Number(new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' }).formatToParts(at).find((p) => p.type === 'hour')!.value);

/** The reference count, from the log: only tickets issued since the last day started are today's. */
function walkInsFromLog(log: StoredEvent[], timeZone: string, now: number): number {
  const dayStart = log.findLastIndex((e) => e.type === 'day:started');
  let n = 0;
  for (const e of log.slice(dayStart + 1)) {
    if (e.type !== 'ticket:issued') continue;
    const t = e.data.ticket;
    if (t.lane === 'green' || t.appointmentId) continue;
    if (now - t.issuedAt < 3_600_000 && hourThere(t.issuedAt, timeZone) === hourThere(now, timeZone)) n++;
  }
  return n;
}

// Starts: New York's fall-back night (01:00 comes twice) and spring-forward, Shanghai before
// midnight, Kathmandu (+5:45) and Lord Howe (+10:30/+11) mid-day, Chatham (+13:45) at a change.
const STARTS: [string, number][] = [
  ['America/New_York', Date.UTC(2026, 10, 1, 4, 20)],
  ['America/New_York', Date.UTC(2026, 2, 8, 5, 50)],
  ['Asia/Shanghai', Date.UTC(2026, 10, 27, 14, 40)],
  ['Asia/Kathmandu', Date.UTC(2026, 10, 27, 3, 5)],
  ['Australia/Lord_Howe', Date.UTC(2026, 3, 4, 14, 10)],
  ['Pacific/Chatham', Date.UTC(2026, 3, 4, 13, 0)],
];

const step = fc.record({
  gapMs: fc.oneof(fc.integer({ min: 0, max: 120_000 }), fc.integer({ min: 0, max: 40 * 60_000 })),
  lane: fc.constantFrom<Lane>('normal', 'normal', 'elderly', 'green'),
  booked: fc.boolean(),
  serviceId: fc.constantFrom('biz', 'soc'),
});

test('the walk-ins of this local hour are the log’s, across hours, midnights and DST changes', (t) => {
  fc.assert(
    fc.property(fc.constantFrom(...STARTS), fc.array(step, { minLength: 1, maxLength: 80 }), ([timeZone, start], steps) => {
      const s = new Scenario({ ...smallHall, timeZone }, start);
      for (const [i, st] of steps.entries()) {
        s.advance(st.gapMs);
        s.run({ type: 'issue', serviceId: st.serviceId, lane: st.lane, ...(st.booked ? { appointmentId: `bk${i}` } : {}) });
        const now = hallTime(s.state, s.now + st.gapMs / 2);
        if (walkInsThisHour(s.state, timeZone, now) !== walkInsFromLog(s.log, timeZone, now)) return false;
      }
      return true;
    }),
    { numRuns: 150 },
  );
  t.pass();
});

test('a state restored without the slots (an older snapshot) still counts this hour’s walk-ins', (t) => {
  const s = new Scenario({ ...smallHall, timeZone: 'Asia/Shanghai' }, Date.parse('2026-11-27T09:10:00+08:00'));
  for (const lane of ['normal', 'elderly', 'green', 'normal'] as const) s.advance(60_000).issue('biz', lane);
  const { walkIns, ...older } = s.state;
  t.truthy(walkIns);
  t.is(walkInsThisHour(older, 'Asia/Shanghai', s.now), 3);
  t.is(walkInsThisHour(s.state, 'Asia/Shanghai', s.now), 3);
});

test('a state saved when the slots were a record by slot number restores, counts this hour’s walk-ins and keeps counting new ones', (t) => {
  const s = new Scenario({ ...smallHall, timeZone: 'Asia/Shanghai' }, Date.parse('2026-11-27T09:10:00+08:00'));
  for (const lane of ['normal', 'elderly', 'green', 'normal'] as const) s.advance(60_000).issue('biz', lane);
  // What the older version saved: three walk-ins in the slot of 09:00-09:15 local time.
  const slot = Math.floor(Date.parse('2026-11-27T09:10:00+08:00') / (15 * 60_000));
  const saved = JSON.parse(JSON.stringify({ ...s.state, walkIns: { [slot]: 3 } })) as HallState;
  s.state = restoreState(saved);
  t.is(walkInsThisHour(s.state, 'Asia/Shanghai', s.now), walkInsFromLog(s.log, 'Asia/Shanghai', s.now));
  s.advance(60_000).issue('soc', 'normal');
  t.is(walkInsThisHour(s.state, 'Asia/Shanghai', s.now), 4);
  t.is(walkInsFromLog(s.log, 'Asia/Shanghai', s.now), 4);
});
