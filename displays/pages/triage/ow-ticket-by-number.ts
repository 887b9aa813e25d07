// The triage desk's "find a ticket by its number" box (号码查询): the visitor shows a slip or
// their phone, the desk types the number (A012), sees its state, and — where the rules allow —
// puts a missed ticket back in the queue (恢复排队) or cancels a ticket (取消, asked twice).
// The status page sends visitors who missed their call here.
import { LitElement, css, html, nothing } from 'lit';
import type { PublicTicket } from '../../../server/realtime/contract.ts';
import { api, errorText } from '../../live/api.ts';
import { command } from '../../live/retry.ts';
import { STATUS_LABELS } from '../../logic/labels.ts';
import { ticketDeskActions, type TicketDeskAction } from '../../logic/ticket-desk.ts';
import { inlineForm } from '../../parts/console-styles.ts';
import { consoleTheme } from '../../parts/theme.ts';

type Found = PublicTicket & { service: string };

export class OwTicketByNumber extends LitElement {
  static properties = {
    hall: { type: String },
    token: { type: String },
    found: { state: true },
    note: { state: true },
    confirming: { state: true },
    busy: { state: true },
  };
  hall = '';
  token = '';
  private found?: Found;
  private note?: { kind: 'ok' | 'error'; text: string };
  private confirming = false;
  private busy = false;

  static styles = [
    consoleTheme,
    inlineForm,
    css`
      input {
        min-width: 0;
        font-size: 22px;
        text-transform: uppercase;
        letter-spacing: 0.06em;
      }
      button {
        font: inherit;
        cursor: pointer;
        padding: 8px 16px;
        border-radius: 10px;
        border: 0;
        background: #0d3c7a;
        color: #fff;
        font-weight: 700;
      }
      button.danger {
        background: #9b0d22;
      }
      button.quiet {
        background: #e3e8ef;
        color: #1b2b4a;
      }
      .ticket {
        margin-top: 10px;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 10px 16px;
      }
      .num {
        font-size: 40px;
        font-weight: 800;
        color: var(--ow-red, #c8102e);
      }
      .state {
        font-weight: 700;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
      }
      .note {
        margin-top: 8px;
        font-weight: 700;
      }
      .note.error {
        color: #9b0d22;
      }
      .note.ok {
        color: #0b5e3a;
      }
    `,
  ];

  /** Puts the caret in the number field (the desk's F7). */
  focusInput() {
    this.renderRoot.querySelector('input')?.focus();
  }

  private async find(e: Event) {
    e.preventDefault();
    const input = this.renderRoot.querySelector('input')!;
    const number = input.value.trim();
    this.confirming = false;
    this.note = undefined;
    if (!number) return;
    try {
      const res = await api<{ ticket: Found }>(`/tickets/by-number/${encodeURIComponent(number)}`, { hall: this.hall || undefined, token: this.token });
      this.found = res.data.ticket;
    } catch (err) {
      this.found = undefined;
      this.note = { kind: 'error', text: errorText(err) };
    }
  }

  private async act(action: TicketDeskAction) {
    const t = this.found;
    if (!t || this.busy) return;
    if (action === 'cancel' && !this.confirming) {
      this.confirming = true;
      return;
    }
    this.busy = true;
    try {
      const res = await command<{ ticket: Found }>(`/tickets/${encodeURIComponent(t.id)}/${action}`, { hall: this.hall || undefined, method: 'POST', token: this.token, body: {} });
      this.found = { ...t, ...res.data.ticket };
      this.note = action === 'reactivate' ? { kind: 'ok', text: `${t.number} 已恢复排队 · Back in the queue` } : { kind: 'ok', text: `${t.number} 已取消 · Cancelled` };
    } catch (err) {
      this.note = { kind: 'error', text: errorText(err) };
    } finally {
      this.busy = false;
      this.confirming = false;
    }
  }

  render() {
    return html`<form @submit=${this.find}>
        <input name="number" autocomplete="off" maxlength="8" placeholder="号码 Number, e.g. A012" aria-label="号码 Ticket number" data-test="number-input" />
        <button type="submit" data-test="number-find">查询 Find</button>
      </form>
      ${this.found ? this.renderFound(this.found) : nothing}
      ${this.note ? html`<div class="note ${this.note.kind}" role="status" data-test="number-note">${this.note.text}</div>` : nothing}`;
  }

  private renderFound(t: Found) {
    const label = STATUS_LABELS[t.status];
    const actions = ticketDeskActions(t.status);
    return html`<div class="ticket" data-test="number-ticket">
      <span class="num">${t.number}</span>
      <span class="state" data-test="number-status">${label.zh} · ${label.en}</span>
      ${t.status === 'waiting' && t.ahead !== undefined ? html`<span>前面 ${t.ahead} 人 · ${t.ahead} ahead</span>` : nothing}
      ${t.status === 'transferred' && t.transferredToNumber ? html`<span>新号码 New number <b>${t.transferredToNumber}</b></span>` : nothing}
      <span class="actions">
        ${actions.includes('reactivate')
          ? html`<button type="button" @click=${() => this.act('reactivate')} ?disabled=${this.busy} data-test="number-reactivate">恢复排队 Rejoin queue</button>`
          : nothing}
        ${actions.includes('cancel')
          ? this.confirming
            ? html`<button type="button" class="danger" @click=${() => this.act('cancel')} ?disabled=${this.busy} data-test="number-cancel-confirm">确认取消 Confirm cancel</button>
                <button type="button" class="quiet" @click=${() => (this.confirming = false)}>不取消 Keep</button>`
            : html`<button type="button" class="danger" @click=${() => this.act('cancel')} ?disabled=${this.busy} data-test="number-cancel">取消此号 Cancel</button>`
          : nothing}
      </span>
    </div>`;
  }
}
customElements.define('ow-ticket-by-number', OwTicketByNumber);
