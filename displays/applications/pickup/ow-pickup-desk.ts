// The pickup window (出件, /pickup/<window>): type the receipt number or scan the receipt's QR (a
// scanner types its /a/<receipt> link) → the application as the handover needs it (name and masked
// ID number to check, no phone) → record the pickup, or the courier and tracking number of a
// mailing. Signs in with the window's clerk token.
import { LitElement, css, html, nothing } from 'lit';
import { RequestError, request } from '../../live/request.ts';

interface Handover {
  receipt: string;
  serviceId: string;
  status: string;
  delivery: { type: 'pickup' } | { type: 'mail'; address: string };
  promisedDate: string;
  decidedDay?: string;
  refusalReason?: string;
  company?: string;
  visitor?: { name?: string; idNumber?: string };
  courier?: string;
  trackingNumber?: string;
}

const STATUS: Record<string, string> = {
  received: '审批中 Being approved',
  returned: '补正中 Awaiting corrections',
  approved: '可领取 Ready',
  refused: '不予批准（结果可领取）Refused, decision to collect',
  picked_up: '已领取 Picked up',
  mailed: '已邮寄 Mailed',
};

import { receiptIn } from '../receipt-number.ts';
import { errorLine } from '../../logic/error-text.ts';
export { receiptIn };

export class OwPickupDesk extends LitElement {
  static properties = { hall: { type: String }, window: { type: String }, token: { state: true }, app: { state: true }, done: { state: true }, error: { state: true } };
  hall = '';
  window = '';
  private token = '';
  private app?: Handover;
  private done = '';
  private error = '';

  static styles = css`
    :host { display: block; max-width: 48rem; margin: 0 auto; padding: 1rem; font: 18px/1.5 system-ui, 'WenQuanYi Zen Hei', sans-serif; color: #1b2430; }
    input { font: inherit; padding: .4rem; }
    button { font: inherit; padding: .4rem 1rem; margin: .3rem .3rem 0 0; cursor: pointer; }
    .card { border: 1px solid #d0d7de; border-radius: .5rem; padding: .8rem; margin: .8rem 0; background: #fff; }
    .status { font-weight: 700; }
    .ok { color: #0b8a55; font-weight: 700; }
    .err { color: #c8102e; font-weight: 700; }
  `;

  private get tokenKey() {
    return `onewindow.pickup.token.${this.hall || 'default'}.${this.window}`;
  }

  override connectedCallback() {
    super.connectedCallback();
    try {
      this.token = localStorage.getItem(this.tokenKey) ?? '';
    } catch {
      /* private mode */
    }
  }

  private signIn(e: Event) {
    e.preventDefault();
    this.token = ((e.target as HTMLFormElement).elements.namedItem('token') as HTMLInputElement).value.trim();
    try {
      localStorage.setItem(this.tokenKey, this.token);
    } catch {
      /* private mode */
    }
  }

  private async call<T>(path: string, body?: unknown): Promise<T | undefined> {
    this.error = '';
    try {
      return await request<T>(path, { hall: this.hall || undefined, token: this.token, ...(body === undefined ? {} : { body }) });
    } catch (err) {
      this.error = errorLine(err);
      if (err instanceof RequestError && err.status === 401) this.token = '';
      return undefined;
    }
  }

  private async lookUp(e: Event) {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).elements.namedItem('receipt') as HTMLInputElement;
    const receipt = receiptIn(input.value);
    this.app = undefined;
    this.done = '';
    if (!receipt) {
      this.error = '不是回执号 Not a receipt number';
      return;
    }
    input.value = '';
    this.app = await this.call<Handover>(`/applications/${receipt}`);
  }

  private async pickUp() {
    const out = await this.call<Handover>(`/applications/${this.app!.receipt}/pickup`, {});
    if (out) [this.app, this.done] = [out, '已记录领取 Pickup recorded'];
  }

  private async mail(e: Event) {
    e.preventDefault();
    const f = (e.target as HTMLFormElement).elements;
    const body = { courier: (f.namedItem('courier') as HTMLInputElement).value.trim(), trackingNumber: (f.namedItem('tracking') as HTMLInputElement).value.trim() };
    const out = await this.call<Handover>(`/applications/${this.app!.receipt}/mail`, body);
    if (out) [this.app, this.done] = [out, '已记录邮寄 Mailing recorded'];
  }

  private renderApp(a: Handover) {
    const ready = a.status === 'approved' || a.status === 'refused';
    return html`<div class="card" data-test="application">
      <div><b data-test="receipt">${a.receipt}</b> · ${a.serviceId} · <span class="status" data-test="status">${STATUS[a.status] ?? a.status}</span></div>
      ${a.visitor?.name ? html`<div>办事人 Visitor: <span data-test="visitor">${a.visitor.name}</span>${a.visitor.idNumber ? html` · ${a.visitor.idNumber}` : nothing}（请核对身份证 check the ID card）</div>` : nothing}
      ${a.company ? html`<div>单位 Company: ${a.company}</div>` : nothing}
      ${a.refusalReason ? html`<div>不予批准原因 Reason: ${a.refusalReason}</div>` : nothing}
      ${a.delivery.type === 'mail' ? html`<div>免费邮寄 Mail to: ${a.delivery.address}</div>` : nothing}
      ${a.trackingNumber ? html`<div>${a.courier} ${a.trackingNumber}</div>` : nothing}
      ${ready && a.delivery.type === 'pickup' ? html`<button data-test="pickup" @click=${() => this.pickUp()}>确认领取 Record pickup</button>` : nothing}
      ${a.status === 'approved' && a.delivery.type === 'mail'
        ? html`<form @submit=${(e: Event) => this.mail(e)}>
            <input name="courier" placeholder="快递公司 Courier" value="EMS" required />
            <input name="tracking" placeholder="运单号 Tracking number" required />
            <button type="submit" data-test="mail">记录邮寄 Record mailing</button>
          </form>`
        : nothing}
    </div>`;
  }

  render() {
    const head = html`<h1>${this.window} 号出件窗口 · Pickup window ${this.window}</h1>`;
    if (!this.token)
      return html`${head}
        <form @submit=${(e: Event) => this.signIn(e)}>
          <label>窗口令牌 Window token <input name="token" type="password" autocomplete="off" /></label>
          <button type="submit">登录 Sign in</button>
        </form>
        ${this.error ? html`<p class="err" role="alert">${this.error}</p>` : nothing}`;
    return html`${head}
      <form @submit=${(e: Event) => this.lookUp(e)}>
        <label>回执号或扫码 Receipt number or scan <input name="receipt" autofocus autocomplete="off" data-test="receipt-input" /></label>
        <button type="submit">查询 Look up</button>
      </form>
      ${this.error ? html`<p class="err" role="alert">${this.error}</p>` : nothing}
      ${this.done ? html`<p class="ok" data-test="done">${this.done}</p>` : nothing}
      ${this.app ? this.renderApp(this.app) : nothing}`;
  }
}

customElements.define('ow-pickup-desk', OwPickupDesk);
