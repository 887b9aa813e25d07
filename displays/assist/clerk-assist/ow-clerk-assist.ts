// The clerk's assist panel (/clerk-assist/:window, or embedded in the clerk console): one key to
// ask the back office about the visitor at the counter, the conversation live on the private
// consoles namespace, and the one-time notice of missing materials from the knowledge base.
import { LitElement, css, html, nothing } from 'lit';
import { io, type Socket } from 'socket.io-client';
import { CONSOLE_NAMESPACE, type AssistLiveEvent, type AssistRequest } from '../../../server/assist/contract.ts';
import { upsert } from '../backoffice/logic.ts';
import { request } from '../../live/request.ts';
import { currentRequest, statusLine, tokenKeys } from './logic.ts';
import { connectErrorLine, errorLine } from '../../logic/error-text.ts';

interface Material {
  zh: string;
  en: string;
  copies?: number;
  original?: boolean;
}

export class OwClerkAssist extends LitElement {
  static properties = {
    hall: { type: String },
    window: { type: String },
    /** Embedded where the page has its own one-time notice (the clerk console): leave it out here. */
    noNotice: { type: Boolean, attribute: 'no-notice' },
    token: { state: true },
    session: { state: true },
    requests: { state: true },
    materials: { state: true },
    ticketNumber: { state: true },
    noticeUrl: { state: true },
    message: { state: true },
  };
  hall = '';
  window = '';
  noNotice = false;
  private token = '';
  /** The clerk signed in at the console with 工号 and password: the session cookie authenticates. */
  private session = false;
  private requests: AssistRequest[] = [];
  private materials: Material[] = [];
  private ticketNumber = '';
  private noticeUrl = '';
  private message = '';
  private socket?: Socket;

  static styles = css`
    :host { display: block; max-width: 36rem; padding: 1rem; font: 15px/1.5 system-ui, 'WenQuanYi Zen Hei', sans-serif; }
    textarea, input { width: 100%; box-sizing: border-box; font: inherit; padding: .4rem; }
    button { font: inherit; padding: .5rem 1rem; margin-top: .4rem; }
    .assist { background: #c8102e; color: #fff; border: 0; border-radius: .4rem; font-weight: 700; }
    .box { border: 1px solid #d0d7de; border-radius: .5rem; padding: .8rem; margin-top: .8rem; }
    .answer { background: #e6f4ea; padding: .5rem; border-radius: .4rem; }
    .msg { color: #c8102e; }
  `;

  connectedCallback() {
    super.connectedCallback();
    for (const k of tokenKeys(this.hall, this.window)) {
      try {
        this.token ||= localStorage.getItem(k) ?? '';
      } catch {
        /* private mode */
      }
    }
    if (this.token) this.start();
    else void this.resumeSession();
  }

  /** A staff session (the console's sign-in cookie) stands in for a token. */
  private async resumeSession() {
    try {
      await request('/session', { hall: this.hall || undefined });
      this.session = true;
      this.start();
    } catch {
      /* not signed in: the token form shows */
    }
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.socket?.close();
  }

  private opts(body?: unknown) {
    return { hall: this.hall || undefined, token: this.token, ...(body === undefined ? {} : { body }) };
  }

  private start() {
    this.socket?.close();
    const socket = io(CONSOLE_NAMESPACE, { auth: { ...(this.token ? { token: this.token } : {}), ...(this.hall ? { hall: this.hall } : {}) }, transports: ['websocket'] });
    this.socket = socket;
    socket.on('connect_error', (e) => (this.message = connectErrorLine(e.message)));
    socket.on('assist:snapshot', (s: { requests: AssistRequest[] }) => (this.requests = s.requests));
    for (const name of ['assist:requested', 'assist:accepted', 'assist:message', 'assist:answered', 'assist:withdrawn'] as const)
      socket.on(name, (e: AssistLiveEvent) => (this.requests = upsert(this.requests, e.request)));
    void this.loadCounter();
  }

  /** The visitor at the counter and the materials list of their service. */
  private async loadCounter() {
    const w = await request<{ window: { current?: { number: string; serviceId: string; status: string } } }>(`/windows/${this.window}`, this.opts());
    const current = w.window.current;
    this.ticketNumber = current && (current.status === 'called' || current.status === 'serving') ? current.number : '';
    this.materials = [];
    if (this.ticketNumber && current) {
      try {
        this.materials = (await request<{ materials: Material[] }>(`/kb/${current.serviceId}`, this.opts())).materials;
      } catch {
        this.materials = [];
      }
    }
  }

