// Knowledge-base lookup for the triage desk (知识库查询): search (Chinese too) through
// GET /api/kb/search, pick a service, and read out its guide and the materials to bring.
// Reading a guide changes nothing at the desk: only its 选用此业务 button fires `kb-service`
// (detail: service id), so the desk issues for that service when the person at it says so.
import { LitElement, css, html, nothing } from 'lit';
import { api, errorText } from '../live/api.ts';
import { materialForm, type KbEntry, type KbSearchResult } from '../logic/service-wording.ts';
import { inlineForm } from './console-styles.ts';
import { consoleTheme } from './theme.ts';

export class OwKbLookup extends LitElement {
  static properties = {
    hall: { type: String },
    results: { state: true },
    entry: { state: true },
    error: { state: true },
    searched: { state: true },
  };
  hall = '';
  private results: KbSearchResult[] = [];
  private entry?: KbEntry;
  private error = '';
  private searched = '';

  static styles = [
    consoleTheme,
    inlineForm,
    css`
      input {
        font-size: 22px;
      }
      button {
        font: inherit;
        padding: 8px 16px;
        border-radius: 10px;
        border: 2px solid var(--ow-blue, #1d6fd6);
        background: #fff;
        color: var(--ow-blue, #1d6fd6);
        cursor: pointer;
      }
      button:focus-visible,
      input:focus-visible {
        outline: 3px solid #ffc400;
      }
      .hits {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        margin: 10px 0;
      }
      .hits button.on {
        background: var(--ow-blue, #1d6fd6);
        color: #fff;
      }
      .why {
        font-size: 15px;
        color: var(--ow-dim);
      }
      .hits button.on .why {
        color: #dfe9ff;
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 8px;
      }
      button.use {
        background: var(--ow-blue, #1d6fd6);
        color: #fff;
        font-weight: 700;
      }
      h3 {
        margin: 8px 0 4px;
        font-size: 24px;
      }
      p {
        margin: 4px 0 8px;
        line-height: 1.5;
      }
      table {
        width: 100%;
        border-collapse: collapse;
      }
      td {
        padding: 6px 4px;
        border-bottom: 1px solid var(--ow-line);
        vertical-align: top;
      }
      td.form {
        white-space: nowrap;
        font-weight: 700;
        color: #7a1fa2;
      }
      small {
        color: var(--ow-dim);
        font-size: 16px;
      }
      .err {
        color: #9b0d22;
        font-weight: 700;
      }
    `,
  ];

  /** Puts the cursor in the search box (the desk's F3). */
  focusSearch() {
    (this.renderRoot.querySelector('input') as HTMLInputElement | null)?.focus();
  }

  private async search(e: Event) {
    e.preventDefault();
    const q = (this.renderRoot.querySelector('input') as HTMLInputElement).value.trim();
    if (!q) return;
    try {
      const { data } = await api<{ results: KbSearchResult[] }>(`/kb/search?q=${encodeURIComponent(q)}&limit=8`, { hall: this.hall || undefined });
      this.results = data.results;
      this.searched = q;
      this.error = '';
      if (data.results[0]) await this.show(data.results[0].service);
      else this.entry = undefined;
    } catch (err) {
      this.error = errorText(err);
    }
  }

  /** Shows a service's guide and materials. */
  private async show(service: string) {
    try {
      const { data } = await api<KbEntry>(`/kb/${encodeURIComponent(service)}`, { hall: this.hall || undefined });
      this.entry = data;
    } catch (err) {
      this.error = errorText(err);
    }
  }

  /** The desk takes the shown service for the next number. */
  private use(service: string) {
    this.dispatchEvent(new CustomEvent('kb-service', { detail: service, bubbles: true, composed: true }));
  }

  render() {
    const e = this.entry;
    return html`
      <form @submit=${this.search}>
        <input name="q" type="search" autocomplete="off" placeholder="搜索：如 营业执照、社保卡、房产证 · Search (F3)" aria-label="知识库搜索 Search" />
        <button type="submit">查询 Search</button>
      </form>
      ${this.searched && !this.results.length ? html`<p data-test="kb-none">没有找到“${this.searched}” · Nothing found</p>` : nothing}
      ${this.results.length
        ? html`<div class="hits" data-test="kb-results">
            ${this.results.map(
              (r) => html`<button class=${e?.service === r.service ? 'on' : ''} data-service=${r.service} @click=${() => this.show(r.service)}>
                ${r.title.zh}<br /><span class="why">${r.matches[0]?.text.slice(0, 24) ?? ''}</span>
              </button>`,
            )}
          </div>`
        : nothing}
      ${e
        ? html`<section data-test="kb-entry" data-service=${e.service}>
            <div class="head">
              <h3>${e.title.zh} <small>${e.title.en}</small></h3>
              <button type="button" class="use" data-test="kb-use" @click=${() => this.use(e.service)}>选用此业务 Use this service</button>
            </div>
            <p>${e.guide.zh}</p>
            <b>带齐材料 · Materials to bring</b>
            <table data-test="kb-materials">
              ${e.materials.map((m) => {
                const f = materialForm(m);
                return html`<tr>
                  <td>${m.zh}<br /><small>${m.en}${m.note ? ` — ${m.note.zh}` : ''}</small></td>
                  <td class="form">${f.zh}<br /><small>${f.en}</small></td>
                </tr>`;
              })}
            </table>
            <p><small>收费 Fees: ${e.fees.zh}${e.timeLimit ? ` · 时限 ${e.timeLimit.zh}` : ''}</small></p>
          </section>`
        : nothing}
      ${this.error ? html`<p class="err" role="alert">${this.error}</p>` : nothing}
    `;
  }
}
customElements.define('ow-kb-lookup', OwKbLookup);
