// The clerk console (叫号台) at one window: big action buttons with keypad shortcuts, the
// current ticket, this window's waiting list, today's counts, and the API's reason when refused.
import { LitElement, html, nothing } from 'lit';
import type { PublicTicket, PublicWindow, WindowTicket } from '../../../server/realtime/contract.ts';
import { api, errorText, tokenRefused } from '../../live/api.ts';
import { command } from '../../live/retry.ts';
import { TokenController, consoleScope } from '../../live/console-token.ts';
import { StaffSessionController } from '../../live/staff-session.ts';
import { HallController } from '../../live/hall-controller.ts';
import { countsForWindow, currentWithDetail, waitingForWindow, windowById } from '../../live/model.ts';
import { QueueController } from '../../live/queue-controller.ts';
import { TickController } from '../../live/tick-controller.ts';
import { formatClock, formatCount, formatWait } from '../../logic/format.ts';
import { LANE_LABELS, STATUS_LABELS, serviceName } from '../../logic/labels.ts';
import { CLERK_BUTTONS, CLERK_PANEL_BUTTONS, actionForKey, type ClerkAction } from '../../logic/shortcuts.ts';
import { consoleHeader, messageLine, personBadge, signInError, signInScreen, type Message } from '../../parts/console-parts.ts';
import { clerkStyles } from './ow-clerk.styles.ts';
import { transferDialog } from './transfer-dialog.ts';
import '../../assist/clerk-assist/ow-clerk-assist.ts';
import '../../applications/clerk-register/ow-clerk-register.ts';
import '../../parts/ow-clerk-notice.ts';
import { checkToken } from '../../live/token-check.ts';

type WindowStatus = PublicWindow['status'];

/** Waiting tickets listed on the console; the count says how many more. */
const QUEUE_SHOWN = 12;

const DONE_TEXT: Partial<Record<ClerkAction, (t?: PublicTicket) => string>> = {
  next: (t) => `已呼叫 ${t?.number} · Called ${t?.number}`,
  recall: (t) => `已重呼 ${t?.number} · Recalled ${t?.number}`,
  start: (t) => `开始办理 ${t?.number} · Serving ${t?.number}`,
  finish: (t) => `${t?.number} 已办结 · Finished`,
  'no-show': (t) => `${t?.number} 已过号 · Marked no-show`,
  pause: () => '窗口已暂停 · Window paused',
  resume: () => '窗口已恢复 · Window resumed',
};

export class OwClerk extends LitElement {
  static properties = {
    hall: { type: String },
    window: { type: String },
    message: { state: true },
    busy: { state: true },
    transferring: { state: true },
    panel: { state: true },
  };
  hall = '';
  window = '';
  private message?: Message;
  private busy = false;
  private transferring = false;
  /** The hall-services panel open beside the console: one-key assist or the one-time notice. */
  private panel?: 'assist' | 'notice';
  private live!: HallController;
  /** The first tickets this window may call, read from /api/queue whenever an event of its services comes. */
  private queue = new QueueController(this, { hall: () => this.hall || undefined, limit: QUEUE_SHOWN });
  private tick = new TickController(this, 1000);
  private onKey = (e: KeyboardEvent) => this.handleKey(e);

  private auth = new TokenController(this, () => consoleScope(this.hall, `clerk-${this.window}`), (t) => checkToken(this.hall, t, { console: 'clerk', window: this.window }));
  /** A person signed in at this window (the session cookie); the token is for devices and the demo. */
  private session = new StaffSessionController(this, () => this.hall || undefined);

  /** The whole ticket at this window (lane, service, times): the snapshot's windows carry a slim one. */
  private currentTicket?: PublicTicket;

  private async loadCurrentTicket() {
    try {
      const { data } = await api<{ window: { current?: PublicTicket } }>(`/windows/${encodeURIComponent(this.window)}`, { hall: this.hall || undefined });
      this.currentTicket = data.window.current;
      this.requestUpdate();
    } catch {
      /* offline: the next snapshot asks again; the number and status show meanwhile */
    }
  }

