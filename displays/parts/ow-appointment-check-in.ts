// Appointment check-in (预约签到) for the triage desk (keyboard) and the kiosk (touch keypad,
// `keypad` attribute, big type): booking code or phone → POST /api/appointments/check-in → the
// number and lane it gave. Fires `checked-in` (detail: the API's {booking, ticket}).
import { LitElement, css, html, nothing } from 'lit';
import { backspaceIcon } from './icons.ts';
import { checkInInput } from '../appointments/check-in/logic.ts';
import { errorLine } from '../logic/error-text.ts';
import { ApiError, type IssuedTicket } from '../live/api.ts';
import { command } from '../live/retry.ts';
import { checkInLaneText, keypadInput, waitText } from '../logic/service-wording.ts';
import { inlineForm } from './console-styles.ts';
import { consoleTheme } from './theme.ts';

export interface CheckInResult {
  booking: { code: string; service: string; time: string; arrival?: string; lane?: string };
  ticket: IssuedTicket;
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', '⌫'];
/** What a key shows: backspace as an icon (the ⌫ character needs a font the kiosk may not have). */
const keyLabel = (k: string) => (k === 'clear' ? '清除' : k === '⌫' ? backspaceIcon : k);
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'.split('');

export class OwAppointmentCheckIn extends LitElement {
  static properties = {
    hall: { type: String },
    token: { type: String },
    keypad: { type: Boolean },
    typed: { state: true },
    letters: { state: true },
    result: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  hall = '';
  token = '';
  keypad = false;
  private typed = '';
  private letters = false;
  private result?: CheckInResult;
  private error = '';
  private busy = false;

  static styles = [
    consoleTheme,
    inlineForm,
    css`
      input {
        min-width: 0;
        font-size: 24px;
        letter-spacing: 0.08em;
      }
      button {
        font: inherit;
        cursor: pointer;
      }
      form button {
        padding: 8px 18px;
        border-radius: 10px;
        border: 0;
        background: var(--ow-green, #0b8a55);
        color: #fff;
        font-weight: 800;
      }
      .num {
        font-size: 64px;
        font-weight: 800;
        color: var(--ow-red, #c8102e);
        line-height: 1.1;
      }
      .lane {
        font-weight: 700;
      }
      .err {
        color: #9b0d22;
        font-weight: 700;
      }
      /* The kiosk: big keys, high contrast, readable at arm's length. */
      :host([keypad]) {
        font-size: 34px;
        color: #fff;
      }
      :host([keypad]) .display {
        font-size: 56px;
        font-weight: 800;
        letter-spacing: 0.12em;
        background: #000;
        color: #ffc400;
        border: 3px solid #ffc400;
        border-radius: 16px;
        padding: 14px 20px;
        min-height: 1.3em;
        text-align: center;
      }
      :host([keypad]) .pad {
        display: grid;
        grid-template-columns: repeat(3, 1fr);
        gap: 14px;
        margin: 18px 0;
      }
      :host([keypad]) .pad.letters {
        grid-template-columns: repeat(6, 1fr);
      }
      :host([keypad]) .pad button {
        font-size: 48px;
        font-weight: 800;
        min-height: 104px;
        border-radius: 16px;
        border: 3px solid #fff;
        background: #1b2b4a;
        color: #fff;
      }
      :host([keypad]) .pad.letters button {
        font-size: 36px;
        min-height: 80px;
      }
      :host([keypad]) .row {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 14px;
      }
      :host([keypad]) .row button {
        font-size: 36px;
        font-weight: 800;
        min-height: 104px;
        border-radius: 16px;
        border: 0;
        background: #ffc400;
        color: #000;
      }
      :host([keypad]) .row button.go {
        background: #19c37d;
      }
      :host([keypad]) .num {
        font-size: 140px;
        color: #ffc400;
      }
      :host([keypad]) .err {
        color: #ffb3bd;
        font-size: 34px;
      }
      @media (orientation: landscape) {
        :host([keypad]) .pad button,
        :host([keypad]) .row button {
          min-height: 80px;
        }
        :host([keypad]) .pad {
          margin: 12px 0;
        }
      }
    `,
  ];

  /** Puts the cursor in the code field (the desk's F6). */
  focusInput() {
    (this.renderRoot.querySelector('input') as HTMLInputElement | null)?.focus();
  }

  /** Back to an empty form (the kiosk's idle reset). */
  clear() {
    this.typed = '';
    this.result = undefined;
    this.error = '';
    this.letters = false;
  }

  private async submit(raw: string) {
    const by = checkInInput(raw);
    if (!by) {
      this.error = '请输入 8 位预约码或手机号 · Enter the 8-character booking code or your phone number';
      return;
    }
    if (this.busy) return;
    this.busy = true;
    try {
      const { data } = await command<CheckInResult>('/appointments/check-in', {
        hall: this.hall || undefined,
        method: 'POST',
        token: this.token,
        body: { ...by, print: true },
      });
      this.result = data;
      this.error = '';
      this.typed = '';
      const input = this.renderRoot.querySelector('input') as HTMLInputElement | null;
      if (input) input.value = '';
      this.dispatchEvent(new CustomEvent('checked-in', { detail: data, bubbles: true, composed: true }));
    } catch (err) {
      this.result = undefined;
      this.error = errorLine(err);
    } finally {
      this.busy = false;
    }
  }

  private renderResult() {
    const r = this.result;
    if (!r) return nothing;
    const lane = checkInLaneText(r.ticket.lane, r.booking.arrival);
    const wait = waitText(r.ticket.estimatedWaitMinutes);
    return html`<div data-test="check-in-result" data-lane=${r.ticket.lane}>
      <div class="num" data-test="check-in-number">${r.ticket.number}</div>
      <div class="lane" data-test="check-in-lane">${lane.zh} · ${lane.en}</div>
      <div>前面 ${r.ticket.ahead} 人 · ${r.ticket.ahead} ahead${wait ? html` · 预计等候 ${wait.zh} · ${wait.en}` : nothing}</div>
    </div>`;
  }

  render() {
    if (this.keypad && !this.result) {
      const keys = this.letters ? LETTERS : KEYS;
      return html`
        <div class="display" data-test="check-in-typed" aria-live="polite">${this.typed || '\u00a0'}</div>
        <div class="pad ${this.letters ? 'letters' : ''}">
          ${keys.map((k) => html`<button data-key=${k} aria-label=${k === '⌫' ? '退格 Delete' : k} @click=${() => (this.typed = keypadInput(this.typed, k))}>${keyLabel(k)}</button>`)}
        </div>
        <div class="row">
          <button @click=${() => (this.letters = !this.letters)}>${this.letters ? '123 数字 Digits' : 'ABC 字母 Letters'}</button>
          <button class="go" data-test="check-in-submit" ?disabled=${this.busy} @click=${() => this.submit(this.typed)}>签到 Check in</button>
        </div>
        ${this.error ? html`<p class="err" role="alert" data-test="check-in-error">${this.error}</p>` : nothing}
      `;
    }
    return html`
      ${this.keypad
        ? nothing
        : html`<form
            @submit=${(e: Event) => {
              e.preventDefault();
              void this.submit((this.renderRoot.querySelector('input') as HTMLInputElement).value);
            }}
          >
            <input name="who" autocomplete="off" placeholder="预约码或手机号 Booking code or phone (F6)" aria-label="预约码或手机号" />
            <button type="submit" ?disabled=${this.busy}>签到 Check in</button>
          </form>`}
      ${this.renderResult()} ${this.error ? html`<p class="err" role="alert" data-test="check-in-error">${this.error}</p>` : nothing}
    `;
  }
}
customElements.define('ow-appointment-check-in', OwAppointmentCheckIn);
