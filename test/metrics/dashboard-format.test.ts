// The dashboard's pure helpers, without a DOM.
import test from 'ava';
import { hourRange, localDate, pct, rateLevel } from '../../displays/metrics/dashboard/format.ts';

test('hour axis spans at least 08-17 and keeps the figures of the hours that had any', (t) => {
  const hours = hourRange([{ hour: '07', issued: 3, waitMean: 1.5 }, { hour: '10', issued: 9, waitMean: 4 }]);
  t.deepEqual(hours.map((h) => h.hour), ['07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17']);
  t.like(hours[3], { issued: 9, waitMean: 4 });
  t.like(hours[1], { issued: 0, waitMean: null });
});

test('rates, levels against the goal and local dates', (t) => {
  t.is(pct(0.8906), '89.1%');
  t.is(pct(null), '—');
  t.is(rateLevel(0.95), 'good');
  t.is(rateLevel(0.85), 'warn');
  t.is(rateLevel(0.5), 'bad');
  t.is(rateLevel(null), 'none');
  // 23:30 UTC on the 26th is already the 27th in Shanghai
  t.is(localDate(Date.UTC(2026, 10, 26, 23, 30), 'Asia/Shanghai'), '2026-11-27');
});