  /** This window's current ticket, with its details once known. */
  private current() {
    return currentWithDetail(windowById(this.live.model, this.window)?.current, this.currentTicket);
  }

  private get signedIn(): boolean {
    return !!this.auth.value || (!!this.session.person && this.session.window === this.window);
  }

  connectedCallback() {
    this.live ??= new HallController(this, {
      hall: this.hall || undefined,
      onTicketEvent: (_, e) => {
        if (this.queue.follows(e.ticket.serviceId) || (e.next && this.queue.follows(e.next.serviceId))) this.queue.refresh();
        if (e.window?.id === this.window && e.window.current?.id === e.ticket.id) this.currentTicket = e.ticket;
      },
      onSnapshot: () => {
        this.queue.refresh();
        void this.loadCurrentTicket();
      },
    });
    super.connectedCallback();
    addEventListener('keydown', this.onKey);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    removeEventListener('keydown', this.onKey);
  }

  static styles = clerkStyles;

  protected willUpdate(): void {
    const infoWin = this.live.info?.windows.find((w) => w.id === this.window);
    if (infoWin) this.queue.follow(infoWin.services);
  }

  private handleKey(e: KeyboardEvent) {
    if (!this.signedIn) return;
    if (this.panel && e.key === 'Escape') {
      this.panel = undefined;
      return;
    }
    if (this.transferring) {
      if (e.key === 'Escape') this.transferring = false;
      const n = Number(e.key);
      const win = windowById(this.live.model, this.window);
      const svc = win && this.live.info?.services[n - 1];
      if (svc) void this.act('transfer', { service: svc.id });
      return;
    }
    const path = e.composedPath()[0] as HTMLElement | undefined;
    // A ticked checkbox (the notice's materials) keeps the letter and digit keys working.
    const toggle = path?.tagName === 'INPUT' && ['checkbox', 'radio'].includes((path as HTMLInputElement).type);
    const inTextField = !!path && ((path.tagName === 'INPUT' && !toggle) || path.tagName === 'TEXTAREA' || path.isContentEditable);
    // Enter on a focused button or box presses that; it is not the "next" shortcut then.
    if (e.key === 'Enter' && (path?.tagName === 'BUTTON' || toggle)) return;
    const win = windowById(this.live.model, this.window);
    const action = actionForKey(e.key, { inTextField, paused: win ? win.status !== 'open' : false, ctrl: e.ctrlKey || e.metaKey || e.altKey });
    if (!action) return;
    e.preventDefault();
    if (e.repeat) return;
    this.press(action);
  }

  private press(action: ClerkAction) {
    if (action === 'assist' || action === 'notice') {
      const cur = this.current();
      if (!cur || (cur.status !== 'called' && cur.status !== 'serving')) {
        this.message = { kind: 'error', text: '窗口没有办理中的号 · No ticket at the counter' };
        return;
      }
      this.panel = this.panel === action ? undefined : action;
      return;
    }
    if (action === 'transfer') {
      const win = windowById(this.live.model, this.window);
      if (!win?.current) {
        this.message = { kind: 'error', text: '当前没有可转办的号 · No ticket to transfer' };
        return;
      }
      this.transferring = true;
      return;
    }
    // A closed window is opened rather than resumed.
    const win = windowById(this.live.model, this.window);
    void this.act(action === 'resume' && win?.status === 'closed' ? 'open' : action);
  }

  /** The command in flight, if any: a dialog's choice waits for it rather than being dropped. */
  private inFlight?: Promise<void>;

  private async act(action: ClerkAction | 'open' | 'call', body?: Record<string, unknown>) {
    // A repeated key while a command is in flight is dropped (a triple press must not finish an unserved visitor),
    // but a transfer target picked in the dialog is a deliberate choice: it runs once the command before it has answered
    // (the live call can show the new number before the next's own answer arrives).
    if (this.busy && action === 'transfer' && this.inFlight) await this.inFlight;
    if (this.busy) return;
    this.busy = true;
    this.transferring = false;
    const run = this.run(action, body);
    this.inFlight = run;
    await run;
  }

