// The phone-sized booking page (/book): choose a service, a day and a free slot, give a name and
// phone, get a booking code; or cancel a booking with its code. Public: no token.
import { LitElement, css, html, nothing } from 'lit';
import { RequestError, request } from '../../live/request.ts';
import { codeLine, errorLine } from '../../logic/error-text.ts';
import { dayChoices, formProblem, groupSlots, selectable, slotLabel, type SlotView } from './logic.ts';
import { plainPage } from '../../parts/page-styles.ts';

interface Service {
  id: string;
  name: { zh: string; en: string };
}
interface Booked {
  code: string;
  service: string;
  date: string;
  time: string;
  phone: string;
  status: string;
  /** A pending booking (confirmation by SMS): until when the place is held for its code. */
  holdUntil?: number;
}

export class OwBook extends LitElement {
  static properties = {
    hall: { type: String },
    services: { state: true },
    service: { state: true },
    date: { state: true },
    slots: { state: true },
    slotsAsked: { state: true },
    chosen: { state: true },
    booked: { state: true },
    message: { state: true },
    offered: { state: true },
    busy: { state: true },
  };
  hall = '';
  private services: Service[] = [];
  private service = '';
  private date = '';
  private slots: SlotView[] = [];
  /** The slots request whose answer the page waits for (older answers are dropped). */
  private slotsAsked = '';
  private chosen?: SlotView;
  private booked?: Booked;
  private message = '';
  private offered: SlotView[] = [];
  private busy = false;
  private days = dayChoices(new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' }), 7);

  static styles = [
    plainPage,
    css`
      .page {
        max-width: 32rem;
      }
      .slots {
        display: grid;
        grid-template-columns: repeat(3, 1fr);
        gap: 8px;
      }
      .slots button {
        padding: 10px 4px;
        font-weight: 400;
      }
      .slots button[aria-pressed='true'] {
        background: var(--ow-blue);
        color: #fff;
      }
      .go {
        margin-top: 16px;
        width: 100%;
        padding: 14px;
        border-color: var(--ow-red);
      }
      .go,
      button.go[type='submit'] {
        background: var(--ow-red);
        color: #fff;
      }
      .code {
        font-size: 40px;
        letter-spacing: 4px;
        font-weight: 800;
        text-align: center;
        margin: 8px 0;
        color: var(--ow-red);
      }
    `,
  ];

  connectedCallback() {
    super.connectedCallback();
    this.date = this.days[0]!.date;
    void this.loadServices();
  }

  private async loadServices() {
    const hall = await request<{ services: Service[]; timeZone: string }>('/hall', { hall: this.hall || undefined });
    // Days in the hall's time zone, wherever the phone is.
    this.days = dayChoices(new Date().toLocaleDateString('en-CA', { timeZone: hall.timeZone }), 7);
    if (!this.days.some((d) => d.date === this.date)) this.date = this.days[0]!.date;
    this.services = hall.services.filter((s) => s.id !== 'complaints' && s.id !== 'pickup');
    this.service = this.services[0]?.id ?? '';
    await this.loadSlots();
  }

  private async loadSlots() {
    if (!this.service) return;
    // The previous choice's slots go at once, and an answer that comes back after a newer choice is
    // dropped: the page never shows one day's places (or taken places) under another day.
    const asked = `/appointments/slots?service=${encodeURIComponent(this.service)}&date=${this.date}`;
    this.slotsAsked = asked;
    this.slots = [];
    this.chosen = undefined;
    try {
      const res = await request<{ slots: SlotView[] }>(asked, { hall: this.hall || undefined });
      if (this.slotsAsked === asked) this.slots = res.slots;
    } catch (err) {
      if (!(err instanceof RequestError)) throw err;
      if (this.slotsAsked === asked) this.message = codeLine(err.code, err.message);
    } finally {
      if (this.slotsAsked === asked) this.slotsAsked = '';
    }
  }

  private async submit(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const name = (form.elements.namedItem('name') as HTMLInputElement).value.trim();
    const phone = (form.elements.namedItem('phone') as HTMLInputElement).value.trim();
    const problem = formProblem({ chosen: !!this.chosen, name, phone });
    if (problem || !this.chosen) return void (this.message = problem ?? '');
    this.busy = true;
    this.message = '';
    this.offered = [];
    try {
      this.booked = await request<Booked>('/appointments', {
        hall: this.hall || undefined,
        body: { service: this.service, slotStart: this.chosen.start, name, phone },
      });
    } catch (err) {
      if (!(err instanceof RequestError)) throw err;
      this.message = codeLine(err.code, err.message);
      this.offered = ((err.body.nextFree as SlotView[] | undefined) ?? []).map((s) => ({ ...s, available: 1 }));
      await this.loadSlots();
    } finally {
      this.busy = false;
    }
  }

  /** Confirmation by SMS: the 6-digit code turns the held place into a booking. */
  private async confirm(e: Event) {
    e.preventDefault();
    const sms = ((e.target as HTMLFormElement).elements.namedItem('sms') as HTMLInputElement).value.trim();
    try {
      this.booked = await request<Booked>(`/appointments/${encodeURIComponent(this.booked!.code)}/confirm`, {
        hall: this.hall || undefined,
        method: 'POST',
        body: { code: sms },
      });
      this.message = '';
    } catch (err) {
      if (!(err instanceof RequestError)) throw err;
      this.message = codeLine(err.code, err.message);
      if (err.code === 'confirm_attempts_exceeded' || err.code === 'hold_expired' || err.code === 'booking_not_pending') this.booked = undefined;
    }
  }

  private async pickOffered(s: SlotView) {
    if (s.date && s.date !== this.date) {
      this.date = s.date;
      await this.loadSlots();
    }
    this.chosen = this.slots.find((x) => x.start === s.start) ?? s;
    this.offered = [];
    this.message = '';
  }

  private async cancel(e: Event) {
    e.preventDefault();
    const code = ((e.target as HTMLFormElement).elements.namedItem('code') as HTMLInputElement).value.trim();
    try {
      await request(`/appointments/${encodeURIComponent(code)}/cancel`, { hall: this.hall || undefined, method: 'POST' });
      this.message = '预约已取消 / Booking cancelled';
      if (this.booked?.code === code.toUpperCase()) this.booked = undefined;
      await this.loadSlots();
    } catch (err) {
      this.message = errorLine(err);
    }
  }

  render() {
    return html`<div class="bar"><h1>预约办事</h1><small>Book an appointment</small></div>
      <div class="page">${this.renderBody()}</div>`;
  }

  private renderBody() {
    if (this.booked?.status === 'pending')
      return html`<h2>请输入短信验证码 Enter the SMS code</h2>
        <form class="card" @submit=${this.confirm}>
          <div>${this.booked.date} ${this.booked.time} · 手机 Phone ${this.booked.phone}</div>
          <label for="sms">验证码 Code</label>
          <input id="sms" name="sms" inputmode="numeric" maxlength="6" pattern="\\d{6}" required />
          <button class="go" type="submit">确认预约 Confirm</button>
          <p>名额为您保留至 ${new Date(this.booked.holdUntil ?? 0).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' })}，逾期自动释放。<br />The place is held for you until then.</p>
        </form>
        ${this.message ? html`<div class="msg" role="status">${this.message}</div>` : nothing}`;
    if (this.booked)
      return html`<h2>预约成功 Booked</h2>
        <div class="card">
          <div>预约码 Booking code</div>
          <div class="code" data-testid="code">${this.booked.code}</div>
          <div>${this.booked.date} ${this.booked.time} · ${this.services.find((s) => s.id === this.booked!.service)?.name.zh ?? ''}</div>
          <div>手机 Phone ${this.booked.phone}</div>
          <p>请在预约时段前30分钟至开始后15分钟内，凭预约码或手机号在自助机或咨询台签到。<br />Check in with the code or your phone from 30 minutes before your slot.</p>
        </div>
        <button class="go" @click=${() => ((this.booked = undefined), void this.loadSlots())}>再约一个 Book another</button>`;
    return html`<form class="card" @submit=${this.submit}>
        <label for="service">事项 Service</label>
        <select id="service" @change=${(e: Event) => ((this.service = (e.target as HTMLSelectElement).value), void this.loadSlots())}>
          ${this.services.map((s) => html`<option value=${s.id} ?selected=${s.id === this.service}>${s.name.zh} ${s.name.en}</option>`)}
        </select>
        <label for="date">日期 Day</label>
        <select id="date" @change=${(e: Event) => ((this.date = (e.target as HTMLSelectElement).value), void this.loadSlots())}>
          ${this.days.map((d) => html`<option value=${d.date} ?selected=${d.date === this.date}>${d.label}</option>`)}
        </select>
        ${this.slotsAsked ? html`<p class="dim">正在查询可约时段… / Looking up the slots…</p>` : this.slots.length === 0 ? html`<p class="dim">当天不开放预约 / No slots this day</p>` : nothing}
        ${groupSlots(this.slots).map(
          (g) => html`<label>${g.label}</label>
            <div class="slots">
              ${g.slots.map(
                (s) =>
                  html`<button type="button" data-time=${s.time} ?disabled=${!selectable(s)} data-past=${s.past ? 'true' : 'false'} aria-pressed=${this.chosen?.start === s.start ? 'true' : 'false'} @click=${() => (this.chosen = s)}>
                    ${slotLabel(s)}
                  </button>`,
              )}
            </div>`,
        )}
        <label for="name">姓名 Name</label>
        <input id="name" name="name" autocomplete="name" maxlength="50" required />
        <label for="phone">手机号 Phone</label>
        <input id="phone" name="phone" type="tel" inputmode="numeric" autocomplete="tel" required />
        <button class="go" type="submit" ?disabled=${this.busy}>提交预约 Book</button>
      </form>
      ${this.message ? html`<div class="msg" role="status">${this.message}</div>` : nothing}
      ${this.offered.length
        ? html`<div class="slots">${this.offered.map((s) => html`<button type="button" @click=${() => this.pickOffered(s)}>${s.date ?? ''} ${s.time}</button>`)}</div>`
        : nothing}
      <form class="card" @submit=${this.cancel}>
        <label for="code">取消预约 Cancel with your code</label>
        <input id="code" name="code" maxlength="8" />
        <button class="go" type="submit">取消 Cancel</button>
      </form>`;
  }
}

customElements.define('ow-book', OwBook);
