// The mark a screen shows while it cannot reach the server; it goes away by itself on reconnect.
import { LitElement, css, html } from 'lit';

export class OwOfflineMark extends LitElement {
  static properties = { offline: { type: Boolean, reflect: true } };
  offline = false;

  static styles = css`
    :host {
      display: none;
    }
    :host([offline]) {
      display: inline-flex;
    }
    div {
      display: inline-flex;
      align-items: center;
      gap: 10px;
      padding: 8px 18px;
      border-radius: 999px;
      background: #fff;
      color: #c8102e;
      border: 3px solid #c8102e;
      font-weight: 700;
      font-size: 22px;
      animation: pulse 1.6s ease-in-out infinite;
    }
    i {
      width: 14px;
      height: 14px;
      border-radius: 50%;
      background: #c8102e;
    }
    @keyframes pulse {
      50% {
        opacity: 0.6;
      }
    }
  `;

  render() {
    return this.offline
      ? html`<div role="status" data-test="offline"><i></i>网络中断 · 正在重连 / Offline, reconnecting</div>`
      : html``;
  }
}
customElements.define('ow-offline-mark', OwOfflineMark);