  private async run(action: ClerkAction | 'open' | 'call', body?: Record<string, unknown>) {
    try {
      const res = await command<{ ticket?: PublicTicket; transferredTo?: PublicTicket }>(`/windows/${encodeURIComponent(this.window)}/${action}`, {
        hall: this.hall || undefined,
        method: 'POST',
        body: body ?? {},
        token: this.auth.value,
      });
      if (action === 'next' && res.status === 204) this.message = { kind: 'error', text: '没有等候的号 · Nobody is waiting for this window' };
      else if (action === 'transfer')
        this.message = { kind: 'ok', text: `已转办，新号 ${res.data.transferredTo?.number ?? ''} · Transferred` };
      else if (action === 'call') this.message = { kind: 'ok', text: `已呼叫 ${res.data.ticket?.number} · Called` };
      else if (action === 'open') this.message = { kind: 'ok', text: '窗口已开放 · Window open' };
      else this.message = { kind: 'ok', text: DONE_TEXT[action]?.(res.data.ticket) ?? '完成 · Done' };
    } catch (err) {
      if (tokenRefused(err)) this.signOut('登录已失效，请重新登录 · Signed out, sign in again', true);
      else this.message = { kind: 'error', text: `操作未执行：${errorText(err)}` };
    } finally {
      this.busy = false;
    }
  }

  private signOut(reason = '', refused = false) {
    this.auth.clear();
    // Signing out by hand is 签退 (attendance); a refused session is already over on the server.
    if (refused) this.session.forget();
    else if (this.session.person) void this.session.signOut();
    this.message = reason ? { kind: 'error', text: reason } : undefined;
  }

  private renderTransfer() {
    const info = this.live.info;
    if (!this.transferring || !info) return nothing;
    return transferDialog(info, this.window, {
      pick: (target) => void this.act('transfer', target),
      cancel: () => (this.transferring = false),
    });
  }

  private renderPanel() {
    if (!this.panel) return nothing;
    const cur = this.current();
    const assist = this.panel === 'assist';
    return html`<aside class="panel" role="dialog" aria-label=${assist ? '一键呼叫 Assist' : '一次性告知 Notice'} data-test="panel-${this.panel}">
      <div class="panel-head">
        <h2>${assist ? '一键呼叫后台 · Ask the back office' : '一次性告知单 · One-time notice'}</h2>
        <button @click=${() => (this.panel = undefined)}>关闭 Close (Esc)</button>
      </div>
      ${assist
        ? html`<ow-clerk-assist no-notice hall=${this.hall} window=${this.window}></ow-clerk-assist>`
        : html`<ow-clerk-notice
            hall=${this.hall}
            window=${this.window}
            token=${this.auth.value ?? ''}
            service=${cur?.serviceId ?? ''}
            ticket-number=${cur?.number ?? ''}
          ></ow-clerk-notice>`}
    </aside>`;
  }

  render() {
    if (!this.signedIn) return this.renderSignIn();
    const info = this.live.info;
    const model = this.live.model;
    const win = windowById(model, this.window);
    const status = win?.status ?? 'open';
    const now = this.live.now();
    const waiting = model ? waitingForWindow(model, info?.windows.find((w) => w.id === this.window)) : undefined;
    const queue = this.queue.tickets ?? [];
    return html`
      ${this.renderHeader(win, status, now)} ${messageLine(this.message)}
      <main>
        <div>
          <section class="card">
            <h2>当前号码 · Current ticket</h2>
            ${this.renderCurrent(this.current(), status, now)} ${this.renderButtons(status)}
          </section>
        </div>
        <div class="side">${this.renderCounts(waiting)} ${this.renderQueue(queue, waiting ?? 0, now)}</div>
        <ow-clerk-register hall=${this.hall} window=${this.window}></ow-clerk-register>
      </main>
      <footer>
        快捷键 Shortcuts: ${[...CLERK_BUTTONS, ...CLERK_PANEL_BUTTONS].map((b) => html`<kbd>${b.keys.join('/')}</kbd> ${b.zh} · `)} 暂停键在暂停时为恢复 (P/0 resumes a paused
        window) · 呼叫器数字键同样有效 (USB call keypads: digits and Enter)
      </footer>
      ${this.renderTransfer()} ${this.renderPanel()}
    `;
  }

