// The hall manager's dashboard: today's zero-wait figures, live. The admin token is typed once
// and kept in localStorage; everything else comes from the API and the /metrics namespace.
import { LitElement, css, html } from 'lit';
import type { LiveMetricsPayload } from '../../../server/metrics/contract.ts';
import { barChart } from './charts.ts';
import { hourRange, localDate, mins, pct, rateLevel } from './format.ts';
import { MetricsController } from './metrics-controller.ts';
import { dashStyles } from './styles.ts';
import { plainPage } from '../../parts/page-styles.ts';
import './ow-dash-services.ts';
import './ow-dash-windows.ts';
import '../../ratings/ow-dash-ratings.ts';
import { codeLine } from '../../logic/error-text.ts';

export const TOKEN_KEY = 'onewindow.dashboard.token';

/** What a report can be grouped by, as the export menu names it. */
const GROUP_BY: Record<string, string> = { service: '按业务 by service', window: '按窗口 by window', lane: '按通道 by lane', hour: '按时段 by hour', day: '按日 by day' };

export class OwDashboard extends LitElement {
  static properties = { hall: { type: String }, token: { state: true }, exportError: { state: true } };
  hall = '';
  token: string | null = localStorage.getItem(TOKEN_KEY);
  exportError = '';

  private readonly live = new MetricsController(this, {
    hall: () => this.hall,
    token: () => this.token,
    onUnauthorized: () => {
      localStorage.removeItem(TOKEN_KEY);
      this.token = null;
    },
  });

  static styles = [
    plainPage,
    dashStyles,
    css`
      .page {
        max-width: 1400px;
      }
      .bar .live {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        color: #cfe0ff;
      }
      .dot {
        width: 10px;
        height: 10px;
        border-radius: 50%;
        display: inline-block;
        background: #dc2626;
      }
      .dot.on {
        background: #16a34a;
      }
      .counters {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(130px, 1fr));
        gap: 12px;
        margin: 16px 0;
      }
      .counter {
        background: #fff;
        border-radius: 10px;
        padding: 12px 14px;
        box-shadow: 0 1px 4px #0001;
      }
      .counter b {
        display: block;
        font-size: 30px;
      }
      .counter span {
        color: #64748b;
        font-size: 13px;
      }
      section {
        background: #fff;
        border-radius: 10px;
        padding: 12px 14px;
        margin-bottom: 14px;
        box-shadow: 0 1px 4px #0001;
        overflow-x: auto;
      }
      h2 {
        font-size: 16px;
        margin: 0 0 8px;
      }
      .charts {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(420px, 100%), 1fr));
        gap: 14px;
      }
      form.sign-in {
        display: grid;
        gap: 10px;
        max-width: 420px;
        margin: 40px auto;
      }
      .export input,
      .export select {
        width: auto;
      }
      .export {
        display: flex;
        gap: 8px;
        align-items: center;
        flex-wrap: wrap;
      }
      .err {
        color: #b91c1c;
      }
    `,
  ];

  private signIn(e: SubmitEvent) {
    e.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#token')!;
    const token = input.value.trim();
    if (!token) return;
    localStorage.setItem(TOKEN_KEY, token);
    this.token = token;
    this.live.restart();
  }

  private signOut() {
    localStorage.removeItem(TOKEN_KEY);
    this.token = null;
    this.live.restart();
  }

