// Sign-in for a console: staff number (工号) and password for a person (with `staff`), or a device
// token typed once and kept in localStorage for that console (devices, demo tokens).
import { LitElement, css, html } from 'lit';
import { consoleTheme } from './theme.ts';

export class OwSignIn extends LitElement {
  static properties = { heading: { type: String }, hint: { type: String }, error: { type: String }, staff: { type: Boolean }, useToken: { state: true } };
  heading = '';
  hint = '';
  error = '';
  /** Offer staff number and password first (a person's console). */
  staff = false;
  useToken = false;

  static styles = [
    consoleTheme,
    css`
      :host {
        display: grid;
        place-items: center;
        min-height: 100vh;
        background: var(--ow-bg);
      }
      form {
        background: var(--ow-card);
        padding: 40px 48px;
        border-radius: 16px;
        box-shadow: 0 4px 20px #0002;
        width: min(560px, 92vw);
        display: grid;
        gap: 16px;
      }
      h1 {
        margin: 0;
        font-size: 32px;
      }
      label {
        font-size: 20px;
        color: var(--ow-dim);
      }
      input {
        font-size: 26px;
        padding: 12px 14px;
        border: 2px solid var(--ow-line);
        border-radius: 10px;
        font-family: inherit;
      }
      button {
        font-size: 26px;
        padding: 14px;
        border: 0;
        border-radius: 10px;
        background: var(--ow-blue);
        color: #fff;
        font-weight: 700;
        cursor: pointer;
      }
      .err {
        color: var(--ow-red);
        font-size: 20px;
      }
      button.switch {
        background: none;
        color: var(--ow-blue);
        font-size: 18px;
        font-weight: 400;
        padding: 4px;
      }
      .hint {
        color: var(--ow-dim);
        font-size: 16px;
      }
    `,
  ];

  private submit(e: Event) {
    e.preventDefault();
    if (this.staff && !this.useToken) {
      const staffNumber = this.renderRoot.querySelector<HTMLInputElement>('#staff-number')!.value.trim();
      const password = this.renderRoot.querySelector<HTMLInputElement>('#password')!.value;
      if (staffNumber && password) this.dispatchEvent(new CustomEvent('staff-sign-in', { detail: { staffNumber, password }, bubbles: true, composed: true }));
      return;
    }
    const input = this.renderRoot.querySelector('input')!;
    const token = input.value.trim();
    if (!token) return;
    this.dispatchEvent(new CustomEvent('sign-in', { detail: token, bubbles: true, composed: true }));
  }

  render() {
    const person = this.staff && !this.useToken;
    return html`<form @submit=${this.submit}>
      <h1>${this.heading}</h1>
      ${person
        ? html`<label for="staff-number">工号 / Staff number</label>
            <input id="staff-number" name="staffNumber" autocomplete="username" inputmode="numeric" autofocus data-test="staff-number" />
            <label for="password">密码 / Password</label>
            <input id="password" name="password" type="password" autocomplete="current-password" data-test="password" />`
        : html`<label for="token">登录令牌 / Access token</label>
            <input id="token" name="token" type="password" autocomplete="off" autofocus data-test="token" />`}
      ${this.error ? html`<div class="err" role="alert">${this.error}</div>` : ''}
      <button type="submit" data-test="sign-in">登录 Sign in</button>
      ${this.staff
        ? html`<button type="button" class="switch" data-test="switch-sign-in" @click=${() => (this.useToken = !this.useToken)}>
            ${person ? '使用设备令牌 · Use a device token' : '使用工号和密码 · Use staff number and password'}
          </button>`
        : ''}
      <div class="hint">${this.hint}</div>
    </form>`;
  }
}
customElements.define('ow-sign-in', OwSignIn);