  private renderSignIn() {
    const infoWin = this.live.info?.windows.find((w) => w.id === this.window);
    return signInScreen({
      heading: `${infoWin?.name.zh ?? `${this.window}号窗口`} · 叫号台`,
      hint: `工号和密码签到本窗口（演示：工号 ${1000 + Number(this.window)}，密码 demo1234；或令牌 demo-clerk-${this.window}）· Sign in at this window`,
      error: this.auth.refusal || signInError(this.message),
      onSignIn: (token) => {
        this.message = undefined;
        void this.auth.signIn(token);
      },
      onStaffSignIn: ({ staffNumber, password }) =>
        void this.session.signIn(staffNumber, password, this.window).then(
          () => (this.message = undefined),
          (err) => (this.message = { kind: 'error', text: `登录失败：${errorText(err)}` }),
        ),
    });
  }

  /** Window name, open/paused/closed, who is signed in, connection, clock and sign-out. */
  private renderHeader(win: PublicWindow | undefined, status: WindowStatus, now: number) {
    const infoWin = this.live.info?.windows.find((w) => w.id === this.window);
    const tz = this.live.info?.timeZone ?? 'Asia/Shanghai';
    return consoleHeader({
      title: html`${infoWin?.name.zh ?? ''} <small class="title-en">${infoWin?.name.en ?? ''}</small>`,
      after: html`<span class="state ${status}" data-test="window-status"
          >${status === 'open' ? '服务中 Open' : status === 'paused' ? '已暂停 Paused' : '未开放 Closed'}</span
        >${personBadge(this.auth.value ? undefined : this.session.person)}`,
      connected: this.live.connected,
      end: html`<span class="clock">${formatClock(now, tz, false)}</span>`,
      onSignOut: () => this.signOut(),
    });
  }

  /** The ticket at this window (number, service, lane, waited), or what to press when there is none. */
  private renderCurrent(cur: (WindowTicket & Partial<PublicTicket>) | undefined, status: WindowStatus, now: number) {
    const svc = cur?.serviceId ? serviceName(this.live.info, cur.serviceId) : undefined;
    return html`<div class="current">
      <div class="num ${cur ? '' : 'none'}" data-test="current-number">${cur?.number ?? '—'}</div>
      ${cur
        ? html`<div class="meta">
            <div>${svc ? `${svc.zh} · ${svc.en}` : nothing}</div>
            <div>
              ${cur.lane ? html`<span class="badge ${cur.lane}">${LANE_LABELS[cur.lane]?.zh} ${LANE_LABELS[cur.lane]?.en}</span>` : nothing}<span class="badge">${STATUS_LABELS[cur.status].zh} ${STATUS_LABELS[cur.status].en}</span>
              ${cur.recalls ? html`<span class="badge">重呼 ${cur.recalls} 次</span>` : nothing}
            </div>
            ${cur.issuedAt !== undefined ? html`<div>等候 Waited ${formatWait((cur.calledAt ?? now) - cur.issuedAt).zh}</div>` : nothing}
          </div>`
        : html`<div class="meta">
            <span
              >${status === 'open'
                ? html`按 <b>叫号</b> 呼叫下一位 · Press <b>Next</b> to call`
                : html`窗口${status === 'paused' ? '已暂停' : '未开放'}，按 <b>${status === 'paused' ? '恢复' : '开窗'}</b> 继续 ·
                    Press <b>${status === 'paused' ? 'Resume' : 'Open'}</b>`}</span
            >
          </div>`}
    </div>`;
  }

