// Reports over a multi-day range: JSON and CSV columns, totals that equal the sum of the groups,
// and days and hours in the hall's time zone (tickets before 08:00 in Shanghai fall on the
// previous UTC date and must still count for their local day).
import test from 'ava';
import { loadDeploymentFile } from '../../server/config/load.ts';
import { DIMENSIONS } from '../../server/metrics/day-fold.ts';
import { startOfLocalDay } from '../../server/metrics/days.ts';
import { ReportSource } from '../../server/metrics/report-source.ts';
import { buildReport, CSV_COLUMNS, periodSummary, reportCsv } from '../../server/metrics/report.ts';
import { loadSimulationConfig } from '../../server/simulator/config.ts';
import { simulateDays } from '../../server/simulator/run-day.ts';
import { SqliteEventStore } from '../../server/store/sqlite.ts';

const hall = loadDeploymentFile(new URL('../../config/demo-hall.yaml', import.meta.url).pathname).halls[0]!;
const config = {
  ...loadSimulationConfig(new URL('../../config/simulation.yaml', import.meta.url).pathname),
  open: '06:00',
  lastTicket: '11:00',
  arrivalsPerHour: { '06': 12, '07': 12, '08': 20, '09': 25, '10': 20 },
};
const DAYS = ['2026-11-27', '2026-11-28', '2026-11-29'];
const COUNTS = ['issued', 'called', 'served', 'noShow', 'transferred', 'cancelled', 'elderlyServed', 'greenIssued', 'appointmentIssued', 'withinTarget'] as const;

async function history() {
  const store = new SqliteEventStore(':memory:');
  const days = await simulateDays({ config, hall, store }, DAYS);
  // "Now" is the morning after the last day: every day in the range is closed.
  const source = new ReportSource(store, { now: () => startOfLocalDay('2026-11-30', hall.timeZone) + 9 * 3600_000 });
  return { store, days, source };
}

test('JSON report over three days: groups add up to the total for every dimension', async (t) => {
  const { store, days, source } = await history();
  t.teardown(() => store.close());
  const result = await source.range(hall, '2026-11-26', '2026-11-30');
  for (const groupBy of DIMENSIONS) {
    const r = buildReport(hall, result, groupBy, '2026-11-26', '2026-11-30');
    t.like(r, { hallId: 'district', timeZone: 'Asia/Shanghai', from: '2026-11-26', to: '2026-11-30', groupBy });
    for (const k of COUNTS) t.is(r.groups.reduce((s, g) => s + g[k], 0), r.total[k], `${groupBy}.${k}`);
    for (const k of ['wait', 'walk', 'service'] as const) t.is(r.groups.reduce((s, g) => s + g[k].count, 0), r.total[k].count, `${groupBy}.${k}.count`);
  }
  const byDay = buildReport(hall, result, 'day', '2026-11-26', '2026-11-30');
  // Local dates only: the 06:00-08:00 tickets are on the previous UTC date but on their local day.
  t.deepEqual(byDay.groups.map((g) => g.key), DAYS);
  days.forEach((d, i) => t.is(byDay.groups[i]!.issued, d.result.total.issued));
  const byHour = buildReport(hall, result, 'hour', '2026-11-26', '2026-11-30');
  t.deepEqual(byHour.groups.map((g) => g.key).slice(0, 2), ['06', '07']);
  t.true(byHour.groups[0]!.issued > 0);
  t.is(byDay.total.issued, days.reduce((s, d) => s + d.result.total.issued, 0));

  const summary = periodSummary(hall, result, '2026-11-26', '2026-11-30');
  t.like(summary, { days: 3, received: byDay.total.issued, completed: byDay.total.served, noShows: byDay.total.noShow, greenChannelUses: byDay.total.greenIssued, elderlyServed: byDay.total.elderlyServed });
  t.regex(summary.busiestHour!, /^\d{2}:00-\d{2}:59$/);
  t.is(summary.busiestHourTickets, Math.max(...byHour.groups.map((g) => g.issued)));
});

test('CSV report: the documented columns, a row per group and a TOTAL row that is their sum', async (t) => {
  const { store, source } = await history();
  t.teardown(() => store.close());
  const r = buildReport(hall, await source.range(hall, '2026-11-27', '2026-11-29'), 'service', '2026-11-27', '2026-11-29');
  const csv = reportCsv(r);
  const lines = csv.trimEnd().split('\r\n');
  t.is(lines[0], CSV_COLUMNS.join(','));
  t.is(lines.length, 1 + r.groups.length + 1);
  const rows = lines.slice(1).map((l) => l.split(','));
  t.true(rows.every((cells) => cells.length === CSV_COLUMNS.length), 'no stray commas in labels');
  const total = rows.at(-1)!;
  t.is(total[0], 'TOTAL');
  for (const col of ['issued', 'called', 'served', 'no_show', 'transferred', 'cancelled', 'within_target'] as const) {
    const i = CSV_COLUMNS.indexOf(col);
    t.is(rows.slice(0, -1).reduce((s, cells) => s + Number(cells[i]), 0), Number(total[i]), col);
  }
  t.is(rows[0]![0], 'business');
  t.regex(rows[0]![1]!, /企业开办/);
});

test('closed days are folded once and then served from the cache', async (t) => {
  const { store, source } = await history();
  t.teardown(() => store.close());
  const first = await source.range(hall, '2026-11-27', '2026-11-29');
  t.is(source.reads, 3);
  const again = await source.range(hall, '2026-11-27', '2026-11-29');
  t.is(source.reads, 3);
  t.deepEqual(again, first);
  await source.range(hall, '2026-11-28', '2026-11-30');
  t.is(source.reads, 4, 'only the day not seen yet is read');
});
