// Appointment check-in for the kiosk and the triage desk (/check-in, or embedded): the visitor
// types the booking code or phone, and gets the number to wait with.
import { LitElement, css, html, nothing } from 'lit';
import { RequestError, request } from '../../live/request.ts';
import { plainPage } from '../../parts/page-styles.ts';
import { checkInInput, laneText, refusal } from './logic.ts';

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

  static styles = [
    plainPage,
    css`
      .page {
        max-width: 36rem;
        text-align: center;
        font-size: 22px;
      }
      form {
        display: grid;
        gap: 12px;
      }
      input {
        text-align: center;
        letter-spacing: 2px;
        font-size: 26px;
      }
      .number {
        font-size: 96px;
        font-weight: 800;
        line-height: 1.1;
        color: var(--ow-red);
      }
    `,
  ];

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
      this.message = err instanceof RequestError ? refusal(err.code, err.message) : String(err);
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
    return html`<div class="bar"><h1>预约签到</h1><small>Appointment check-in</small></div>
      <div class="page">${this.renderBody()}</div>`;
  }

  private renderBody() {
    if (!this.token)
      return html`<form class="card" @submit=${this.signIn}>
        <label for="token">设备口令 Kiosk or desk token</label><input id="token" name="token" type="password" /><button type="submit">确定 OK</button>
      </form>`;
    return html`<form class="card" @submit=${this.submit}>
        <input name="who" autocomplete="off" placeholder="预约码或手机号 Code or phone" />
        <button type="submit">签到 Check in</button>
      </form>
      ${this.result
        ? html`<div class="card"><div class="number" data-testid="number">${this.result.ticket.number}</div>
            <div data-testid="lane">${laneText(this.result.ticket.lane, this.result.booking.arrival)}</div>
            <div>前面 ${this.result.ticket.ahead} 人 / ${this.result.ticket.ahead} ahead</div></div>`
        : nothing}
      ${this.message ? html`<p class="msg error" role="status">${this.message}</p>` : nothing}`;
  }
}

customElements.define('ow-check-in', OwCheckIn);
