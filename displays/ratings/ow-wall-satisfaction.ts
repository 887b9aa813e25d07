// Today's satisfaction rate (满意率) for the wall, when the hall shows it (`ratings.showOnWall`):
// a hall-wide figure, nothing about anyone. Re-read every minute;
// renders nothing when the hall does not show it or the ratings feature does not run.
import { LitElement, css, html, nothing } from 'lit';
import { api } from '../live/api.ts';
import { satisfactionText } from './dash-logic.ts';

interface Today {
  enabled: boolean;
  ratings?: number;
  rate?: number | null;
}

export class OwWallSatisfaction extends LitElement {
  static properties = { hall: { type: String }, today: { state: true } };
  hall = '';
  private today?: Today;
  private timer?: ReturnType<typeof setInterval>;

  connectedCallback() {
    super.connectedCallback();
    void this.load();
    this.timer = setInterval(() => void this.load(), 60_000);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  private async load() {
    try {
      this.today = (await api<Today>('/ratings/today', { hall: this.hall || undefined })).data;
    } catch {
      // Not shown while the server is away or without the ratings feature; the next minute tries again.
      this.today = undefined;
    }
  }

  static styles = css`
    :host { display: block; text-align: right; font-size: 26px; line-height: 1.2; }
    b { font-size: 38px; color: #4ade80; }
    small { display: block; font-size: 18px; opacity: 0.75; }
  `;

  render() {
    const t = this.today;
    if (!t?.enabled || !t.ratings) return nothing;
    return html`<div data-test="wall-satisfaction">今日满意率 <b>${satisfactionText(t.rate ?? null)}</b><small>Satisfaction today · ${t.ratings} 评价</small></div>`;
  }
}
customElements.define('ow-wall-satisfaction', OwWallSatisfaction);
