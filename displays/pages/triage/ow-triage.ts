// The triage desk (咨询台): choose a service and a lane, optionally record the visitor, issue,
// read out the number and people ahead, reprint. Everything works from the keyboard.
import { LitElement, html, nothing } from 'lit';
import { dotIcon } from '../../parts/icons.ts';
import { ApiError, api, errorText, tokenRefused, type IssuedTicket as Issued } from '../../live/api.ts';
import { command } from '../../live/retry.ts';
import { TokenController, consoleScope } from '../../live/console-token.ts';
import { HallController } from '../../live/hall-controller.ts';
import { formatClock, formatCount } from '../../logic/format.ts';
import { LANE_LABELS, serviceName } from '../../logic/labels.ts';
import { consoleHeader, messageLine, signInError, signInScreen, type Message } from '../../parts/console-parts.ts';
import { triageStyles } from './ow-triage.styles.ts';
import '../../parts/ow-appointment-check-in.ts';
import '../../parts/ow-kb-lookup.ts';
import './ow-ticket-by-number.ts';
import '../../applications/consultation/ow-consultation-log.ts';
import { CardReaderLink, readerPortOf } from '../../idcard/reader-link.ts';
import { fillFromCard } from '../../idcard/triage-fill.ts';
import { checkToken } from '../../live/token-check.ts';

/** Lanes the desk offers, in the order the buttons show (appointments check in elsewhere). */
const DESK_LANES = ['normal', 'elderly', 'green'];

export class OwTriage extends LitElement {
  static properties = {
    hall: { type: String },
    service: { state: true },
    lane: { state: true },
    issued: { state: true },
    history: { state: true },
    message: { state: true },
    busy: { state: true },
    printers: { state: true },
  };
  hall = '';
  private service = '';
  private lane = 'normal';
  private issued?: Issued;
  private history: Issued[] = [];
  private message?: Message;
  private busy = false;
  /** The desk's printers, when the server has the printer module; undefined hides the line. */
  private printers?: { id: string; desk?: string; state: string; jobsWaiting: number }[];
  private printerTimer?: ReturnType<typeof setInterval>;
  private live!: HallController;
  private onKey = (e: KeyboardEvent) => this.handleKey(e);

  private auth = new TokenController(this, () => consoleScope(this.hall, 'triage'), (t) => checkToken(this.hall, t, { console: 'triage' }));
  /** A card on this desk's reader (?cardReader=<port>) fills the visitor fields. */
  readonly cardReader = new CardReaderLink(this, () => readerPortOf(location.search), (m) => {
    if (m.type === 'card') this.message = fillFromCard(this.renderRoot, m, this.live.info?.timeZone ?? 'Asia/Shanghai');
  });

  connectedCallback() {
    this.live ??= new HallController(this, { hall: this.hall || undefined });
    super.connectedCallback();
    addEventListener('keydown', this.onKey);
    void this.loadPrinters();
    this.printerTimer = setInterval(() => void this.loadPrinters(), 15_000);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    removeEventListener('keydown', this.onKey);
    clearInterval(this.printerTimer);
  }

  private async loadPrinters() {
    if (!this.auth.value) return;
    try {
      const res = await api<{ printers: NonNullable<OwTriage['printers']> }>('/printers', { hall: this.hall || undefined, token: this.auth.value });
      this.printers = res.data.printers;
    } catch {
      this.printers = undefined;
    }
  }

  static styles = triageStyles;

