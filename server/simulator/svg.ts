// Inline SVG charts as strings, for the simulator's standalone HTML report.
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const f1 = (x: number) => (Math.round(x * 10) / 10).toString();

export interface BarSpec {
  label: string;
  value: number;
  line?: number | null;
  mark?: number | null;
}

/** Bars (left axis), an optional line series (right axis) and optional per-bar target marks. */
export function bars(data: BarSpec[], o: { title: string; color?: string; lineColor?: string; max?: number; lineLabel?: string; width?: number; height?: number; format?: (v: number) => string }): string {
  const W = o.width ?? 640;
  const H = o.height ?? 240;
  const p = { l: 40, r: 40, t: 28, b: 36 };
  const max = o.max ?? Math.max(1, ...data.map((d) => Math.max(d.value, d.mark ?? 0)));
  const lmax = Math.max(1, ...data.map((d) => d.line ?? 0));
  const bw = (W - p.l - p.r) / Math.max(1, data.length);
  const y = (v: number) => H - p.b - (v / max) * (H - p.t - p.b);
  const yl = (v: number) => H - p.b - (v / lmax) * (H - p.t - p.b);
  const fmt = o.format ?? ((v: number) => f1(v));
  const parts = [`<text x="${p.l}" y="16" font-size="13" font-weight="bold">${esc(o.title)}</text>`];
  parts.push(`<line x1="${p.l}" y1="${H - p.b}" x2="${W - p.r}" y2="${H - p.b}" stroke="#888"/>`);
  parts.push(`<text x="${p.l - 4}" y="${p.t + 4}" font-size="10" text-anchor="end">${fmt(max)}</text>`);
  data.forEach((d, i) => {
    const x = p.l + i * bw;
    parts.push(`<rect x="${x + 2}" y="${y(d.value)}" width="${Math.max(1, bw - 4)}" height="${H - p.b - y(d.value)}" fill="${o.color ?? '#3b82f6'}"><title>${esc(d.label)}: ${fmt(d.value)}</title></rect>`);
    if (d.mark !== null && d.mark !== undefined) parts.push(`<line x1="${x}" x2="${x + bw}" y1="${y(d.mark)}" y2="${y(d.mark)}" stroke="#111" stroke-width="2"/>`);
    parts.push(`<text x="${x + bw / 2}" y="${H - p.b + 14}" font-size="10" text-anchor="middle">${esc(d.label)}</text>`);
  });
  const pts = data.map((d, i) => (d.line === null || d.line === undefined ? null : `${p.l + i * bw + bw / 2},${yl(d.line)}`)).filter(Boolean);
  if (pts.length) {
    parts.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${o.lineColor ?? '#f97316'}" stroke-width="2"/>`);
    parts.push(`<text x="${W - p.r + 4}" y="${p.t + 4}" font-size="10" fill="${o.lineColor ?? '#f97316'}">${f1(lmax)}${esc(o.lineLabel ?? '')}</text>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}">${parts.join('')}</svg>`;
}

/** Estimate (x) against actual (y), minutes, with the diagonal and the ±2 min band. */
export function scatter(points: { x: number; y: number; color?: string }[], o: { title: string; size?: number }): string {
  const S = o.size ?? 360;
  const p = 40;
  const max = Math.max(5, ...points.map((q) => Math.max(q.x, q.y)));
  const sx = (v: number) => p + (v / max) * (S - 2 * p);
  const sy = (v: number) => S - p - (v / max) * (S - 2 * p);
  const parts = [`<text x="${p}" y="16" font-size="13" font-weight="bold">${esc(o.title)}</text>`];
  parts.push(`<polygon points="${sx(0)},${sy(2)} ${sx(max - 2)},${sy(max)} ${sx(max)},${sy(max)} ${sx(max)},${sy(max - 2)} ${sx(2)},${sy(0)} ${sx(0)},${sy(0)}" fill="#dcfce7"/>`);
  parts.push(`<line x1="${sx(0)}" y1="${sy(0)}" x2="${sx(max)}" y2="${sy(max)}" stroke="#16a34a"/>`);
  parts.push(`<rect x="${p}" y="${p}" width="${S - 2 * p}" height="${S - 2 * p}" fill="none" stroke="#888"/>`);
  for (const q of points) parts.push(`<circle cx="${sx(q.x)}" cy="${sy(q.y)}" r="2.5" fill="${q.color ?? '#2563eb'}" fill-opacity="0.6"/>`);
  parts.push(`<text x="${S / 2}" y="${S - 8}" font-size="11" text-anchor="middle">estimate at issue (min)</text>`);
  parts.push(`<text x="12" y="${S / 2}" font-size="11" text-anchor="middle" transform="rotate(-90 12 ${S / 2})">actual wait (min)</text>`);
  parts.push(`<text x="${p - 4}" y="${p + 4}" font-size="10" text-anchor="end">${f1(max)}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${S} ${S}" width="${S}" height="${S}">${parts.join('')}</svg>`;
}
