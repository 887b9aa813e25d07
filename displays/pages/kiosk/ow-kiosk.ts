// The self-service kiosk (自助取号机): touch, portrait 1080×1920 or landscape. Big service
// buttons, an elderly button, the number with a QR code to its status page, reset when idle.
import { LitElement, html, nothing } from 'lit';
import { checkIcon } from '../../parts/icons.ts';
import { api, errorText, tokenRefused, type IssuedTicket as Issued } from '../../live/api.ts';
import { command } from '../../live/retry.ts';
import { TokenController, consoleScope } from '../../live/console-token.ts';
import { HallController } from '../../live/hall-controller.ts';
import { TickController } from '../../live/tick-controller.ts';
import { FitScreenController } from '../../parts/fit-screen.ts';
import { formatClock, formatCount, formatDateZh } from '../../logic/format.ts';
import { RESULT_IDLE_MS, secondsLeft, shouldReset } from '../../logic/idle.ts';
import { materialForm, waitText } from '../../logic/service-wording.ts';
import { serviceName } from '../../logic/labels.ts';
import { signInScreen } from '../../parts/console-parts.ts';
import { kioskStyles } from './ow-kiosk.styles.ts';
import type { CheckInResult } from '../../parts/ow-appointment-check-in.ts';
import '../../parts/ow-appointment-check-in.ts';
import '../../parts/ow-offline-mark.ts';
import '../../parts/ow-qr-code.ts';
import '../../applications/kiosk-scan/ow-kiosk-result-scan.ts';
import '../../idcard/ow-id-card-reader.ts';
import type { CardTake } from '../../idcard/card-take.ts';
import { readerPortOf } from '../../idcard/reader-link.ts';
import { checkInByCard } from '../../idcard/card-check-in.ts';
import { codeLine } from '../../logic/error-text.ts';
import { checkToken } from '../../live/token-check.ts';

/** How often the service buttons' wait estimates are refreshed (and after every ticket). */
const ESTIMATES_MS = 30_000;

export class OwKiosk extends LitElement {
  static properties = {
    hall: { type: String },
    elderly: { state: true },
    issued: { state: true },
    error: { state: true },
    busy: { state: true },
    checkingIn: { state: true },
    estimates: { state: true },
    card: { state: true },
  };
  hall = '';
  private elderly = false;
  /** The ID card read for this visitor: its lane and visitor go with the ticket. */
  private card?: CardTake;
  /** The card reader bridge's port on this PC (?cardReader=47810), 0: no reader. */
  private readerPort = readerPortOf(location.search);
  private issued?: Issued;
  private error = '';
  private busy = false;
  /** The appointment check-in screen (我有预约) instead of the service buttons. */
  private checkingIn = false;
  /** GET /api/estimates: minutes a ticket taken now would wait, per service (null: no open window). */
  private estimates: Record<string, number | null> = {};
  private estimatesTimer?: ReturnType<typeof setInterval>;
  private lastTouch = Date.now();
  private live!: HallController;
  private tick = new TickController(this, 1000);
  protected fit = new FitScreenController(this);
  private onTouch = () => (this.lastTouch = Date.now());

  private auth = new TokenController(this, () => consoleScope(this.hall, 'kiosk'), (t) => checkToken(this.hall, t, { console: 'kiosk' }));

  connectedCallback() {
    this.live ??= new HallController(this, { hall: this.hall || undefined });
    super.connectedCallback();
    addEventListener('pointerdown', this.onTouch, true);
    addEventListener('keydown', this.onTouch, true);
    void this.loadEstimates();
    this.estimatesTimer = setInterval(() => void this.loadEstimates(), ESTIMATES_MS);
  }

  private async loadEstimates() {
    try {
      const { data } = await api<{ services: { id: string; estimatedWaitMinutes: number | null }[] }>('/estimates', { hall: this.hall || undefined });
      this.estimates = Object.fromEntries(data.services.map((s) => [s.id, s.estimatedWaitMinutes]));
    } catch {
      /* the buttons show no estimate until the next try */
    }
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    removeEventListener('pointerdown', this.onTouch, true);
    removeEventListener('keydown', this.onTouch, true);
    clearInterval(this.estimatesTimer);
  }

