// The ID-card panel of the kiosk (刷身份证取号): listens to the card reader's bridge on the kiosk PC
// (displays/card-reader/README.md) and fires `card-read` with what the card decides (card-take.ts)
// and `card-removed`. It shows only the masked name. Without a port it renders nothing.
import { LitElement, css, html, nothing } from 'lit';
import type { ReaderMessage } from '../card-reader/protocol.ts';
import { CardReaderLink } from './reader-link.ts';
import { takeFromCard, type CardTake } from './card-take.ts';

export class OwIdCardReader extends LitElement {
  static properties = {
    port: { type: Number },
    timeZone: { type: String, attribute: 'time-zone' },
    elderlyAge: { type: Number, attribute: 'elderly-age' },
    take: { attribute: false },
    ready: { state: true },
    error: { state: true },
  };
  port = 0;
  timeZone = 'Asia/Shanghai';
  elderlyAge = 70;
  /** The card read for the current visitor, set by the kiosk (cleared on reset). */
  take?: CardTake;
  private ready = false;
  private error = '';
  readonly link = new CardReaderLink(this, () => this.port, (m) => this.onMessage(m));

  private onMessage(m: ReaderMessage) {
    if (m.type === 'status') this.ready = m.reader === 'ready';
    else if (m.type === 'removed') this.dispatchEvent(new CustomEvent('card-removed', { bubbles: true, composed: true }));
    else {
      const r = takeFromCard(m, new Date(), this.timeZone, this.elderlyAge);
      this.error = r.ok ? '' : r.message;
      if (r.ok) this.dispatchEvent(new CustomEvent<CardTake>('card-read', { detail: r.take, bubbles: true, composed: true }));
    }
  }

  static styles = css`
    :host { display: block; }
    .panel { border: 4px solid #1b5e20; border-radius: 16px; padding: 20px 24px; background: #e8f5e9; font-size: 34px; font-weight: 700; }
    .panel small { display: block; font-size: 20px; font-weight: 400; color: #33691e; }
    .read { border-color: #0d47a1; background: #e3f2fd; }
    .err { border-color: #b71c1c; background: #ffebee; color: #b71c1c; font-size: 24px; }
  `;

  render() {
    if (!this.port) return nothing;
    if (this.take)
      return html`<div class="panel read" data-test="card-greeting">
        ${this.take.maskedName} 您好${this.take.lane === 'elderly' ? ' · 敬老优先' : ''}，请选择业务
        <small>ID card read${this.take.lane === 'elderly' ? ' — priority for the elderly' : ''}: please choose a service</small>
      </div>`;
    if (this.error) return html`<div class="panel err" role="alert" data-test="card-error">${this.error}</div>`;
    return html`<div class="panel" data-test="card-prompt">
      刷身份证取号 · 请将身份证放在读卡区
      <small>${this.ready ? 'Place your ID card on the reader' : '读卡器未连接 · card reader not connected — choose below'}</small>
    </div>`;
  }
}
customElements.define('ow-id-card-reader', OwIdCardReader);
