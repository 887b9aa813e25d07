// Per service: waiting now, predicted wait, today's calls and the zero-wait rate against target.
import { LitElement, html } from 'lit';
import type { ServiceLive } from '../../../server/metrics/live-types.ts';
import { rateBar } from './charts.ts';
import { mins, pct, rateLevel } from './format.ts';
import { dashStyles } from './styles.ts';

export class OwDashServices extends LitElement {
  static properties = { services: { attribute: false }, goal: { type: Number } };
  services: ServiceLive[] = [];
  /** Share of tickets to call within target that the hall promises. */
  goal = 0.9;
  static styles = [dashStyles];

  render() {
    return html`<table>
      <thead>
        <tr>
          <th>业务 service</th><th>等候 waiting</th><th>预计 est. min</th><th>已叫 called</th><th>办结 served</th>
          <th>平均等候 mean</th><th>P90</th><th>目标 target</th><th colspan="2">零等待率 zero-wait</th>
        </tr>
      </thead>
      <tbody>
        ${this.services.map((s) => {
          const level = rateLevel(s.figures.zeroWaitRate, this.goal);
          return html`<tr data-service=${s.id}>
            <td>${s.prefix} ${s.name.zh}</td>
            <td class="waiting">${s.waiting}</td>
            <td>${s.estimatedWaitMinutes ?? '—'}</td>
            <td>${s.figures.called}</td>
            <td>${s.figures.served}</td>
            <td>${mins(s.figures.wait.mean)}</td>
            <td>${mins(s.figures.wait.p90)}</td>
            <td>${s.targetWaitMinutes}</td>
            <td class="zero-wait ${level}">${pct(s.figures.zeroWaitRate)}</td>
            <td>${rateBar(s.figures.zeroWaitRate, this.goal, level)}</td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }
}
customElements.define('ow-dash-services', OwDashServices);
