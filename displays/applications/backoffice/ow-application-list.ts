// The approvers' work list (/backoffice/applications): the applications of the services this
// approver covers, overdue ones first and marked; approve, return for correction with what is
// missing (the notice prints), or refuse with a reason. Signs in with the back office's token.
import { LitElement, css, html, nothing } from 'lit';
import { RequestError, request } from '../../live/request.ts';
import { errorLine } from '../../logic/error-text.ts';

const TOKEN_KEY = 'onewindow.backoffice.token';

interface Item {
  receipt: string;
  serviceId: string;
  status: string;
  company?: string;
  promisedDate: string;
  receivedDay: string;
  overdue: boolean;
  dueToday: boolean;
  materials: { zh: string }[];
}

export class OwApplicationList extends LitElement {
  static properties = { hall: { type: String }, token: { state: true }, items: { state: true }, error: { state: true } };
  hall = '';
  private token = '';
  private items?: Item[];
  private error = '';

  static styles = css`
    :host { display: block; max-width: 60rem; margin: 0 auto; padding: 1rem; font: 15px/1.5 system-ui, 'WenQuanYi Zen Hei', sans-serif; color: #1b2430; }
    .app { border: 1px solid #d0d7de; border-radius: .5rem; padding: .7rem; margin: .5rem 0; background: #fff; }
    .app.overdue { border-left: 6px solid #c8102e; background: #fff0f0; }
    .app.due { border-left: 6px solid #bf8700; }
    .flag { color: #c8102e; font-weight: 700; }
    input { font: inherit; padding: .3rem; }
    button { font: inherit; padding: .3rem .8rem; margin: .2rem .2rem 0 0; }
    .err { color: #c8102e; }
  `;

  connectedCallback() {
    super.connectedCallback();
    try {
      this.token = localStorage.getItem(TOKEN_KEY) ?? '';
    } catch {
      /* private mode */
    }
    if (this.token) void this.load();
  }

  private async load() {
    try {
      this.items = (await request<{ applications: Item[] }>('/applications?status=open', { hall: this.hall || undefined, token: this.token })).applications;
      this.error = '';
    } catch (err) {
      this.error = errorLine(err);
      if (err instanceof RequestError && (err.status === 401 || err.status === 403)) this.items = undefined;
    }
  }

  private signIn(e: Event) {
    e.preventDefault();
    this.token = ((e.target as HTMLFormElement).elements.namedItem('token') as HTMLInputElement).value.trim();
    try {
      localStorage.setItem(TOKEN_KEY, this.token);
    } catch {
      /* private mode */
    }
    void this.load();
  }

  private async act(a: Item, action: 'approve' | 'return' | 'refuse', form?: HTMLFormElement) {
    const text = (form?.elements.namedItem('text') as HTMLInputElement | null)?.value.trim() ?? '';
    const body =
      action === 'return' ? { missing: text.split(/[,，、]/).map((s) => s.trim()).filter(Boolean) } : action === 'refuse' ? { reason: text } : {};
    try {
      await request(`/applications/${a.receipt}/${action}`, { hall: this.hall || undefined, body, token: this.token });
      await this.load();
    } catch (err) {
      this.error = errorLine(err);
    }
  }

  private renderItem(a: Item) {
    const cls = `app ${a.overdue ? 'overdue' : a.dueToday ? 'due' : ''}`;
    const form = (e: Event) => (e.target as HTMLElement).closest('.app')!.querySelector('form') as HTMLFormElement;
    return html`<div class=${cls} data-receipt=${a.receipt}>
      <div>
        <b>${a.receipt}</b> · ${a.serviceId}${a.company ? html` · ${a.company}` : nothing} · 受理 ${a.receivedDay} · 承诺 ${a.promisedDate}
        ${a.overdue ? html`<span class="flag">已超期 Overdue</span>` : a.dueToday ? html`<span class="flag">今日到期 Due today</span>` : nothing}
        ${a.status === 'returned' ? html`<span>（补正中 awaiting corrections）</span>` : nothing}
      </div>
      <div>已收材料 Received: ${a.materials.map((m) => m.zh).join('、') || '—'}</div>
      <form @submit=${(e: Event) => e.preventDefault()}><input name="text" placeholder="缺少的材料（顿号分隔）或不予批准的原因 Missing papers, or the reason" size="40" /></form>
      ${a.status === 'received' ? html`<button class="approve" @click=${() => this.act(a, 'approve')}>批准 Approve</button>` : nothing}
      ${a.status === 'received' ? html`<button class="return" @click=${(e: Event) => this.act(a, 'return', form(e))}>补正 Return</button>` : nothing}
      <button class="refuse" @click=${(e: Event) => this.act(a, 'refuse', form(e))}>不予批准 Refuse</button>
    </div>`;
  }

  render() {
    if (!this.token || !this.items)
      return html`<h1>办件审批 Applications</h1>
        <form @submit=${this.signIn}>
          <label>审批口令 Approver token <input name="token" type="password" autocomplete="off" /></label>
          <button type="submit">登录 Sign in</button>
        </form>
        ${this.error ? html`<p class="err">${this.error}</p>` : nothing}`;
    return html`<h1>办件审批 Applications</h1>
      ${this.error ? html`<p class="err">${this.error}</p>` : nothing}
      ${this.items.length === 0 ? html`<p>暂无待审批 Nothing to approve</p>` : this.items.map((a) => this.renderItem(a))}`;
  }
}

customElements.define('ow-application-list', OwApplicationList);