  static styles = kioskStyles;

  protected willUpdate() {
    // The tick re-renders every second: that is when idle resets are checked.
    const dirty = this.elderly || !!this.error || this.checkingIn || !!this.card;
    if (shouldReset(this.issued ? 'result' : 'choose', this.lastTouch, Date.now(), dirty)) this.reset();
  }

  private reset() {
    this.issued = undefined;
    this.checkingIn = false;
    this.elderly = false;
    this.card = undefined;
    this.error = '';
    this.lastTouch = Date.now();
  }

  private async take(serviceId: string) {
    if (this.busy) return;
    this.busy = true;
    this.error = '';
    try {
      const res = await command<Issued>('/tickets', {
        hall: this.hall || undefined,
        method: 'POST',
        token: this.auth.value,
        body: { service: serviceId, lane: this.card?.lane ?? (this.elderly ? 'elderly' : 'normal'), visitor: this.card?.visitor, print: true },
      });
      this.issued = res.data;
      this.lastTouch = Date.now();
      void this.loadEstimates();
    } catch (err) {
      if (tokenRefused(err)) this.auth.clear();
      this.error = `暂时无法取号，请到咨询台 · Please ask at the consultation desk (${errorText(err)})`;
    } finally {
      this.busy = false;
    }
  }

  /** A card read: today's appointment booked with it is checked in; otherwise the visitor chooses a service. */
  private async onCard(take: CardTake) {
    this.card = take;
    this.issued = undefined;
    this.error = '';
    this.lastTouch = Date.now();
    try {
      const r = await checkInByCard(this.hall || undefined, this.auth.value, take.visitor.idNumber);
      if (r.kind === 'checked-in') this.issued = r.ticket;
      if (r.kind === 'refused') this.error = `预约签到未成功，请选择业务取号 · Check-in refused, please choose a service: ${codeLine(r.code, r.message)}`;
    } catch (err) {
      this.error = `暂时无法签到，请选择业务取号 · Check-in unavailable (${errorText(err)})`;
    }
    this.lastTouch = Date.now();
  }

  private renderChoose() {
    const info = this.live.info;
    const model = this.live.model;
    return html`<h2>请选择办理的业务<small>Please choose a service</small></h2>
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : nothing}
      <ow-id-card-reader
        .port=${this.readerPort}
        .take=${this.card}
        time-zone=${info?.timeZone ?? 'Asia/Shanghai'}
        elderly-age=${info?.policy?.elderlyAge ?? 70}
        @card-read=${(e: CustomEvent<CardTake>) => this.onCard(e.detail)}
      ></ow-id-card-reader>
      <div class="top">
        <button class="elderly" aria-pressed=${this.elderly} data-test="elderly" @click=${() => (this.elderly = !this.elderly)}>
          <span class="box">${this.elderly ? checkIcon : ''}</span>
          <span>70岁以上老人 · 敬老优先<br /><small>Aged 70 or over — priority</small></span>
        </button>
        <button class="appointment" data-test="appointment" @click=${() => (this.checkingIn = true)}>
          我有预约 <small>I have an appointment</small>
        </button>
        <ow-kiosk-result-scan hall=${this.hall} token=${this.auth.value ?? ''} @issued=${(e: CustomEvent<Issued>) => ((this.issued = e.detail), (this.lastTouch = Date.now()))}></ow-kiosk-result-scan>
      </div>
      <div class="grid">
        ${(info?.services ?? []).map(
          (s) => html`<button class="svc" ?disabled=${this.busy} data-test="service-${s.id}" @click=${() => this.take(s.id)}>
            <span class="prefix">${s.prefix}</span>
            <span class="zh">${s.name.zh}</span>
            <span class="en">${s.name.en}</span>
            <span class="wait"
              >等候 ${formatCount(model ? (model.waiting[s.id] ?? 0) : undefined)} 人 · waiting${this.estimateLine(s.id)}</span
            >
          </button>`,
        )}
      </div>`;
  }

