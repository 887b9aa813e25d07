// The approver console (/backoffice): help requests of the services this approver covers arrive
// live on the private consoles namespace; accept one, talk with the window, close it with an answer.
import { LitElement, css, html, nothing } from 'lit';
import { io, type Socket } from 'socket.io-client';
import { CONSOLE_NAMESPACE, type AssistLiveEvent, type AssistRequest } from '../../../server/assist/contract.ts';
import { request } from '../../live/request.ts';
import { STATUS_LABEL, ordered, upsert, waited } from './logic.ts';
import { connectErrorLine, errorLine } from '../../logic/error-text.ts';

const TOKEN_KEY = 'onewindow.backoffice.token';
const EVENTS = ['assist:requested', 'assist:accepted', 'assist:message', 'assist:answered', 'assist:withdrawn'] as const;

export class OwBackoffice extends LitElement {
  static properties = {
    hall: { type: String },
    token: { state: true },
    session: { state: true },
    me: { state: true },
    requests: { state: true },
    error: { state: true },
    connected: { state: true },
    now: { state: true },
  };
  hall = '';
  private token = '';
  /** Signed in with 工号 and password: the httpOnly session cookie goes with every request and the socket. */
  private session = false;
  private me = '';
  private requests: AssistRequest[] = [];
  private error = '';
  private connected = false;
  private now = Date.now();
  private socket?: Socket;
  private ticker?: ReturnType<typeof setInterval>;

  static styles = css`
    :host { display: block; max-width: 60rem; margin: 0 auto; padding: 1rem; font: 15px/1.5 system-ui, 'WenQuanYi Zen Hei', sans-serif; color: #1b2430; }
    h1 { font-size: 1.3rem; }
    .req { border: 1px solid #d0d7de; border-radius: .5rem; padding: .8rem; margin: .6rem 0; background: #fff; }
    .req[data-status='open'] { border-left: 6px solid #c8102e; }
    .req[data-status='accepted'] { border-left: 6px solid #2a6fdb; }
    .meta { color: #57606a; font-size: .9rem; }
    .q { font-size: 1.1rem; margin: .3rem 0; }
    .msg { margin: .2rem 0; }
    .msg b { color: #2a6fdb; }
    input, textarea { font: inherit; width: 100%; box-sizing: border-box; padding: .4rem; }
    button { font: inherit; padding: .4rem .9rem; margin-top: .3rem; }
    .err { color: #c8102e; }
  `;

  connectedCallback() {
    super.connectedCallback();
    try {
      this.token = localStorage.getItem(TOKEN_KEY) ?? '';
    } catch {
      /* private mode */
    }
    if (this.token) this.connect();
    else void this.resumeSession();
    this.ticker = setInterval(() => (this.now = Date.now()), 1000);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.socket?.close();
    clearInterval(this.ticker);
  }

  private connect() {
    this.socket?.close();
    this.error = '';
    const socket = io(CONSOLE_NAMESPACE, { auth: { ...(this.token ? { token: this.token } : {}), ...(this.hall ? { hall: this.hall } : {}) }, transports: ['websocket'] });
    this.socket = socket;
    socket.on('connect', () => (this.connected = true));
    socket.on('disconnect', () => (this.connected = false));
    socket.on('connect_error', (err) => {
      this.error = connectErrorLine(err.message);
    });
    socket.on('assist:snapshot', (s: { requests: AssistRequest[]; you: { name: string } }) => {
      this.requests = s.requests;
      this.me = s.you.name;
    });
    for (const name of EVENTS) socket.on(name, (e: AssistLiveEvent) => (this.requests = upsert(this.requests, e.request)));
  }

  private signIn(e: Event) {
    e.preventDefault();
    this.token = ((e.target as HTMLFormElement).elements.namedItem('token') as HTMLInputElement).value.trim();
    try {
      localStorage.setItem(TOKEN_KEY, this.token);
    } catch {
      /* private mode */
    }
    this.connect();
  }