  private async act(path: string, body: unknown = {}) {
    try {
      const r = await request<AssistRequest>(path, this.opts(body));
      this.requests = upsert(this.requests, r);
      this.message = '';
      return true;
    } catch (err) {
      this.message = errorLine(err);
      return false;
    }
  }

  private async ask(e: Event) {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).elements.namedItem('question') as HTMLTextAreaElement;
    if (await this.act(`/windows/${this.window}/assist`, { question: input.value })) input.value = '';
  }

  private async say(e: Event, r: AssistRequest) {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).elements.namedItem('text') as HTMLInputElement;
    if (await this.act(`/assist/${r.id}/messages`, { text: input.value })) input.value = '';
  }

  private async notice(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const missing = [...form.querySelectorAll<HTMLInputElement>('input[name="missing"]:checked')].map((i) => i.value);
    const notes = (form.elements.namedItem('notes') as HTMLInputElement).value.trim();
    try {
      const res = await request<{ html: string; print?: { queued: boolean } }>(`/windows/${this.window}/notice`, this.opts({ missing, ...(notes ? { notes } : {}) }));
      this.noticeUrl = res.html;
      this.message = res.print?.queued ? '告知单已打印 / Notice printed' : '告知单已生成（无打印机）/ Notice ready (no printer)';
    } catch (err) {
      this.message = errorLine(err);
    }
  }

  private signIn(e: Event) {
    e.preventDefault();
    this.token = ((e.target as HTMLFormElement).elements.namedItem('token') as HTMLInputElement).value.trim();
    try {
      localStorage.setItem(tokenKeys(this.hall, this.window).at(-1)!, this.token);
    } catch {
      /* private mode */
    }
    this.start();
  }

  render() {
    if (!this.token && !this.session)
      return html`<form @submit=${this.signIn}><label>窗口口令 Clerk token <input name="token" type="password" /></label><button>登录 Sign in</button></form>`;
    const r = currentRequest(this.requests, this.window);
    const pending = r && (r.status === 'open' || r.status === 'accepted');
    return html`
      <div>${this.window}号窗口 · ${this.ticketNumber ? html`当前 <b data-testid="ticket">${this.ticketNumber}</b>` : '暂无办理中的号 / Nobody at the counter'}
        <button @click=${() => this.loadCounter()}>刷新 Refresh</button></div>
      ${pending
        ? nothing
        : html`<form class="box" @submit=${this.ask}>
            <textarea name="question" rows="2" placeholder="要问后台什么？ What should the back office answer?"></textarea>
            <button class="assist" type="submit">一键呼叫 Ask the back office</button>
          </form>`}
      ${r
        ? html`<div class="box" data-status=${r.status}>
            <div data-testid="status">${statusLine(r)}</div>
            <div>问 Q: ${r.question}</div>
            ${r.messages.map((m) => html`<div>${m.from === 'clerk' ? '我' : m.by}: ${m.text}</div>`)}
            ${r.answer ? html`<div class="answer" data-testid="answer">${r.answer}</div>` : nothing}
            ${r.status === 'accepted'
              ? html`<form @submit=${(e: Event) => this.say(e, r)}><input name="text" placeholder="补充说明 Message" /></form>`
              : nothing}
            ${pending ? html`<button @click=${() => this.act(`/assist/${r.id}/withdraw`)}>撤回 Withdraw</button>` : nothing}
          </div>`
        : nothing}
      ${this.materials.length && !this.noNotice
        ? html`<form class="box notice" @submit=${this.notice}>
            <div>一次性告知单：勾选缺少的材料 / One-time notice: tick what is missing</div>
            ${this.materials.map((m) => html`<label><input type="checkbox" name="missing" value=${m.zh} /> ${m.zh} ${m.en}</label><br />`)}
            <input name="notes" placeholder="备注 Notes" />
            <button type="submit">打印告知单 Print notice</button>
            ${this.noticeUrl ? html`<a href=${this.noticeUrl} target="_blank" data-testid="notice-link">查看 View</a>` : nothing}
          </form>`
        : nothing}
      ${this.message ? html`<p class="msg" role="status">${this.message}</p>` : nothing}
    `;
  }
}

customElements.define('ow-clerk-assist', OwClerkAssist);