  private handleKey(e: KeyboardEvent) {
    if (!this.auth.value) return;
    const path = e.composedPath()[0] as HTMLElement | undefined;
    const inText = !!path && path.tagName === 'INPUT' && (path as HTMLInputElement).type !== 'radio';
    if (e.key === 'F2' || (e.ctrlKey && e.key === 'Enter')) {
      e.preventDefault();
      void this.issue();
    } else if (e.key === 'F4' || (e.ctrlKey && (e.key === 'p' || e.key === 'P'))) {
      e.preventDefault();
      void this.reprint();
    } else if (e.key === 'Enter' && path?.tagName === 'INPUT' && (path as HTMLInputElement).type === 'radio') {
      // Enter on a chosen service or lane issues, as it does from the text fields.
      e.preventDefault();
      void this.issue();
    } else if (e.key === 'F3') {
      e.preventDefault();
      (this.renderRoot.querySelector('ow-kb-lookup') as (HTMLElement & { focusSearch(): void }) | null)?.focusSearch();
    } else if (e.key === 'F6') {
      e.preventDefault();
      (this.renderRoot.querySelector('ow-appointment-check-in') as (HTMLElement & { focusInput(): void }) | null)?.focusInput();
    } else if (e.key === 'F7') {
      e.preventDefault();
      (this.renderRoot.querySelector('ow-ticket-by-number') as (HTMLElement & { focusInput(): void }) | null)?.focusInput();
    } else if (e.key === 'Escape') {
      this.reset();
    } else if (!inText && !e.ctrlKey && !e.altKey && !e.metaKey) {
      const services = this.live.info?.services ?? [];
      const n = Number(e.key);
      if (n >= 1 && n <= services.length) {
        e.preventDefault();
        this.service = services[n - 1]!.id;
        (this.renderRoot.querySelector(`input[value="${this.service}"]`) as HTMLInputElement | null)?.focus();
      } else if (e.key === 'l' || e.key === 'L') {
        e.preventDefault();
        const lanes = this.lanes();
        this.lane = lanes[(lanes.indexOf(this.lane) + 1) % lanes.length]!;
      }
    }
  }

  private lanes(): string[] {
    const hallLanes = this.live.info?.lanes ?? DESK_LANES;
    return DESK_LANES.filter((l) => hallLanes.includes(l));
  }

  private reset() {
    this.service = '';
    this.lane = 'normal';
    this.message = undefined;
    const form = this.renderRoot.querySelector('form');
    form?.querySelectorAll<HTMLInputElement>('.visitor input').forEach((i) => (i.value = ''));
  }

  private visitor(): Record<string, string> | undefined {
    const v: Record<string, string> = {};
    for (const i of this.renderRoot.querySelectorAll<HTMLInputElement>('.visitor input')) if (i.value.trim()) v[i.name] = i.value.trim();
    return Object.keys(v).length ? v : undefined;
  }

  private async issue(e?: Event) {
    e?.preventDefault();
    if (this.busy) return;
    if (!this.service) {
      this.message = { kind: 'error', text: '请先选择业务（数字键 1–9）· Choose a service first' };
      return;
    }
    this.busy = true;
    try {
      const visitor = this.visitor();
      const res = await command<Issued>('/tickets', {
        hall: this.hall || undefined,
        method: 'POST',
        token: this.auth.value,
        body: { service: this.service, lane: this.lane, ...(visitor ? { visitor } : {}), print: true },
      });
      this.issued = res.data;
      this.history = [res.data, ...this.history].slice(0, 6);
      this.message = { kind: 'ok', text: `已取号 ${res.data.number} · Issued` };
      this.renderRoot.querySelectorAll<HTMLInputElement>('.visitor input').forEach((i) => (i.value = ''));
    } catch (err) {
      if (tokenRefused(err)) return this.signOut('令牌无效，请重新登录 · The token was refused');
      this.message = { kind: 'error', text: `未能取号：${errorText(err)}` };
    } finally {
      this.busy = false;
    }
  }

  private async reprint() {
    if (!this.issued) {
      this.message = { kind: 'error', text: '还没有可补打的小票 · Nothing to reprint yet' };
      return;
    }
    try {
      await api(`/tickets/${encodeURIComponent(this.issued.id)}/print`, { hall: this.hall || undefined, method: 'POST', token: this.auth.value, body: {} });
      this.message = { kind: 'ok', text: `已补打 ${this.issued.number} · Reprinted` };
    } catch (err) {
      if (err instanceof ApiError && err.status === 404 && err.code !== 'unknown_ticket')
        this.message = { kind: 'error', text: '本服务器未接打印机，无法补打 · Reprint is not available on this server (no ticket printer)' };
      else this.message = { kind: 'error', text: `补打失败：${errorText(err)}` };
    }
  }

