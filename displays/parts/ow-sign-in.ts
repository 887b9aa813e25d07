// Token sign-in for a console: typed once, then kept in localStorage for that console.
import { LitElement, css, html } from 'lit';
import { consoleTheme } from './theme.ts';

export class OwSignIn extends LitElement {
  static properties = { heading: { type: String }, hint: { type: String }, error: { type: String } };
  heading = '';
  hint = '';
  error = '';

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
      .hint {
        color: var(--ow-dim);
        font-size: 16px;
      }
    `,
  ];

  private submit(e: Event) {
    e.preventDefault();
    const input = this.renderRoot.querySelector('input')!;
    const token = input.value.trim();
    if (!token) return;
    this.dispatchEvent(new CustomEvent('sign-in', { detail: token, bubbles: true, composed: true }));
  }

  render() {
    return html`<form @submit=${this.submit}>
      <h1>${this.heading}</h1>
      <label for="token">登录令牌 / Access token</label>
      <input id="token" name="token" type="password" autocomplete="off" autofocus data-test="token" />
      ${this.error ? html`<div class="err" role="alert">${this.error}</div>` : ''}
      <button type="submit" data-test="sign-in">登录 Sign in</button>
      <div class="hint">${this.hint}</div>
    </form>`;
  }
}
customElements.define('ow-sign-in', OwSignIn);
