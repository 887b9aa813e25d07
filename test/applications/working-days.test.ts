// Promised dates in working days across the National Day holiday of 2026 (Oct 1–7 off, make-up
// working days on Sunday Sep 27 and Saturday Oct 10), checked by hand-worked examples and against
// a reference model that walks a calendar table written out in the test.
import test from 'ava';
import fc from 'fast-check';
import { addWorkingDays, isWorkingDay, workingDaysBetween, type WorkingCalendar } from '../../server/domain/working-days.ts';

const NATIONAL_DAY: WorkingCalendar = {
  holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
  workdays: ['2026-09-27', '2026-10-10'],
};
const PLAIN: WorkingCalendar = { holidays: [], workdays: [] };

test('examples worked by hand across the National Day holiday', (t) => {
  // Wed Sep 30 + 3: Oct 1–7 off, Thu 8 (1), Fri 9 (2), Sat 10 make-up (3).
  t.is(addWorkingDays('2026-09-30', 3, NATIONAL_DAY), '2026-10-10');
  // Fri Sep 25 + 1: Saturday off, Sunday 27 is a make-up working day.
  t.is(addWorkingDays('2026-09-25', 1, NATIONAL_DAY), '2026-09-27');
  // Without the holiday calendar, the same count ends on a plain weekday.
  t.is(addWorkingDays('2026-09-30', 3, PLAIN), '2026-10-05');
  t.is(addWorkingDays('2026-09-25', 1, PLAIN), '2026-09-28');
  // Fri Oct 9 + 1 is the Saturday make-up day; + 2 is Monday 12.
  t.is(addWorkingDays('2026-10-09', 1, NATIONAL_DAY), '2026-10-10');
  t.is(addWorkingDays('2026-10-09', 2, NATIONAL_DAY), '2026-10-12');
  // On the spot (即办): the day of receipt, even on a holiday when the hall happens to be open.
  t.is(addWorkingDays('2026-10-01', 0, NATIONAL_DAY), '2026-10-01');
  // 20 working days from Sep 30: Oct 8, 9, 10, 12–16 (8), 19–23 (13), 26–30 (18), Nov 2, 3 (20).
  t.is(addWorkingDays('2026-09-30', 20, NATIONAL_DAY), '2026-11-03');
  t.false(isWorkingDay('2026-10-05', NATIONAL_DAY));
  t.true(isWorkingDay('2026-10-10', NATIONAL_DAY));
  t.is(workingDaysBetween('2026-09-30', '2026-10-12', NATIONAL_DAY), 4);
});

test('a negative or fractional limit is refused', (t) => {
  t.throws(() => addWorkingDays('2026-09-30', -1, PLAIN), { instanceOf: RangeError });
  t.throws(() => addWorkingDays('2026-09-30', 1.5, PLAIN), { instanceOf: RangeError });
});

// The reference: a table of every day of Sep–Dec 2026 with its weekday counted from a known Monday
// (2026-09-07), so it shares no date arithmetic with the code under test.
const DAYS_IN = { 9: 30, 10: 31, 11: 30, 12: 31 } as const;
const TABLE: { day: string; working: boolean }[] = [];
{
  let weekdayIndex = 0; // 0 = Monday for 2026-09-07
  for (const [month, last] of Object.entries(DAYS_IN))
    for (let d = 1; d <= last; d++) {
      if (Number(month) === 9 && d < 7) continue;
      const day = `2026-${month.padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      const weekend = weekdayIndex % 7 >= 5;
      const working = NATIONAL_DAY.workdays.includes(day) || (!weekend && !NATIONAL_DAY.holidays.includes(day));
      TABLE.push({ day, working });
      weekdayIndex++;
    }
}

function referenceAdd(start: number, n: number): string {
  if (n === 0) return TABLE[start]!.day;
  let seen = 0;
  for (let i = start + 1; i < TABLE.length; i++) if (TABLE[i]!.working && ++seen === n) return TABLE[i]!.day;
  throw new Error('past the table');
}

test('property: the promised date is the nth working day after receipt in the reference calendar', (t) => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 25 }), (start, n) => {
      const got = addWorkingDays(TABLE[start]!.day, n, NATIONAL_DAY);
      return got === referenceAdd(start, n);
    }),
    { numRuns: 500 },
  );
  t.pass();
});
