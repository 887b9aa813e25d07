// The simulator's standalone HTML report: the day's figures, charts and the prediction error.
import type { HallConfig } from '../domain/types.ts';
import { buildReport, periodSummary } from '../metrics/report.ts';
import type { SimulatedDay } from './run-day.ts';
import { bars, scatter } from './svg.ts';
import { describeTruth } from './truth.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const num = (x: number | null) => (x === null ? '—' : x.toFixed(1));
const LANE_COLORS: Record<string, string> = { green: '#16a34a', appointment: '#9333ea', elderly: '#ea580c', normal: '#2563eb' };

export function simulationHtml(hall: HallConfig, sim: SimulatedDay, meta: { seed: number; wallMs: number }): string {
  const byService = buildReport(hall, sim.result, 'service', sim.day, sim.day);
  const byHour = buildReport(hall, sim.result, 'hour', sim.day, sim.day);
  const byLane = buildReport(hall, sim.result, 'lane', sim.day, sim.day);
  const summary = periodSummary(hall, sim.result, sim.day, sim.day);
  const waits = sim.predictions.filter((p) => p.actualMs !== null).map((p) => p.actualMs! / 60_000);
  const buckets = Array.from({ length: 16 }, (_, i) => ({ label: i < 15 ? `${i * 2}` : '30+', value: 0 }));
  for (const w of waits) buckets[Math.min(15, Math.floor(w / 2))]!.value++;
  const points = sim.predictions
    .filter((p) => p.actualMs !== null && p.estimateMs !== null)
    .map((p) => ({ x: p.estimateMs! / 60_000, y: p.actualMs! / 60_000, color: LANE_COLORS[p.lane] }));
  const row = (cells: (string | number)[], tag = 'td') => `<tr>${cells.map((c) => `<${tag}>${typeof c === 'number' ? c : esc(c)}</${tag}>`).join('')}</tr>`;
  const figRows = (rows: typeof byService.groups) =>
    rows
      .map((g) => row([g.label, g.issued, g.called, g.served, g.noShow, g.transferred, num(g.wait.mean), num(g.wait.median), num(g.wait.p90), num(g.wait.max), num(g.service.mean), pct(g.zeroWaitRate)]))
      .join('');
  const head = row(['', 'issued', 'called', 'served', 'no-show', 'transferred', 'wait mean', 'median', 'p90', 'max', 'service mean', 'zero-wait'], 'th');
  const e = sim.error;
  const b = sim.baselineError;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Simulated day ${esc(sim.day)} · ${esc(hall.name.zh)}</title>
<style>
body{font-family:"WenQuanYi Zen Hei","Noto Sans CJK SC",sans-serif;margin:24px;color:#0f1b2d;background:#f8fafc}
table{border-collapse:collapse;margin:8px 0 20px;font-size:13px;background:#fff}
td,th{border:1px solid #e2e8f0;padding:4px 8px;text-align:right}td:first-child,th:first-child{text-align:left}
.grid{display:flex;flex-wrap:wrap;gap:16px}.card{background:#fff;padding:12px;border-radius:8px;box-shadow:0 1px 3px #0002}
</style></head><body>
<h1>模拟营业日 Simulated day — ${esc(hall.name.zh)} / ${esc(hall.name.en)}, ${esc(sim.day)}</h1>
<p>${esc(summary.text.zh)}<br>${esc(summary.text.en)}</p>
<p>Seed ${meta.seed}; ${sim.events} events through the real engine in ${meta.wallMs} ms. The day's truth (the estimator starts from the hall file's averages): ${esc(describeTruth(hall, sim.truth))}.</p>
<h2>等候预测误差 Wait prediction error</h2>
<table>${row(['', 'tickets', 'MAE (min)', 'within ±20% or ±2 min', 'bias (min, + = pessimistic)'], 'th')}
${row(['estimator (API)', e.n, e.maeMinutes.toFixed(2), pct(e.withinShare), e.biasMinutes.toFixed(2)])}
${row(['naive: ahead × avg / open windows', b.n, b.maeMinutes.toFixed(2), pct(b.withinShare), b.biasMinutes.toFixed(2)])}</table>
<div class="grid">
<div class="card">${bars(
    byHour.groups.map((g) => ({ label: g.key, value: g.issued, line: g.wait.mean })),
    { title: 'Tickets issued per hour (bars) and mean wait, min (line)', lineLabel: ' min' },
  )}</div>
<div class="card">${bars(buckets, { title: 'Wait distribution (2-minute buckets)', color: '#8b5cf6' })}</div>
<div class="card">${scatter(points, { title: 'Estimate vs actual wait (green band: ±2 min)' })}</div>
<div class="card">${bars(
    byService.groups.map((g) => ({ label: g.key, value: g.zeroWaitRate ?? 0, mark: 0.9 })),
    { title: 'Zero-wait rate per service (bar) against the 90% goal (mark)', max: 1, color: '#16a34a', format: (v) => `${Math.round(v * 100)}%` },
  )}</div>
<div class="card">${bars(
    byService.windows.map((w) => ({ label: w.windowId, value: w.utilisation ?? 0 })),
    { title: 'Window utilisation (busy / open)', max: 1, color: '#0ea5e9', format: (v) => `${Math.round(v * 100)}%` },
  )}</div>
</div>
<h2>按业务 By service</h2><table>${head}${figRows(byService.groups)}${figRows([byService.total])}</table>
<h2>按通道 By lane</h2><table>${head}${figRows(byLane.groups)}</table>
<h2>按时段 By hour</h2><table>${head}${figRows(byHour.groups)}</table>
<h2>窗口 Windows</h2><table>${row(['window', 'calls', 'served', 'open min', 'busy min', 'idle min', 'utilisation'], 'th')}
${byService.windows.map((w) => row([w.windowId, w.calls, w.served, w.openMinutes.toFixed(0), w.busyMinutes.toFixed(0), w.idleMinutes.toFixed(0), pct(w.utilisation)])).join('')}</table>
<h2>人员 Clerks</h2><table>${row(['clerk', 'served', 'mean service min'], 'th')}${byService.clerks.map((c) => row([c.name, c.served, num(c.meanServiceMinutes)])).join('')}</table>
</body></html>
`;
}
