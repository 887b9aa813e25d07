// Each window's state now and its figures today: calls, served, open, busy and idle time.
import { LitElement, html } from 'lit';
import type { WindowLive } from '../../../server/metrics/live-types.ts';
import { pct, STATUS_TEXT } from './format.ts';
import { dashStyles } from './styles.ts';

export class OwDashWindows extends LitElement {
  static properties = { windows: { attribute: false } };
  windows: WindowLive[] = [];
  static styles = [dashStyles];

  render() {
    return html`<table>
      <thead>
        <tr><th>窗口 window</th><th>状态 status</th><th>当前 now</th><th>叫号 calls</th><th>办结 served</th><th>开放 open min</th><th>忙 busy min</th><th>空闲 idle min</th><th>利用率 util.</th></tr>
      </thead>
      <tbody>
        ${this.windows.map(
          (w) => html`<tr data-window=${w.windowId}>
            <td>${w.name.zh}</td>
            <td class=${w.status === 'open' ? 'good' : w.status === 'paused' ? 'warn' : 'bad'}>${STATUS_TEXT[w.status] ?? w.status}</td>
            <td class="current">${w.current ?? '—'}</td>
            <td>${w.calls}</td>
            <td>${w.served}</td>
            <td>${w.openMinutes.toFixed(0)}</td>
            <td>${w.busyMinutes.toFixed(0)}</td>
            <td>${w.idleMinutes.toFixed(0)}</td>
            <td>${pct(w.utilisation)}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }
}
customElements.define('ow-dash-windows', OwDashWindows);