  /** The action buttons (pause reads 恢复/开窗 when the window is not open) and the assist/notice panel buttons. */
  private renderButtons(status: WindowStatus) {
    return html`<div class="buttons">
        ${CLERK_BUTTONS.map((b) => {
          const isPause = b.action === 'pause';
          const label = isPause && status !== 'open' ? { zh: status === 'closed' ? '开窗' : '恢复', en: status === 'closed' ? 'Open' : 'Resume' } : b;
          const cls = b.action === 'next' ? 'next' : b.action === 'no-show' || b.action === 'finish' ? 'warn' : isPause ? 'pause' : '';
          return html`<button class=${cls} ?disabled=${this.busy} data-action=${b.action} @click=${() => this.press(isPause && status !== 'open' ? 'resume' : b.action)}>
            ${label.zh}<small>${label.en}</small><kbd>${b.keys.join(' / ')}</kbd>
          </button>`;
        })}
      </div>
      <div class="buttons services">
        ${CLERK_PANEL_BUTTONS.map(
          (b) => html`<button class="svc ${this.panel === b.action ? 'on' : ''}" data-action=${b.action} @click=${() => this.press(b.action)}>
            ${b.zh}<small>${b.en}</small><kbd>${b.keys.join(' / ')}</kbd>
          </button>`,
        )}
      </div>`;
  }

  /** Today's figures for this window and for the whole hall. */
  private renderCounts(waiting: number | undefined) {
    const model = this.live.model;
    const mine = countsForWindow(model, this.window);
    return html`<section class="card">
      <h2>本窗今日 · This window today</h2>
      <div class="counts" data-test="window-counts">
        <div><b data-test="my-called">${formatCount(mine.called)}</b><span>已叫 Called</span></div>
        <div><b data-test="my-done">${formatCount(mine.done)}</b><span>办结 Done</span></div>
        <div><b data-test="my-no-show">${formatCount(mine.noShow)}</b><span>过号 No-show</span></div>
        <div><b data-test="my-waiting">${formatCount(waiting)}</b><span>本窗可叫 For me</span></div>
      </div>
      <div class="hall-counts" data-test="hall-counts">
        全厅 Hall: 取号 Issued <b>${formatCount(model?.counts.issued)}</b> · 已叫 Called <b>${formatCount(model?.counts.called)}</b> · 办结 Done
        <b>${formatCount(model?.counts.done)}</b> · 过号 No-show <b>${formatCount(model?.counts.noShow)}</b>
      </div>
    </section>`;
  }

  /** The first tickets this window may call, each with a button to call it out of turn; `waiting`: how many in all. */
  private renderQueue(queue: PublicTicket[], waiting: number, now: number) {
    const more = waiting - queue.length;
    return html`<section class="card scroll">
      <h2>等候队列 · Waiting for this window</h2>
      <table>
        <thead><tr><th>号码 No.</th><th>业务 Service</th><th>通道 Lane</th><th>已等 Waited</th><th></th></tr></thead>
        <tbody>
          ${queue.map((t) => {
            const s = serviceName(this.live.info, t.serviceId);
            return html`<tr>
              <td class="num">${t.number}</td>
              <td>${s.zh}</td>
              <td><span class="badge ${t.lane}">${LANE_LABELS[t.lane]?.zh}</span></td>
              <td>${formatWait(now - t.issuedAt).zh}</td>
              <td><button @click=${() => this.act('call', { ticketId: t.id })}>呼叫 Call</button></td>
            </tr>`;
          })}
          ${more > 0 ? html`<tr><td colspan="5">… 另有 ${more} 人 · ${more} more</td></tr>` : nothing}
          ${queue.length === 0 && more <= 0 ? html`<tr><td colspan="5" class="empty">暂无等候 · Nobody waiting</td></tr>` : nothing}
        </tbody>
      </table>
    </section>`;
  }
}
customElements.define('ow-clerk', OwClerk);