  private signOut(reason = '') {
    this.auth.clear();
    this.message = reason ? { kind: 'error', text: reason } : undefined;
  }

  render() {
    if (!this.auth.value) return this.renderSignIn();
    return html`
      ${this.renderHeader()} ${messageLine(this.message)}
      <form @submit=${this.issue}>
        <div class="card">
          ${this.renderServices()} ${this.renderLanes()} ${this.renderVisitor()}
          <button class="issue" type="submit" ?disabled=${this.busy} data-test="issue">取号 Issue <small class="keys">(Enter / F2)</small></button>
        </div>
        <div class="card result" aria-live="polite">${this.renderIssued()} ${this.renderHistory()}</div>
      </form>
      ${this.renderHallServices()}
      <div></div>
      <footer>
        键盘 Keyboard: <kbd>1</kbd>–<kbd>9</kbd> 业务 service · <kbd>↑↓←→</kbd> 在选项间移动 move · <kbd>L</kbd> 通道 lane · <kbd>Tab</kbd>
        下一栏 next field · <kbd>Enter</kbd>/<kbd>F2</kbd> 取号 issue · <kbd>F4</kbd> 补打 reprint · <kbd>F3</kbd> 知识库 knowledge base · <kbd>F6</kbd> 预约签到 check-in · <kbd>F7</kbd> 号码查询 find · <kbd>Esc</kbd> 清空 clear
      </footer>
    `;
  }

  private renderSignIn() {
    return signInScreen({
      heading: '咨询台 · Triage desk',
      hint: "请输入咨询台令牌（演示：demo-triage）· Enter the desk's token",
      error: this.auth.refusal || signInError(this.message),
      onSignIn: (token) => {
        this.message = undefined;
        void this.auth.signIn(token);
      },
    });
  }

  /** Desk title, hall name, connection, the desk's printers (when the server has them), clock and sign-out. */
  private renderHeader() {
    const info = this.live.info;
    const tz = info?.timeZone ?? 'Asia/Shanghai';
    return consoleHeader({
      title: '咨询台 · Triage desk',
      after: html`<span>${info?.name.zh ?? ''}</span>`,
      connected: this.live.connected,
      end: html`${this.printers?.length
          ? html`<span data-test="printers" class="printers">
              ${this.printers.map(
                (p) =>
                  html`<span class="printer ${p.state === 'online' ? 'up' : 'down'}"
                    >${dotIcon} 打印机 ${p.desk ?? p.id} ${p.state === 'online' ? '正常 OK' : '离线 Offline'}${p.jobsWaiting ? ` (${p.jobsWaiting})` : ''}</span
                  >`,
              )}
            </span>`
          : nothing}
        <span class="clock">${formatClock(this.live.now(), tz, false)}</span>`,
      onSignOut: () => this.signOut(),
    });
  }

  /** Step 1: one radio per service, with its digit key and how many are waiting for it. */
  private renderServices() {
    const info = this.live.info;
    const model = this.live.model;
    return html`<fieldset>
      <legend>1. 业务 · Service（数字键 1–${info?.services.length ?? 9}）</legend>
      <div class="services">
        ${(info?.services ?? []).map(
          (s, i) => html`<label class="opt">
            <input type="radio" name="service" .value=${s.id} .checked=${this.service === s.id} @change=${() => (this.service = s.id)} />
            <span
              ><span class="key">${i + 1}</span>
              <span class="name">${s.prefix} ${s.name.zh}<small>${s.name.en}</small></span>
              <span class="count"
                ><b data-test="waiting-${s.id}">${formatCount(model ? (model.waiting[s.id] ?? 0) : undefined)}</b><small> 人等候</small></span
              ></span
            >
          </label>`,
        )}
      </div>
    </fieldset>`;
  }