  /** A session cookie from an earlier sign-in (a reload keeps it). */
  private async resumeSession() {
    try {
      await request('/session', { hall: this.hall || undefined });
      this.session = true;
      this.connect();
    } catch {
      /* not signed in: the sign-in forms show */
    }
  }

  private async staffSignIn(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    try {
      await request('/session', { hall: this.hall || undefined, body: { staffNumber: field('staffNumber'), password: field('password') } });
      this.token = '';
      this.session = true;
      this.connect();
    } catch (err) {
      this.error = errorLine(err);
    }
  }

  private async act(path: string, body: unknown = {}) {
    try {
      const r = await request<AssistRequest>(path, { hall: this.hall || undefined, body, token: this.token });
      this.requests = upsert(this.requests, r);
      this.error = '';
    } catch (err) {
      this.error = errorLine(err);
    }
  }

  private send(e: Event, r: AssistRequest, kind: 'messages' | 'answer') {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const input = form.elements.namedItem('text') as HTMLInputElement;
    const text = input.value.trim();
    if (!text) return;
    void this.act(`/assist/${r.id}/${kind}`, kind === 'answer' ? { answer: text } : { text }).then(() => (input.value = ''));
  }

  private renderRequest(r: AssistRequest) {
    return html`<div class="req" data-status=${r.status} data-id=${r.id}>
      <div class="meta">
        ${STATUS_LABEL[r.status]} · ${r.windowId}号窗口 · ${r.ticketNumber} · ${r.serviceId}${r.company ? html` · ${r.company}` : nothing} · ${r.askedBy} ·
        已等 ${waited(r.askedAt, r.answeredAt ?? this.now)}
      </div>
      <div class="q">${r.question}</div>
      ${r.messages.map((m) => html`<div class="msg"><b>${m.from === 'clerk' ? '窗口' : '审批'} ${m.by}:</b> ${m.text}</div>`)}
      ${r.answer ? html`<div class="msg"><b>答复 Answer (${r.acceptedBy}):</b> ${r.answer}</div>` : nothing}
      ${r.status === 'open' ? html`<button class="accept" @click=${() => this.act(`/assist/${r.id}/accept`)}>接单 Accept</button>` : nothing}
      ${r.status === 'accepted' && r.acceptedBy === this.me
        ? html`<form class="message" @submit=${(e: Event) => this.send(e, r, 'messages')}>
              <input name="text" placeholder="给窗口留言 Message the window" />
            </form>
            <form class="answer" @submit=${(e: Event) => this.send(e, r, 'answer')}>
              <textarea name="text" rows="2" placeholder="答复并关闭 Answer and close"></textarea>
              <button type="submit">答复 Answer</button>
            </form>`
        : nothing}
    </div>`;
  }

  render() {
    if ((!this.token && !this.session) || (!this.connected && this.error))
      return html`<h1>后台审批 Back office</h1>
        <form class="staff" @submit=${this.staffSignIn}>
          <label>工号 Staff number <input name="staffNumber" autocomplete="username" inputmode="numeric" /></label>
          <label>密码 Password <input name="password" type="password" autocomplete="current-password" /></label>
          <button type="submit">登录 Sign in</button>
        </form>
        <form @submit=${this.signIn}>
          <label>审批口令 Approver token <input name="token" type="password" autocomplete="off" /></label>
          <button type="submit">登录 Sign in</button>
        </form>
        ${this.error ? html`<p class="err">${this.error}</p>` : nothing}`;
    const list = ordered(this.requests);
    return html`<h1>后台审批 Back office ${this.connected ? '' : '（连接中…）'}</h1>
      ${this.error ? html`<p class="err">${this.error}</p>` : nothing}
      ${list.length === 0 ? html`<p>暂无求助 No requests</p>` : list.map((r) => this.renderRequest(r))}`;
  }
}

customElements.define('ow-backoffice', OwBackoffice);
