// The clerk's 收件 panel, embedded in the clerk console: before finishing, tick the materials received
// (the service's knowledge-base list), choose pickup or free mailing, register: the receipt prints
// at the window and its number and status page show here.
import { LitElement, css, html, nothing } from 'lit';
import { request } from '../../live/request.ts';
import { tokenKeys } from '../../assist/clerk-assist/logic.ts';
import { errorLine } from '../../logic/error-text.ts';

interface Material {
  zh: string;
  en: string;
}

export class OwClerkRegister extends LitElement {
  static properties = { hall: { type: String }, window: { type: String }, materials: { state: true }, serviceId: { state: true }, message: { state: true }, mail: { state: true } };
  hall = '';
  window = '';
  private token = '';
  private serviceId = '';
  private materials: Material[] = [];
  private message = '';
  private mail = false;

  static styles = css`
    :host { display: block; border-top: 1px solid #d0d7de; margin-top: .8rem; padding-top: .5rem; }
    label { display: block; }
    input[name='address'] { width: 100%; box-sizing: border-box; }
    .receipt { font-weight: 700; color: #1a7f37; }
  `;

  connectedCallback() {
    super.connectedCallback();
    for (const k of tokenKeys(this.hall, this.window))
      try {
        this.token ||= localStorage.getItem(k) ?? '';
      } catch {
        /* private mode */
      }
  }

  private opts(body?: unknown) {
    return { hall: this.hall || undefined, ...(this.token ? { token: this.token } : {}), ...(body === undefined ? {} : { body }) };
  }

  /** The service of the visitor at the counter and its materials list. */
  private async load() {
    try {
      const w = await request<{ window: { current?: { serviceId: string } } }>(`/windows/${this.window}`, this.opts());
      this.serviceId = w.window.current?.serviceId ?? '';
      this.materials = this.serviceId ? (await request<{ materials: Material[] }>(`/kb/${this.serviceId}`, this.opts())).materials : [];
      this.message = this.serviceId ? '' : '窗口无办事人 No visitor at the counter';
    } catch (err) {
      this.message = errorLine(err);
    }
  }

  private async register(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const materials = [...form.querySelectorAll<HTMLInputElement>('input[name="material"]:checked')].map((i) => i.value);
    const address = (form.elements.namedItem('address') as HTMLInputElement | null)?.value.trim() ?? '';
    const delivery = this.mail ? { type: 'mail', address } : { type: 'pickup' };
    try {
      const out = await request<{ application: { receipt: string; promisedDate: string }; statusPage: string }>(
        `/windows/${this.window}/applications`,
        this.opts({ service: this.serviceId, materials, delivery }),
      );
      this.message = `受理编号 ${out.application.receipt} · 承诺 ${out.application.promisedDate}`;
    } catch (err) {
      this.message = errorLine(err);
    }
  }

  render() {
    return html`<details @toggle=${(e: Event) => (e.target as HTMLDetailsElement).open && this.load()}>
      <summary>收件登记 Register application</summary>
      ${this.serviceId
        ? html`<form @submit=${this.register}>
            ${this.materials.map((m) => html`<label><input type="checkbox" name="material" value=${m.zh} /> ${m.zh}</label>`)}
            <label><input type="checkbox" name="mail" @change=${(e: Event) => (this.mail = (e.target as HTMLInputElement).checked)} /> 免费邮寄 Free mailing</label>
            ${this.mail ? html`<input name="address" placeholder="邮寄地址 Address" />` : nothing}
            <button type="submit">登记并打印回执 Register and print</button>
          </form>`
        : nothing}
      ${this.message ? html`<p class="receipt" data-testid="register-message">${this.message}</p>` : nothing}
    </details>`;
  }
}

customElements.define('ow-clerk-register', OwClerkRegister);
