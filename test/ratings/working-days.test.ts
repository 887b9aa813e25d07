// Working days over weekends, public holidays and make-up working days (调休上班). Expected dates
// are read off a calendar by hand, not computed.
import test from 'ava';
import { addWorkingDays, isWorkingDay } from '../../server/domain/working-days.ts';
import { workingDayDeadline } from '../../server/ratings/working-days.ts';
import { localToEpoch } from '../../server/appointments/local-time.ts';

// The 2026 National Day holiday as the demo hall has it, with two make-up Saturdays/Sundays.
const cal = { holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2027-01-01'], workdays: ['2026-09-27', '2026-10-10'] };

test('Friday + 1 working day is Monday', (t) => {
  t.is(addWorkingDays('2026-11-27', 1, cal), '2026-11-30');
});

test('a Saturday or Sunday given counts from the next working day', (t) => {
  t.is(addWorkingDays('2026-11-28', 1, cal), '2026-11-30');
  t.is(addWorkingDays('2026-11-29', 1, cal), '2026-11-30');
});

test('holidays are skipped: the day before New Year + 1 is the Monday after', (t) => {
  t.is(addWorkingDays('2026-12-31', 1, cal), '2027-01-04');
  t.is(addWorkingDays('2026-09-30', 1, cal), '2026-10-05');
});

test('make-up working days count, though they fall on a weekend', (t) => {
  t.true(isWorkingDay('2026-09-27', cal)); // a Sunday
  t.false(isWorkingDay('2026-09-26', cal)); // the Saturday before
  t.is(addWorkingDays('2026-09-26', 1, cal), '2026-09-27');
  t.is(addWorkingDays('2026-10-09', 1, cal), '2026-10-10'); // Friday → the make-up Saturday
  t.is(addWorkingDays('2026-09-25', 3, cal), '2026-09-29'); // Fri → Sun (make-up), Mon, Tue
});

test('several working days', (t) => {
  t.is(addWorkingDays('2026-11-30', 3, cal), '2026-12-03');
  t.is(addWorkingDays('2026-11-30', 5, cal), '2026-12-07');
});

test('the deadline is the local midnight that ends the last working day', (t) => {
  t.is(workingDayDeadline('2026-11-27', 1, cal, 'Asia/Shanghai'), localToEpoch('2026-12-01', 0, 'Asia/Shanghai'));
  t.is(workingDayDeadline('2026-11-27', 1, cal, 'Asia/Shanghai'), Date.UTC(2026, 10, 30, 16, 0));
});