  private async exportCsv() {
    const q = (id: string) => this.renderRoot.querySelector<HTMLInputElement | HTMLSelectElement>(id)!.value;
    const from = q('#from');
    const to = q('#to');
    const groupBy = q('#groupBy');
    const res = await fetch(`/api/halls/${encodeURIComponent(this.hall)}/reports?from=${from}&to=${to}&groupBy=${groupBy}&format=csv`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    if (!res.ok) {
      const error = ((await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null)?.error;
      this.exportError = codeLine(error?.code ?? `http_${res.status}`, error?.message);
      return;
    }
    this.exportError = '';
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = `${this.hall}-${from}-${to}-by-${groupBy}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  render() {
    if (!this.token) return html`<div class="bar"><h1>零等待看板</h1><small>Zero-wait dashboard</small></div>${this.renderSignIn()}`;
    const m = this.live.data;
    if (!m)
      return html`<div class="bar"><h1>零等待看板</h1><small>Zero-wait dashboard</small></div>
        <div class="page"><p>加载中… loading ${this.live.error ? html`<span class="err">${this.live.error}</span>` : ''}</p></div>`;
    const today = localDate(m.at, m.timeZone);
    return html`${this.renderHeader(m, today)}<div class="page">${this.renderBody(m, today)}</div>`;
  }

  private renderBody(m: LiveMetricsPayload, today: string) {
    return html`
      ${this.renderCounters(m)}
      <section>
        <h2>各业务 per service — 等候与零等待率 (目标线 90%)</h2>
        <ow-dash-services .services=${m.services}></ow-dash-services>
      </section>
      ${this.renderCharts(m)}
      <section>
        <h2>窗口 windows</h2>
        <ow-dash-windows .windows=${m.windows}></ow-dash-windows>
      </section>
      <section>
        <h2>好差评 ratings</h2>
        <ow-dash-ratings hall=${this.hall} token=${this.token} .timeZone=${m.timeZone} .satisfaction=${m.satisfaction}></ow-dash-ratings>
      </section>
      ${this.renderClerks(m)}
      ${this.renderExport(today)}
    `;
  }

  private renderSignIn() {
    return html`<form class="sign-in card" @submit=${this.signIn}>
      <label for="token">管理员令牌 / admin token</label>
      <input id="token" type="password" autocomplete="off" />
      <button type="submit">进入 / enter</button>
      ${this.live.error ? html`<span class="err">${this.live.error}</span>` : ''}
    </form>`;
  }

  private renderHeader(m: LiveMetricsPayload, today: string) {
    return html`<div class="bar">
      <h1>零等待看板 · ${m.serviceDay ?? today}</h1>
      <span class="live"><i class="dot ${this.live.connected ? 'on' : ''}"></i> ${this.live.connected ? '实时 live' : '离线 offline'}</span>
      <small data-test="event-id" title="大厅事件记录的序号 · the hall event log position">数据更新至第 ${m.eventId} 条事件 · as of event ${m.eventId}</small>
      <button @click=${this.signOut}>退出 / sign out</button>
    </div>`;
  }

  private renderCounters(m: LiveMetricsPayload) {
    const t = m.total;
    const counters: [string, string, string | number, string?][] = [
      ['issued', '取号 issued', t.issued],
      ['waiting', '等候 waiting', m.waitingTotal],
      ['called', '已叫 called', t.called],
      ['served', '办结 served', t.served],
      ['no-show', '过号 no-show', t.noShow],
      ['transferred', '转办 transferred', t.transferred],
      ['cancelled', '取消 cancelled', t.cancelled],
      ['wait-mean', '平均等候 mean wait (min)', mins(t.wait.mean)],
      ['wait-p90', 'P90 等候 (min)', mins(t.wait.p90)],
      ['zero-wait', '零等待率 zero-wait', pct(t.zeroWaitRate), rateLevel(t.zeroWaitRate)],
      ['elderly', '敬老 elderly served', t.elderlyServed],
      ['green', '绿色通道 green', t.greenIssued],
    ];
    return html`<div class="counters">
      ${counters.map(([id, label, v, cls]) => html`<div class="counter" id=${`c-${id}`}><b class=${cls ?? ''}>${v}</b><span>${label}</span></div>`)}
    </div>`;
  }

  private renderCharts(m: LiveMetricsPayload) {
    const hist = m.waitHistogram;
    return html`<div class="charts">
      <section>
        <h2>分时段 by hour — 取号 (柱) 与平均等候分钟 (线)</h2>
        ${barChart(
          hourRange(m.hours).map((h) => ({ label: h.hour, value: h.issued, dot: h.waitMean, title: `${h.hour}:00 取号 ${h.issued}，平均等候 ${mins(h.waitMean)} 分钟` })),
          { unit: '′' },
        )}
      </section>
      <section>
        <h2>等候时长分布 wait distribution (min)</h2>
        ${barChart(
          hist.counts.map((n, i) => ({
            label: i + 1 < hist.boundsMinutes.length ? `${hist.boundsMinutes[i]}-${hist.boundsMinutes[i + 1]}` : `${hist.boundsMinutes[i]}+`,
            value: n,
          })),
          { color: '#8b5cf6' },
        )}
      </section>
    </div>`;
  }

  private renderClerks(m: LiveMetricsPayload) {
    return html`<section>
      <h2>人员 clerks</h2>
      <table>
        <thead><tr><th>人员 clerk</th><th>办结 served</th><th>平均办理 mean service (min)</th></tr></thead>
        <tbody>${m.clerks.map((c) => html`<tr><td>${c.name}</td><td>${c.served}</td><td>${mins(c.meanServiceMinutes)}</td></tr>`)}</tbody>
      </table>
    </section>`;
  }

  private renderExport(today: string) {
    return html`<section class="export">
      <h2>导出报表 export CSV</h2>
      <input id="from" type="date" .value=${today} />
      <input id="to" type="date" .value=${today} />
      <select id="groupBy">
        ${Object.entries(GROUP_BY).map(([g, label]) => html`<option value=${g}>${label}</option>`)}
      </select>
      <button id="export" @click=${this.exportCsv}>下载 CSV / download</button>
      ${this.exportError ? html`<span class="err">${this.exportError}</span>` : ''}
    </section>`;
  }
}
customElements.define('ow-dashboard', OwDashboard);
