// The kiosk's 领取办理结果 (collect a result): the visitor scans the receipt's QR code (a scanner
// types its text and Enter) and gets a number in the pickup service. Fires `issued` with the ticket
// for the kiosk's own result screen; a receipt that is not ready or is mailed gets a Chinese message.
import { LitElement, css, html, nothing } from 'lit';
import { ApiError, errorText, type IssuedTicket } from '../../live/api.ts';
import { command } from '../../live/retry.ts';
import { receiptIn } from '../receipt-number.ts';

/** Refusals that are the visitor's answer (not ready, mailed, unknown receipt), said as they are. */
const ANSWERS = new Set(['not_ready', 'not_for_pickup', 'unknown_application']);

export class OwKioskResultScan extends LitElement {
  static properties = { hall: { type: String }, token: { type: String }, open: { state: true }, message: { state: true }, busy: { state: true } };
  hall = '';
  token = '';
  private open = false;
  private message = '';
  private busy = false;

  static styles = css`
    button { font: inherit; font-size: 28px; padding: 20px 28px; border-radius: 14px; border: 2px solid #1d4ed8; background: #eff6ff; color: #1e3a8a; }
    .scan { display: grid; gap: 16px; margin: 16px 0; }
    input { font: inherit; font-size: 28px; padding: 16px; border-radius: 10px; border: 2px solid #94a3b8; }
    .error { color: #b91c1c; font-size: 24px; }
  `;

  protected updated() {
    if (this.open) this.renderRoot.querySelector<HTMLInputElement>('input')?.focus();
  }

  private async scan(e: Event) {
    e.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('input')!;
    const receipt = receiptIn(input.value);
    input.value = '';
    if (!receipt) return void (this.message = '无法识别回执，请扫描受理回执上的二维码 · Please scan the QR code on your receipt');
    if (this.busy) return;
    this.busy = true;
    try {
      const path = `/applications/${encodeURIComponent(receipt)}/pickup-ticket`;
      const res = await command<IssuedTicket>(path, { hall: this.hall || undefined, method: 'POST', token: this.token, body: {} });
      this.open = false;
      this.message = '';
      this.dispatchEvent(new CustomEvent<IssuedTicket>('issued', { detail: res.data, bubbles: true, composed: true }));
    } catch (err) {
      const known = err instanceof ApiError && ANSWERS.has(err.code) ? errorText(err) : undefined;
      this.message = known ?? `暂时无法取号，请到咨询台 · Please ask at the consultation desk (${errorText(err)})`;
    } finally {
      this.busy = false;
    }
  }

  render() {
    if (!this.open) return html`<button data-test="collect-result" @click=${() => (this.open = true)}>领取办理结果 · Collect a result</button>`;
    return html`<form class="scan" @submit=${(e: Event) => this.scan(e)}>
      <label for="receipt">请扫描受理回执上的二维码 · Scan the QR code on your receipt</label>
      <input id="receipt" data-test="receipt-scan" autocomplete="off" ?disabled=${this.busy} />
      ${this.message ? html`<div class="error" role="alert" data-test="scan-message">${this.message}</div>` : nothing}
      <button type="button" data-test="scan-back" @click=${() => ((this.open = false), (this.message = ''))}>返回 Back</button>
    </form>`;
  }
}
customElements.define('ow-kiosk-result-scan', OwKioskResultScan);
