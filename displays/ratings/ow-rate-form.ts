// The rating form on the visitor's status page (/t/<ticket>), shown once the ticket is finished and
// while it may be rated: the five levels, reasons for a bad one, an optional comment.
import { LitElement, css, html, nothing } from 'lit';
import { api, errorText } from '../live/api.ts';
import { asksReasons, ratingBody, toggle, type LevelOption, type ReasonOption } from './logic.ts';
import { levelColours } from './styles.ts';

interface RatingStatus {
  rateable: boolean;
  rated: boolean;
  level?: string;
  levels: LevelOption[];
  reasons: ReasonOption[];
}

export class OwRateForm extends LitElement {
  static properties = { hall: { type: String }, ticket: { type: String }, ratingKey: { attribute: false }, info: { state: true }, level: { state: true }, chosen: { state: true }, error: { state: true }, sent: { state: true } };
  hall = '';
  ticket = '';
  /** The ticket's rating key from its QR link, sent with the rating (the id alone is public). */
  ratingKey = '';
  private info?: RatingStatus;
  private level = '';
  private chosen: string[] = [];
  private error = '';
  private sent = false;

  connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      this.info = (await api<RatingStatus>(`/tickets/${encodeURIComponent(this.ticket)}/rating`, { hall: this.hall || undefined })).data;
    } catch (err) {
      this.error = errorText(err);
    }
  }

  private async submit() {
    const comment = (this.renderRoot.querySelector('textarea') as HTMLTextAreaElement | null)?.value ?? '';
    try {
      await api(`/tickets/${encodeURIComponent(this.ticket)}/rating`, { hall: this.hall || undefined, method: 'POST', body: { ...ratingBody(this.level, asksReasons(this.level) ? this.chosen : [], comment), key: this.ratingKey } });
      this.sent = true;
    } catch (err) {
      this.error = errorText(err);
      await this.load();
    }
  }

  static styles = [
    levelColours,
    css`
      :host { display: block; margin: 16px; padding: 18px; border-radius: 14px; background: #fff; box-shadow: 0 1px 3px #0002; color: #0f1b2d; }
      h2 { margin: 0 0 12px; font-size: 22px; }
      .levels { display: grid; grid-template-columns: 1fr; gap: 8px; }
      .levels button { min-height: 52px; font-size: 20px; border: 3px solid transparent; border-radius: 10px; }
      .levels button[aria-pressed='true'] { border-color: #0f1b2d; }
      .reasons { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 12px; }
      .reasons button { font-size: 16px; padding: 8px 12px; border-radius: 8px; border: 2px solid #c9d3e0; background: #fff; }
      .reasons button[aria-pressed='true'] { border-color: #c8102e; background: #fde8eb; }
      textarea { width: 100%; margin-top: 12px; font: inherit; min-height: 64px; box-sizing: border-box; }
      .send { margin-top: 12px; width: 100%; min-height: 52px; font-size: 20px; border: none; border-radius: 10px; background: #1d6fd6; color: #fff; }
      .error { color: #c8102e; }
    `,
  ];

  render() {
    const i = this.info;
    if (this.sent) return html`<h2 data-test="rate-thanks">感谢您的评价！ · Thank you</h2>`;
    if (!i) return this.error ? html`<div class="error">${this.error}</div>` : nothing;
    if (i.rated) return html`<h2 data-test="rate-done">您已评价：${i.levels.find((l) => l.id === i.level)?.zh ?? ''} · Rated</h2>`;
    if (!i.rateable) return nothing;
    return html`<h2 data-test="rate-form">请对本次服务进行评价 · Rate our service</h2>
      <div class="levels">
        ${i.levels.map((l) => html`<button class=${l.id} data-level=${l.id} aria-pressed=${this.level === l.id ? 'true' : 'false'} @click=${() => (this.level = l.id)}>${l.zh} · ${l.en}</button>`)}
      </div>
      ${asksReasons(this.level)
        ? html`<div class="reasons">${i.reasons.map((r) => html`<button data-reason=${r.id} aria-pressed=${this.chosen.includes(r.id) ? 'true' : 'false'} @click=${() => (this.chosen = toggle(this.chosen, r.id))}>${r.zh}</button>`)}</div>`
        : nothing}
      ${this.level
        ? html`<textarea maxlength="500" placeholder="意见建议（选填）· Comment (optional)"></textarea>
            <button class="send" data-test="rate-send" @click=${() => void this.submit()}>提交 · Send</button>`
        : nothing}
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : nothing}`;
  }
}
customElements.define('ow-rate-form', OwRateForm);
