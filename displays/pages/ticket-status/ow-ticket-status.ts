// The ticket status page (/t/<id>) a visitor opens from the ticket's QR code on a phone.
// Live: the shared controller's events tell it when to re-read the ticket's public status.
import { LitElement, css, html, nothing } from 'lit';
import type { PublicTicket } from '../../../server/realtime/contract.ts';
import { ApiError, api } from '../../live/api.ts';
import { HallController } from '../../live/hall-controller.ts';
import { formatClock } from '../../logic/format.ts';
import { serviceName } from '../../logic/labels.ts';
import { ticketStatusView } from '../../logic/ticket-status.ts';
import { consoleTheme } from '../../parts/theme.ts';
import '../../ratings/ow-rate-form.ts';

type Status = PublicTicket & { service?: string };

export class OwTicketStatus extends LitElement {
  static properties = { hall: { type: String }, ticket: { type: String }, status: { state: true }, missing: { state: true } };
  hall = '';
  ticket = '';
  private status?: Status;
  private missing = false;
  /** The rating key from the QR link (`/t/<id>?k=…`): without it this page cannot rate the ticket. */
  private readonly ratingKey = new URLSearchParams(location.search).get('k') ?? '';
  private live!: HallController;
  private refreshing?: Promise<void>;
  private again = false;

  connectedCallback() {
    this.live ??= new HallController(this, {
      hall: this.hall || undefined,
      onTicketEvent: (_name, e) => {
        // Our own ticket's change is in the event; anyone else's may change how many are ahead.
        if (e.ticket.id === this.ticket) this.status = { ...this.status, ...e.ticket };
        if (this.status?.status === 'waiting' || e.ticket.id === this.ticket) void this.refresh();
      },
    });
    super.connectedCallback();
    void this.refresh();
  }

  /** Re-reads the public status; calls that come while one is running fold into one more. */
  private refresh(): Promise<void> {
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      try {
        do {
          this.again = false;
          try {
            this.status = (await api<Status>(`/tickets/${encodeURIComponent(this.ticket)}`, { hall: this.hall || undefined })).data;
            this.missing = false;
          } catch (err) {
            if (err instanceof ApiError && err.status === 404) this.missing = true;
          }
        } while (this.again);
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }

  private wasConnected = false;
  protected willUpdate() {
    // After a reconnect, read the status again: events may have been missed meanwhile.
    if (this.live.connected && !this.wasConnected) void this.refresh();
    this.wasConnected = this.live.connected;
  }

  static styles = [
    consoleTheme,
    css`
      :host {
        display: block;
        min-height: 100vh;
        background: #f3f5f9;
        padding: 0 0 24px;
      }
      header {
        background: #c8102e;
        color: #fff;
        padding: 16px 20px;
        font-size: 20px;
        font-weight: 700;
      }
      header small {
        display: block;
        font-size: 14px;
        font-weight: 400;
        opacity: 0.9;
      }
      .card {
        margin: 16px;
        background: #fff;
        border-radius: 18px;
        padding: 22px 20px;
        box-shadow: 0 2px 8px #0001;
        text-align: center;
      }
      .label {
        color: var(--ow-dim);
        font-size: 18px;
      }
      .num {
        font-size: 96px;
        font-weight: 800;
        line-height: 1.05;
        font-variant-numeric: tabular-nums;
      }
      .headline {
        margin: 16px;
        border-radius: 18px;
        padding: 26px 18px;
        text-align: center;
        background: #e3eefc;
        color: #0d3c7a;
      }
      .rate-qr {
        margin: 16px;
        padding: 18px;
        border-radius: 14px;
        background: #fff;
        text-align: center;
        font-size: 18px;
        color: var(--ow-dim);
      }
      .headline .zh {
        font-size: 38px;
        font-weight: 800;
      }
      .headline .en {
        font-size: 20px;
        margin-top: 6px;
      }
      .headline .detail {
        margin-top: 12px;
        font-size: 17px;
        opacity: 0.85;
      }
      .headline.go {
        background: #0f8a55;
        color: #fff;
        animation: pop 1s ease-in-out 3;
      }
      .headline.serving {
        background: #d8f5e6;
        color: #0b5e3a;
      }
      .headline.over {
        background: #eceff3;
        color: #4a5a70;
      }
      @keyframes pop {
        50% {
          transform: scale(1.04);
        }
      }
      .follow {
        display: block;
        margin: 16px;
        padding: 16px;
        border-radius: 14px;
        background: #0d3c7a;
        color: #fff;
        text-align: center;
        font-size: 19px;
        font-weight: 700;
        text-decoration: none;
      }
      .live {
        text-align: center;
        color: var(--ow-dim);
        font-size: 15px;
      }
      .live i {
        display: inline-block;
        width: 10px;
        height: 10px;
        border-radius: 50%;
        background: #0f8a55;
        margin-right: 6px;
      }
      .live.off i {
        background: #c8102e;
      }
    `,
  ];

  render() {
    const info = this.live.info;
    const header = html`<header>${info?.name.zh ?? '排号查询'}<small>${info?.name.en ?? 'Ticket status'}</small></header>`;
    if (this.missing)
      return html`${header}
        <div class="headline over" data-test="status-headline">
          <div class="zh">找不到这张号</div>
          <div class="en">This ticket was not found</div>
          <div class="detail">号码只在取号当天有效 · Tickets are valid on the day they are issued</div>
        </div>`;
    const t = this.status;
    if (!t?.number) return html`${header}<div class="card label">正在加载… Loading…</div>`;
    const view = ticketStatusView(t);
    const svc = serviceName(info, t.serviceId);
    const tz = info?.timeZone ?? 'Asia/Shanghai';
    return html`${header}
      <div class="card">
        <div class="label">您的号码 · Your number</div>
        <div class="num" data-test="status-number">${t.number}</div>
        <div class="label">${svc.zh} · ${svc.en}</div>
      </div>
      <div class="headline ${view.tone}" role="status" aria-live="assertive" data-test="status-headline">
        <div class="zh">${view.headline.zh}</div>
        <div class="en">${view.headline.en}</div>
        ${view.detail ? html`<div class="detail">${view.detail.zh} · ${view.detail.en}</div>` : nothing}
      </div>
      ${t.status === 'transferred' && t.transferredTo ? this.renderNewTicketLink(t.transferredTo) : nothing}
      ${t.status === 'done' ? this.renderRating() : nothing}
      <div class="live ${this.live.connected ? '' : 'off'}">
        <i></i>${this.live.connected ? `实时更新 · Live · ${formatClock(this.live.now(), tz, false)}` : '连接中断，正在重连 · Reconnecting…'}
      </div>`;
  }

  /** The transfer's new ticket: its own status page, in the same hall. */
  private renderNewTicketLink(newId: string) {
    const href = `/t/${encodeURIComponent(newId)}${location.search.includes('hall=') ? `?hall=${encodeURIComponent(this.hall)}` : ''}`;
    return html`<a class="follow" href=${href} data-test="new-ticket-link">查看新号码进度 · Follow the new number</a>`;
  }

  /** The form only for who opened the QR's link: the ticket id alone is public. */
  private renderRating() {
    if (!this.ratingKey) return html`<div class="rate-qr" data-test="rate-needs-qr">请扫描号票上的二维码评价 · Scan the QR on your ticket to rate</div>`;
    return html`<ow-rate-form hall=${this.hall} ticket=${this.ticket} .ratingKey=${this.ratingKey}></ow-rate-form>`;
  }
}
customElements.define('ow-ticket-status', OwTicketStatus);
