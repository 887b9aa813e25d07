// A QR code drawn in the browser (qrcode package, SVG), for the kiosk's ticket.
import { LitElement, css, html } from 'lit';
import { unsafeSVG } from 'lit/directives/unsafe-svg.js';
import QRCode from 'qrcode';

export class OwQrCode extends LitElement {
  static properties = { value: { type: String }, svg: { state: true } };
  value = '';
  private svg = '';

  static styles = css`
    :host {
      display: inline-block;
      background: #fff;
      padding: 12px;
      border-radius: 12px;
    }
    div,
    svg {
      display: block;
      width: 100%;
      height: 100%;
    }
  `;

  protected willUpdate(changed: Map<string, unknown>) {
    if (changed.has('value')) {
      const v = this.value;
      if (!v) this.svg = '';
      else
        void QRCode.toString(v, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((svg) => {
          if (this.value === v) this.svg = svg;
        });
    }
  }

  render() {
    return html`<div data-test="qr" data-value=${this.value}>${unsafeSVG(this.svg)}</div>`;
  }
}
customElements.define('ow-qr-code', OwQrCode);
