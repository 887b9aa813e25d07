// Appointment check-in for the kiosk and the triage desk (/check-in, or embedded): the visitor
// types the booking code or phone, and gets the number to wait with.
import { LitElement, css, html, nothing } from 'lit';
import { RequestError, request } from '../../live/request.ts';
import { checkToken } from '../../live/token-check.ts';
import { errorLine } from '../../logic/error-text.ts';
import { checkInInput, laneText } from './logic.ts';
import { plainPage } from '../../parts/page-styles.ts';

interface Result {
  ticket: { number: string; lane: string; ahead: number };
  booking: { arrival: string; time: string };
}

export class OwCheckIn extends LitElement {
  static properties = { hall: { type: String }, token: { state: true }, result: { state: true }, message: { state: true }, signInError: { state: true } };
  hall = '';
  private token = '';
  private result?: Result;
  private message = '';
  /** Why the sign-in form is shown again (a refused or unknown token), Chinese first. */
  private signInError = '';

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
    // A stored token may have been revoked: asked once, refused means the sign-in form with the reason.
    const stored = this.token;
    if (stored)
      void checkToken(this.hall, stored, { console: 'check-in' }).then((r) => {
        if (r.kind === 'refused' && this.token === stored) this.signOut(r.text);
      });
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
      // A token the server no longer knows: back to the sign-in form, saying why (no dead end).
      if (err instanceof RequestError && err.status === 401) return this.signOut(`登录已失效，请重新输入令牌 · ${errorLine(err)}`);
      this.message = errorLine(err);
    }
  }

  private async signIn(e: Event) {
    e.preventDefault();
    const token = ((e.target as HTMLFormElement).elements.namedItem('token') as HTMLInputElement).value.trim();
    if (!token) return;
    const check = await checkToken(this.hall, token, { console: 'check-in' });
    if (check.kind !== 'ok') return void (this.signInError = check.text);
    this.signInError = '';
    this.remember(token);
  }

  private signOut(reason = '') {
    this.remember('');
    this.message = '';
    this.result = undefined;
    this.signInError = reason;
  }

  private remember(token: string) {
    this.token = token;
    try {
      if (token) localStorage.setItem('onewindow.check-in.token', token);
      else localStorage.removeItem('onewindow.check-in.token');
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
      return html`<form class="card" @submit=${this.signIn} data-test="check-in-sign-in">
        <label for="token">设备令牌 Kiosk or desk token</label><input id="token" name="token" type="password" data-test="token" /><button type="submit">确定 OK</button>
        ${this.signInError ? html`<p class="msg error" role="alert" data-test="sign-in-error">${this.signInError}</p>` : nothing}
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
      ${this.message ? html`<p class="msg error" role="status">${this.message}</p>` : nothing}
      <button type="button" data-test="change-token" @click=${() => this.signOut()}>更换令牌 · Change token</button>`;
  }
}

customElements.define('ow-check-in', OwCheckIn);
