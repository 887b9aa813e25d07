// The triage desk's phone-consultation log (电话咨询): pick the service, the minutes, one key (Enter
// or the button) → POST /api/consultations. Counted in the hall's period summary.
import { LitElement, css, html, nothing } from 'lit';
import { api, errorText } from '../../live/api.ts';
import type { HallInfo } from '../../logic/labels.ts';
import { inlineForm } from '../../parts/console-styles.ts';
import { consoleTheme } from '../../parts/theme.ts';

export class OwConsultationLog extends LitElement {
  static properties = {
    hall: { type: String },
    token: { type: String },
    services: { state: true },
    logged: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  hall = '';
  token = '';
  private services: HallInfo['services'] = [];
  /** Consultations logged from this page, newest first. */
  private logged: { service: string; minutes: number }[] = [];
  private error = '';
  private busy = false;

  static styles = [
    consoleTheme,
    inlineForm,
    css`
      select,
      input {
        font: inherit;
        padding: 8px 12px;
        border: 2px solid var(--ow-line);
        border-radius: 10px;
      }
      input {
        flex: 0 0 5em;
      }
      button {
        font: inherit;
        padding: 8px 18px;
        border-radius: 10px;
        border: 0;
        background: var(--ow-green, #0b8a55);
        color: #fff;
        font-weight: 800;
        cursor: pointer;
      }
      .ok {
        font-weight: 700;
      }
      .err {
        color: #9b0d22;
        font-weight: 700;
      }
    `,
  ];

  override async connectedCallback() {
    super.connectedCallback();
    try {
      this.services = (await api<HallInfo>('/hall', { hall: this.hall || undefined })).data.services;
    } catch (err) {
      this.error = errorText(err);
    }
  }

  private async log(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const service = (form.elements.namedItem('service') as HTMLSelectElement).value;
    const minutes = Number((form.elements.namedItem('minutes') as HTMLInputElement).value);
    this.busy = true;
    this.error = '';
    try {
      await api('/consultations', { hall: this.hall || undefined, method: 'POST', token: this.token, body: { service, minutes } });
      this.logged = [{ service, minutes }, ...this.logged];
    } catch (err) {
      this.error = errorText(err);
    } finally {
      this.busy = false;
    }
  }

  render() {
    const name = (id: string) => this.services.find((s) => s.id === id)?.name.zh ?? id;
    const last = this.logged[0];
    return html`<form @submit=${(e: Event) => this.log(e)}>
        <select name="service" aria-label="业务 · Service" data-test="consultation-service">
          ${this.services.map((s) => html`<option value=${s.id}>${s.name.zh} · ${s.name.en}</option>`)}
        </select>
        <input name="minutes" type="number" min="1" max="240" value="3" aria-label="分钟 · Minutes" data-test="consultation-minutes" />
        <button type="submit" ?disabled=${this.busy} data-test="consultation-log">记一次 · Log</button>
      </form>
      ${last ? html`<p class="ok" data-test="consultation-logged">已记 ${this.logged.length} 次 · Logged ${this.logged.length}: ${name(last.service)} ${last.minutes} 分钟</p>` : nothing}
      ${this.error ? html`<p class="err" role="alert">${this.error}</p>` : nothing}`;
  }
}
customElements.define('ow-consultation-log', OwConsultationLog);
