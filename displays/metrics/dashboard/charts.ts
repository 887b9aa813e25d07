// Small inline-SVG charts as lit templates: a bar chart and bars against a target mark.
import { svg, html, type TemplateResult } from 'lit';

export interface Bar {
  label: string;
  value: number;
  /** A second series drawn as a dot (e.g. mean wait per hour), scaled to its own axis. */
  dot?: number | null;
  title?: string;
}

/** Vertical bars with labels under them; `dot` values are drawn as a line on a right axis. */
export function barChart(bars: Bar[], opts: { width?: number; height?: number; color?: string; dotColor?: string; unit?: string } = {}): TemplateResult {
  const w = opts.width ?? 560;
  const h = opts.height ?? 200;
  const pad = { l: 34, r: 34, t: 12, b: 28 };
  const max = Math.max(1, ...bars.map((b) => b.value));
  const dmax = Math.max(1, ...bars.map((b) => b.dot ?? 0));
  const bw = bars.length ? (w - pad.l - pad.r) / bars.length : 0;
  const y = (v: number) => h - pad.b - (v / max) * (h - pad.t - pad.b);
  const yd = (v: number) => h - pad.b - (v / dmax) * (h - pad.t - pad.b);
  const dots = bars
    .map((b, i) => (b.dot === null || b.dot === undefined ? null : `${pad.l + bw * i + bw / 2},${yd(b.dot)}`))
    .filter((p): p is string => p !== null);
  return html`<svg viewBox="0 0 ${w} ${h}" width="100%" role="img">
    ${svg`<line x1=${pad.l} y1=${h - pad.b} x2=${w - pad.r} y2=${h - pad.b} stroke="#99a" />`}
    ${svg`<text x=${pad.l - 4} y=${pad.t + 8} text-anchor="end" font-size="10" fill="#667">${max}</text>`}
    ${bars.map(
      (b, i) => svg`<g>
        <title>${b.title ?? `${b.label}: ${b.value}`}</title>
        <rect x=${pad.l + bw * i + 2} y=${y(b.value)} width=${Math.max(1, bw - 4)} height=${h - pad.b - y(b.value)} fill=${opts.color ?? '#3b82f6'} rx="2" />
        <text x=${pad.l + bw * i + bw / 2} y=${h - pad.b + 14} text-anchor="middle" font-size="10" fill="#445">${b.label}</text>
      </g>`,
    )}
    ${dots.length ? svg`<polyline points=${dots.join(' ')} fill="none" stroke=${opts.dotColor ?? '#f97316'} stroke-width="2" />` : ''}
    ${dots.length ? svg`<text x=${w - pad.r + 4} y=${pad.t + 8} font-size="10" fill=${opts.dotColor ?? '#f97316'}>${dmax.toFixed(0)}${opts.unit ?? ''}</text>` : ''}
  </svg>`;
}

/** A horizontal bar 0..1 with a tick at the goal. */
export function rateBar(rate: number | null, goal: number, level: string): TemplateResult {
  const w = 160;
  const colors: Record<string, string> = { good: '#16a34a', warn: '#d97706', bad: '#dc2626', none: '#cbd5e1' };
  return html`<svg viewBox="0 0 ${w} 14" width=${w} height="14">
    ${svg`<rect x="0" y="2" width=${w} height="10" fill="#e2e8f0" rx="3" />`}
    ${svg`<rect x="0" y="2" width=${(rate ?? 0) * w} height="10" fill=${colors[level]} rx="3" />`}
    ${svg`<line x1=${goal * w} y1="0" x2=${goal * w} y2="14" stroke="#0f172a" stroke-width="2" />`}
  </svg>`;
}