  private estimateLine(serviceId: string) {
    const w = waitText(this.estimates[serviceId]);
    return w ? html`<b class="est" data-test="estimate-${serviceId}">${w.zh} <small>${w.en}</small></b>` : nothing;
  }

  private renderCheckIn() {
    return html`<h2>预约签到<small>Appointment check-in: booking code or phone number</small></h2>
      <div class="checkin">
      <ow-appointment-check-in
        keypad
        hall=${this.hall}
        token=${this.auth.value ?? ''}
        @checked-in=${(e: CustomEvent<CheckInResult>) => {
          this.issued = e.detail.ticket;
          this.checkingIn = false;
          this.lastTouch = Date.now();
          void this.loadEstimates();
        }}
      ></ow-appointment-check-in>
      <button class="back" data-test="check-in-back" @click=${() => (this.checkingIn = false)}>返回 Back</button>
      </div>`;
  }

  private renderResult(t: Issued) {
    const svc = serviceName(this.live.info, t.service);
    const materials = this.live.info?.services.find((s) => s.id === t.service)?.materials ?? [];
    const wait = waitText(t.estimatedWaitMinutes);
    const url = t.statusUrl ?? `${location.origin}/t/${t.id}`;
    return html`<div class="ticket">
        <div class="label">${svc.zh} · ${svc.en}${t.lane === 'elderly' ? ' · 敬老 Elderly' : t.lane === 'appointment' ? ' · 预约 Appointment' : ''}</div>
        <div class="label">您的号码 · Your number</div>
        <div class="num" data-test="kiosk-number">${t.number}</div>
        <div class="ahead">前面还有 ${t.ahead} 人 · ${t.ahead} ahead of you</div>
        ${wait ? html`<div class="ahead est" data-test="kiosk-estimate">预计等候 ${wait.zh} · ${wait.en}</div>` : nothing}
        ${materials.length
          ? html`<div class="materials" data-test="kiosk-materials">
              <b>请准备材料 · Please have ready:</b>
              ${materials.map((m) => {
                const f = materialForm(m);
                return html`<div>· ${m.zh}${f.zh ? `（${f.zh}）` : ''}</div>`;
              })}
            </div>`
          : nothing}
        ${printedSlip(t)
          ? html`<div class="scan" data-test="kiosk-take-slip">请取走小票，扫码查看排队进度<br />Take your ticket; scan to follow your place</div>`
          : html`<div class="scan" data-test="kiosk-no-slip">请记下您的号码，或扫码查看排队进度<br />Note your number, or scan to follow your place</div>`}
        <ow-qr-code .value=${url}></ow-qr-code>
      </div>
      <button class="done" @click=${() => this.reset()}>完成 Done（${secondsLeft(this.lastTouch, Date.now(), RESULT_IDLE_MS)}）</button>`;
  }

  render() {
    const info = this.live.info;
    if (!this.auth.value)
      return signInScreen({
        heading: '自助取号机 · Kiosk setup',
        hint: '管理员输入取号机令牌（演示：demo-kiosk）· Staff: enter the kiosk token',
        error: this.auth.refusal,
        onSignIn: (token) => void this.auth.signIn(token),
      });
    const tz = info?.timeZone ?? 'Asia/Shanghai';
    const now = this.live.now();
    return html`<header>
        <div>
          <div class="hall-zh">${info?.name.zh ?? ''}</div>
          <div class="hall-en">${info?.name.en ?? ''}</div>
        </div>
        <div class="time">${formatDateZh(now, tz)}<b>${formatClock(now, tz, false)}</b></div>
      </header>
      <ow-offline-mark ?offline=${!this.live.connected}></ow-offline-mark>
      <main>${this.issued ? this.renderResult(this.issued) : this.checkingIn ? this.renderCheckIn() : this.renderChoose()}</main>
      <footer>需要帮助请到咨询台 · Need help? Ask at the consultation desk</footer>`;
  }
}
customElements.define('ow-kiosk', OwKiosk);

/** The kiosk says "take your ticket" only when the ticket went to a printer that is not known to be down. */
function printedSlip(t: Issued): boolean {
  return t.print?.queued === true && t.print.status?.state !== 'offline';
}
