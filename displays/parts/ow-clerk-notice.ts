// The clerk's one-time notice (一次性告知单): a checklist of the service's materials from the
// knowledge base plus notes, sent to POST /api/windows/:id/notice; shows whether it printed and a
// link to the HTML notice. Thin: wording and the request body come from logic/service-wording.ts.
import { LitElement, css, html, nothing } from 'lit';
import { api, errorText } from '../live/api.ts';
import { materialForm, noticeRequest, noticeResultText, type KbEntry, type NoticePrintResult } from '../logic/service-wording.ts';
import { consoleTheme } from './theme.ts';

export class OwClerkNotice extends LitElement {
  static properties = {
    hall: { type: String },
    window: { type: String },
    token: { type: String },
    service: { type: String },
    ticketNumber: { type: String, attribute: 'ticket-number' },
    entry: { state: true },
    checked: { state: true },
    result: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  hall = '';
  window = '';
  token = '';
  service = '';
  ticketNumber = '';
  private entry?: KbEntry;
  private checked = new Set<string>();
  private result?: { text: string; html: string };
  private error = '';
  private busy = false;
  private loadedFor = '';

  static styles = [
    consoleTheme,
    css`
      :host {
        display: block;
        font-size: 22px;
      }
      ul {
        list-style: none;
        padding: 0;
        margin: 8px 0;
        display: grid;
        gap: 6px;
      }
      label {
        display: flex;
        gap: 12px;
        align-items: center;
        padding: 8px 10px;
        border: 2px solid var(--ow-line);
        border-radius: 10px;
        cursor: pointer;
      }
      label.on {
        border-color: var(--ow-red);
        background: #fff3f4;
      }
      input[type='checkbox'] {
        width: 26px;
        height: 26px;
      }
      small {
        color: var(--ow-dim);
        font-size: 17px;
      }
      textarea {
        width: 100%;
        box-sizing: border-box;
        font: inherit;
        font-size: 20px;
        padding: 8px;
        border: 2px solid var(--ow-line);
        border-radius: 10px;
      }
      button.send {
        margin-top: 10px;
        font: inherit;
        font-weight: 800;
        padding: 12px 24px;
        border: 0;
        border-radius: 10px;
        background: #1d6fd6;
        color: #fff;
        cursor: pointer;
      }
      .ok {
        margin-top: 10px;
        padding: 10px 14px;
        border-radius: 10px;
        background: #d8f5e6;
        color: #0b5e3a;
      }
      .err {
        margin-top: 10px;
        color: #9b0d22;
        font-weight: 700;
      }
    `,
  ];

  protected willUpdate(): void {
    if (this.service && this.service !== this.loadedFor) {
      this.loadedFor = this.service;
      this.entry = undefined;
      this.checked = new Set();
      this.result = undefined;
      void this.load(this.service);
    }
  }

  private async load(service: string) {
    try {
      const { data } = await api<KbEntry>(`/kb/${encodeURIComponent(service)}`, { hall: this.hall || undefined });
      if (service === this.service) this.entry = data;
    } catch (err) {
      this.error = errorText(err);
    }
  }

  private toggle(name: string) {
    const next = new Set(this.checked);
    if (next.has(name)) next.delete(name);
    else next.add(name);
    this.checked = next;
  }

  private async send(e: Event) {
    e.preventDefault();
    const notes = (this.renderRoot.querySelector('textarea') as HTMLTextAreaElement | null)?.value ?? '';
    const req = noticeRequest([...this.checked], notes);
    if ('error' in req) {
      this.error = req.error;
      return;
    }
    this.busy = true;
    try {
      const { data } = await api<{ html: string; print?: NoticePrintResult }>(`/windows/${encodeURIComponent(this.window)}/notice`, {
        hall: this.hall || undefined,
        method: 'POST',
        token: this.token,
        body: req.body,
      });
      this.result = { text: noticeResultText(data.print), html: data.html };
      this.error = '';
    } catch (err) {
      this.error = `未生成：${errorText(err)}`;
    } finally {
      this.busy = false;
    }
  }

  render() {
    if (!this.service) return html`<p>当前没有办理中的号 · No ticket at the counter</p>`;
    const e = this.entry;
    return html`<form @submit=${this.send}>
      <div>${this.ticketNumber} · ${e ? html`${e.title.zh} <small>${e.title.en}</small>` : '…'}</div>
      <div><small>勾选访客缺少的材料 · Tick what the visitor is missing</small></div>
      <ul data-test="notice-materials">
        ${(e?.materials ?? []).map((m) => {
          const f = materialForm(m);
          const on = this.checked.has(m.zh);
          return html`<li>
            <label class=${on ? 'on' : ''}
              ><input type="checkbox" .checked=${on} @change=${() => this.toggle(m.zh)} />
              <span>${m.zh} <small>${m.en}${f.zh ? ` · ${f.zh} ${f.en}` : ''}</small></span></label
            >
          </li>`;
        })}
      </ul>
      <textarea name="notes" rows="2" placeholder="备注（如：需补盖公章）· Notes"></textarea>
      <button class="send" type="submit" ?disabled=${this.busy}>生成并打印告知单 · Make and print the notice</button>
      ${this.result
        ? html`<div class="ok" role="status" data-test="notice-result">
            ${this.result.text} · <a href=${this.result.html} target="_blank" data-test="notice-link">查看告知单 View notice</a>
          </div>`
        : nothing}
      ${this.error ? html`<div class="err" role="alert">${this.error}</div>` : nothing}
    </form>`;
  }
}
customElements.define('ow-clerk-notice', OwClerkNotice);
