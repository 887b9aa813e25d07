// The dashboard's ratings section: today's satisfaction rate and levels, per window and clerk, and
// the open follow-ups of bad ratings with their deadlines (overdue ones in red) until they are closed.
import { LitElement, css, html, nothing } from 'lit';
import type { SatisfactionBreakdown, SatisfactionFigures } from '../../server/metrics/satisfaction.ts';
import { followUpView, satisfactionText, type FollowUp } from './dash-logic.ts';

const LEVEL_ZH: [keyof SatisfactionFigures['levels'], string][] = [
  ['very_satisfied', '非常满意'],
  ['satisfied', '满意'],
  ['basically_satisfied', '基本满意'],
  ['dissatisfied', '不满意'],
  ['very_dissatisfied', '非常不满意'],
];

export class OwDashRatings extends LitElement {
  static properties = { hall: { type: String }, token: { type: String }, satisfaction: { attribute: false }, timeZone: { type: String }, followUps: { state: true } };
  hall = '';
  token = '';
  timeZone = 'Asia/Shanghai';
  satisfaction?: SatisfactionBreakdown;
  private followUps: FollowUp[] = [];
  private timer?: ReturnType<typeof setInterval>;

  connectedCallback() {
    super.connectedCallback();
    void this.loadFollowUps();
    // Deadlines pass without any event: re-read every minute so "overdue" turns red on time.
    this.timer = setInterval(() => void this.loadFollowUps(), 60_000);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  updated(changed: Map<string, unknown>) {
    // A new rating may have opened a case.
    if (changed.has('satisfaction') && changed.get('satisfaction') !== undefined) void this.loadFollowUps();
  }

  private async loadFollowUps() {
    if (!this.token) return;
    const res = await fetch(`/api/halls/${encodeURIComponent(this.hall)}/cases/follow-ups`, { headers: { authorization: `Bearer ${this.token}` } }).catch(() => undefined);
    if (res?.ok) this.followUps = ((await res.json()) as { followUps: FollowUp[] }).followUps;
  }

  static styles = css`
    :host { display: block; }
    .rate { display: flex; gap: 24px; align-items: baseline; flex-wrap: wrap; }
    .rate b { font-size: 40px; }
    table { border-collapse: collapse; width: 100%; margin-top: 8px; }
    td, th { padding: 4px 8px; border-bottom: 1px solid #d5dde8; text-align: left; }
    tr.overdue td { color: #c8102e; font-weight: bold; }
  `;

  render() {
    const s = this.satisfaction;
    const row = (key: string, f: SatisfactionFigures) => html`<tr><td>${key}</td><td>${f.ratings}</td><td>${satisfactionText(f.rate)}</td><td>${f.bad}</td></tr>`;
    return html`
      <div class="rate" data-test="satisfaction">
        <span>满意率 satisfaction: <b data-test="satisfaction-rate">${satisfactionText(s?.total.rate ?? null)}</b></span>
        <span>评价 ratings: ${s?.total.ratings ?? 0}</span>
        ${LEVEL_ZH.map(([id, zh]) => html`<span>${zh} ${s?.total.levels[id] ?? 0}</span>`)}
      </div>
      ${s && s.total.ratings
        ? html`<table>
            <thead><tr><th>窗口 / 人员 window / clerk</th><th>评价</th><th>满意率</th><th>差评</th></tr></thead>
            <tbody>
              ${Object.entries(s.groups.window).map(([k, f]) => row(`${k}号窗口`, f))}
              ${Object.entries(s.groups.clerk).map(([k, f]) => row(k, f))}
            </tbody>
          </table>`
        : nothing}
      <h3>差评回访 follow-ups (${this.followUps.length})</h3>
      <table data-test="follow-ups">
        <thead><tr><th>案件 case</th><th>号码 ticket</th><th>窗口</th><th>评价</th><th>回访时限 due</th><th>状态</th></tr></thead>
        <tbody>
          ${this.followUps.map((f) => {
            const v = followUpView(f, this.timeZone);
            return html`<tr class=${v.overdue ? 'overdue' : ''}><td>${f.number}</td><td>${f.ticketNumber}</td><td>${f.windowId}</td><td>${v.level}</td><td>${v.due}</td><td>${v.state}</td></tr>`;
          })}
        </tbody>
      </table>`;
  }
}
customElements.define('ow-dash-ratings', OwDashRatings);