  /** Step 2: the lanes this desk offers. */
  private renderLanes() {
    return html`<fieldset>
      <legend>2. 通道 · Lane（L 切换 toggles）</legend>
      <div class="lanes">
        ${this.lanes().map(
          (l) => html`<label class="opt">
            <input type="radio" name="lane" .value=${l} .checked=${this.lane === l} @change=${() => (this.lane = l)} />
            <span><span class="name">${LANE_LABELS[l]?.zh}<small>${LANE_LABELS[l]?.en}</small></span></span>
          </label>`,
        )}
      </div>
    </fieldset>`;
  }

  /** Step 3: the optional visitor fields (read from the form on submit). */
  private renderVisitor() {
    return html`<fieldset>
      <legend>3. 办事人（选填）· Visitor (optional)</legend>
      <div class="visitor">
        <label>姓名 Name<input name="name" autocomplete="off" maxlength="50" /></label>
        <label>电话 Phone<input name="phone" inputmode="tel" autocomplete="off" maxlength="20" /></label>
        <label>单位 Company<input name="company" autocomplete="off" maxlength="100" /></label>
        <label>证件号 ID number<input name="idNumber" autocomplete="off" maxlength="20" /></label>
      </div>
    </fieldset>`;
  }

  /** The ticket just issued (number, people ahead, materials to bring, reprint), or the idle hint. */
  private renderIssued() {
    const info = this.live.info;
    if (!this.issued) return html`<div class="idle-hint">选择业务后按 Enter 取号<br />Choose a service, then press Enter</div>`;
    const issued = this.issued;
    const issuedSvc = info?.services.find((s) => s.id === issued.service);
    return html`<div class="issued-service">${serviceName(info, issued.service).zh} · ${LANE_LABELS[issued.lane]?.zh}</div>
      <div class="num" data-test="issued-number">${issued.number}</div>
      <div class="ahead">前面 <b data-test="issued-ahead">${issued.ahead}</b> 人 · ${issued.ahead} ahead</div>
      ${issuedSvc?.materials?.length
        ? html`<div class="materials">
            <b>请准备材料 · Bring:</b>
            ${issuedSvc.materials.map((m) => html`<div>· ${m.zh}${m.original ? '（原件）' : m.copies ? `（复印件 ${m.copies} 份）` : ''}</div>`)}
          </div>`
        : nothing}
      <button type="button" @click=${() => this.reprint()} data-test="reprint">补打小票 Reprint (F4)</button>`;
  }

  /** Earlier tickets issued at this desk, newest first (the first is the one shown above). */
  private renderHistory() {
    if (this.history.length <= 1) return nothing;
    const info = this.live.info;
    return html`<div class="history">
      <b>本台最近 · Recent at this desk</b>
      ${this.history.slice(1).map((h) => html`<div>${h.number} · ${serviceName(info, h.service).zh} · ${LANE_LABELS[h.lane]?.zh}</div>`)}
    </div>`;
  }

  /** The knowledge-base lookup (picking a service there selects it here) and appointment check-in. */
  private renderHallServices() {
    return html`<div class="hall-services">
      <section class="card" data-test="kb">
        <h2>知识库 · Knowledge base <kbd>F3</kbd></h2>
        <ow-kb-lookup hall=${this.hall} @kb-service=${(e: CustomEvent<string>) => (this.service = e.detail)}></ow-kb-lookup>
      </section>
      <section class="card" data-test="ticket-by-number">
        <h2>号码查询 · Find a ticket <kbd>F7</kbd></h2>
        <ow-ticket-by-number hall=${this.hall} token=${this.auth.value}></ow-ticket-by-number>
      </section>
      <section class="card" data-test="check-in">
        <h2>预约签到 · Appointment check-in <kbd>F6</kbd></h2>
        <ow-appointment-check-in hall=${this.hall} token=${this.auth.value}></ow-appointment-check-in>
      </section>
      <section class="card" data-test="consultations">
        <h2>电话咨询 · Phone consultations</h2>
        <ow-consultation-log hall=${this.hall} token=${this.auth.value}></ow-consultation-log>
      </section>
    </div>`;
  }
}
customElements.define('ow-triage', OwTriage);
