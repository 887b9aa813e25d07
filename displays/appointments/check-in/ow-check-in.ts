// Appointment check-in for the kiosk and the triage desk (/check-in, or embedded): the visitor
// types the booking code or phone, and gets the number to wait with.
import { LitElement, css, html, nothing } from 'lit';
import { RequestError, request } from '../../live/request.ts';
import { errorLine } from '../../logic/error-text.ts';
import { checkInInput, laneText } from './logic.ts';

interface Result {
  ticket: { number: string; lane: string; ahead: number };
  booking: { arrival: string; time: string };
}

export class OwCheckIn extends LitElement {
  static properties = { hall: { type: String }, token: { state: true }, result: { state: true }, message: { state: true } };
  hall = '';
  private token = '';
  private result?: Result;
  private message = '';

  static styles = css`
    :host { display: block; max-width: 32rem; margin: 0 auto; padding: 1.5rem; font: 20px/1.5 system-ui, 'WenQuanYi Zen Hei', sans-serif; text-align: center; }
    input { font: inherit; width: 100%; box-sizing: border-box; padding: .6rem; text-align: center; letter-spacing: .1rem; }
    button { font: inherit; padding: .6rem 1.5rem; margin-top: .8rem; }
    .number { font-size: 4rem; font-weight: 800; }
    .msg { color: #c8102e; }
  `;

  connectedCallback() {
    super.connectedCallback();
    const scope = this.hall || 'default';
    for (const k of [`onewindow.token.${scope}:kiosk`, `onewindow.token.${scope}:triage`, 'onewindow.check-in.token'])
      try {
        this.token ||= localStorage.getItem(k) ?? '';
      } catch {
        /* private mode */
      }
  }

  private async submit(e: Event) {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).elements.namedItem('who') as HTMLInputElement;
    const by = checkInInput(input.value);
    if (!by) return void (this.message = '请输入8位预约码或手机号 / Enter the 8-character code or your phone');
    try {
      // Print like the kiosk does for a walk-in; without a printer the answer just says so.
      this.result = await request<Result>('/appointments/check-in', { hall: this.hall || undefined, token: this.token, body: { ...by, print: true } });
      this.message = '';
      input.value = '';
    } catch (err) {
      this.result = undefined;
      this.message = errorLine(err);
    }
  }

  private signIn(e: Event) {
    e.preventDefault();
    this.token = ((e.target as HTMLFormElement).elements.namedItem('token') as HTMLInputElement).value.trim();
    try {
      localStorage.setItem('onewindow.check-in.token', this.token);
    } catch {
      /* private mode */
    }
  }

  render() {
    if (!this.token)
      return html`<form @submit=${this.signIn}><label>设备口令 Kiosk or desk token <input name="token" type="password" /></label><button>确定 OK</button></form>`;
    return html`<h1>预约签到 Appointment check-in</h1>
      <form @submit=${this.submit}>
        <input name="who" autocomplete="off" placeholder="预约码或手机号 Code or phone" />
        <button type="submit">签到 Check in</button>
      </form>
      ${this.result
        ? html`<div class="number" data-testid="number">${this.result.ticket.number}</div>
            <div data-testid="lane">${laneText(this.result.ticket.lane, this.result.booking.arrival)}</div>
            <div>前面 ${this.result.ticket.ahead} 人 / ${this.result.ticket.ahead} ahead</div>`
        : nothing}
      ${this.message ? html`<p class="msg" role="status">${this.message}</p>` : nothing}`;
  }
}

customElements.define('ow-check-in', OwCheckIn);
