// The wall display's sound switch. Off by default: browsers only play sound after a person has
// touched the page, and a hall may have the voice agent on its speakers instead. The choice is
// remembered on this screen.
import { LitElement, css, html } from 'lit';
import { soundOffIcon, soundOnIcon } from './icons.ts';

const KEY = 'onewindow.wall.sound';

export class OwSoundSwitch extends LitElement {
  static properties = { on: { type: Boolean, reflect: true }, last: { type: String } };
  on = localStorage.getItem(KEY) === 'on';
  /** The last number announced, shown beside the switch. */
  last = '';

  static styles = css`
    button {
      font: inherit;
      font-size: 20px;
      color: #e8eef8;
      background: rgba(255, 255, 255, 0.12);
      border: 1px solid rgba(255, 255, 255, 0.35);
      border-radius: 8px;
      padding: 6px 14px;
      cursor: pointer;
      display: inline-flex;
      align-items: center;
      gap: 8px;
      white-space: nowrap;
    }
    .icon {
      font-size: 24px;
      flex: none;
    }
    :host([on]) button {
      background: #1f9d55;
      border-color: #1f9d55;
    }
  `;

  render() {
    return html`<button data-test="sound-switch" aria-pressed=${this.on ? 'true' : 'false'} @click=${this.toggle}>
      ${this.on ? soundOnIcon : soundOffIcon}<span>${this.on ? '声音开 Sound on' : '声音关 Sound off'}${this.on && this.last ? ` · ${this.last}` : ''}</span>
    </button>`;
  }

  private toggle() {
    this.on = !this.on;
    localStorage.setItem(KEY, this.on ? 'on' : 'off');
    this.dispatchEvent(new CustomEvent('sound-change', { detail: { on: this.on }, bubbles: true, composed: true }));
  }
}

customElements.define('ow-sound-switch', OwSoundSwitch);
