// The approver console (/backoffice): help requests of the services this approver covers arrive
// live on the private consoles namespace; accept one, talk with the window, close it with an answer.
import { LitElement, css, html, nothing } from 'lit';
import { io, type Socket } from 'socket.io-client';
import { CONSOLE_NAMESPACE, type AssistLiveEvent, type AssistRequest } from '../../../server/assist/contract.ts';
import { request } from '../../live/request.ts';
import { plainPage } from '../../parts/page-styles.ts';
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
    serviceNames: { state: true },
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
  /** The hall's service names by id: a request shows 医保业务, not "medical". */
  private serviceNames: Record<string, string> = {};
  private socket?: Socket;
  private ticker?: ReturnType<typeof setInterval>;

  static styles = [
    plainPage,
    css`
      .page {
        max-width: 60rem;
      }
      .req {
        border-left: 8px solid var(--ow-line);
      }
      .req[data-status='open'] {
        border-left-color: var(--ow-red);
      }
      .req[data-status='accepted'] {
        border-left-color: var(--ow-blue);
      }
      .meta {
        color: var(--ow-dim);
        font-size: 16px;
      }
      .q {
        font-size: 22px;
        font-weight: 700;
        margin: 6px 0;
      }
      /* A line of the conversation (not the page's message box). */
      .req .msg {
        margin: 4px 0;
        padding: 0;
        background: none;
        color: inherit;
        font-weight: 400;
      }
      .req .msg b {
        color: var(--ow-blue);
      }
      .req form {
        display: grid;
        gap: 8px;
        margin-top: 10px;
      }
      .status {
        color: #cfe0ff;
        font-size: 16px;
      }
    `,
  ];

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
    void this.loadServiceNames();
  }

  private async loadServiceNames() {
    try {
      const hall = await request<{ services: { id: string; name: { zh: string } }[] }>('/hall', { hall: this.hall || undefined });
      this.serviceNames = Object.fromEntries(hall.services.map((s) => [s.id, s.name.zh]));
    } catch {
      /* the id stays until the page is reloaded */
    }
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
    return html`<div class="req card" data-status=${r.status} data-id=${r.id}>
      <div class="meta">
        ${STATUS_LABEL[r.status]} · ${r.windowId}号窗口 · ${r.ticketNumber} · ${this.serviceNames[r.serviceId] ?? r.serviceId}${r.company ? html` · ${r.company}` : nothing} · ${r.askedBy} ·
        已等 ${waited(r.askedAt, r.answeredAt ?? this.now)}
      </div>
      <div class="q">${r.question}</div>
      ${r.messages.map((m) => html`<div class="msg"><b>${m.from === 'clerk' ? '窗口' : '审批'} ${m.by}:</b> ${m.text}</div>`)}
      ${r.answer ? html`<div class="msg"><b>答复 Answer (${r.acceptedBy}):</b> ${r.answer}</div>` : nothing}
      ${r.status === 'open' ? html`<button class="accept primary" @click=${() => this.act(`/assist/${r.id}/accept`)}>接单 Accept</button>` : nothing}
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
    const signedIn = (this.token || this.session) && !(!this.connected && this.error);
    return html`<div class="bar">
        <h1>后台审批</h1>
        <small>Back office${this.me ? ` · ${this.me}` : ''}</small>
        ${signedIn && !this.connected ? html`<span class="status">连接中… Connecting</span>` : nothing}
      </div>
      <div class="page">${signedIn ? this.renderRequests() : this.renderSignIn()}</div>`;
  }

  private renderSignIn() {
    return html`<form class="staff card" @submit=${this.staffSignIn}>
        <h2>工号登录 Staff sign-in</h2>
        <label>工号 Staff number <input name="staffNumber" autocomplete="username" inputmode="numeric" /></label>
        <label>密码 Password <input name="password" type="password" autocomplete="current-password" /></label>
        <button type="submit">登录 Sign in</button>
      </form>
      <form class="card" @submit=${this.signIn}>
        <label>审批口令 Approver token <input name="token" type="password" autocomplete="off" /></label>
        <button type="submit">登录 Sign in</button>
      </form>
      ${this.error ? html`<p class="msg err">${this.error}</p>` : nothing}`;
  }

  private renderRequests() {
    const list = ordered(this.requests);
    return html`${this.error ? html`<p class="msg err">${this.error}</p>` : nothing}
      ${list.length === 0 ? html`<p class="card dim">暂无求助 No requests</p>` : list.map((r) => this.renderRequest(r))}`;
  }
}

customElements.define('ow-backoffice', OwBackoffice);
