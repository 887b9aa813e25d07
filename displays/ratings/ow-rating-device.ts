// The rating device (评价器) at a window, /rate/<window>: a tablet facing the visitor. When the
// window's clerk finishes a ticket it asks "请对本次服务进行评价" with the five national levels as
// large buttons, asks reasons for a bad one, thanks, and goes back to idle by itself. It shows the
// window and, when the live state carries it (staff accounts), the clerk's name and 工号; never
// anything about the visitor. Its token is a `rater` token of this window.
import { LitElement, css, html, nothing } from 'lit';
import { ApiError, api, errorText, tokenRefused } from '../live/api.ts';
import { TokenController, consoleScope } from '../live/console-token.ts';
import { HallController } from '../live/hall-controller.ts';
import '../parts/ow-sign-in.ts';
import { levelColours } from './styles.ts';
import { THANKS_SECONDS, asksReasons, offerable, ratingBody, toggle, type DevicePhase, type LevelOption, type ReasonOption } from './logic.ts';
import { checkToken } from '../live/token-check.ts';

interface DeviceState {
  window: { id: string; number: number; name: { zh: string; en: string } };
  ticket: { id: string; number: string; finishedAt: number; rateable: boolean } | null;
  levels: LevelOption[];
  reasons: ReasonOption[];
  idleSeconds: number;
}

export class OwRatingDevice extends LitElement {
  static properties = { hall: { type: String }, window: { type: String }, phase: { state: true }, error: { state: true }, device: { state: true } };
  hall = '';
  window = '';
  private phase: DevicePhase = { kind: 'idle' };
  private error = '';
  private device?: DeviceState;
  private timer?: ReturnType<typeof setTimeout>;
  private auth = new TokenController(this, () => consoleScope(this.hall, `rate-${this.window}`), (t) => checkToken(this.hall, t, { console: 'rater', window: this.window }));
  private live!: HallController;

  connectedCallback() {
    this.live ??= new HallController(this, {
      hall: this.hall || undefined,
      window: this.window,
      onTicketEvent: (name, e) => {
        if (name === 'ticket:finished' && e.ticket.windowId === this.window) void this.load(true);
      },
    });
    super.connectedCallback();
    void this.load(false);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  private async load(justFinished: boolean) {
    if (!this.auth.value) return;
    try {
      const { data } = await api<DeviceState>(`/windows/${encodeURIComponent(this.window)}/rating`, { hall: this.hall || undefined, token: this.auth.value });
      this.device = data;
      this.error = '';
      const t = data.ticket;
      if (t && (justFinished ? t.rateable : offerable(t, this.live.now(), data.idleSeconds))) this.show({ kind: 'levels', ticketId: t.id, number: t.number });
    } catch (err) {
      if (tokenRefused(err)) this.auth.clear();
      else this.error = errorText(err);
    }
  }

  /** Every screen but idle goes back to idle by itself. */
  private show(phase: DevicePhase) {
    this.phase = phase;
    clearTimeout(this.timer);
    if (phase.kind === 'idle') return;
    const seconds = phase.kind === 'thanks' ? THANKS_SECONDS : (this.device?.idleSeconds ?? 30);
    this.timer = setTimeout(() => this.show({ kind: 'idle' }), seconds * 1000);
  }

  private async send(ticketId: string, level: string, reasons: string[]) {
    try {
      await api(`/windows/${encodeURIComponent(this.window)}/rating`, {
        hall: this.hall || undefined,
        method: 'POST',
        token: this.auth.value,
        body: { ...ratingBody(level, reasons), ticketId },
      });
      this.show({ kind: 'thanks' });
    } catch (err) {
      // Rated already (the visitor's phone was quicker) or another visitor finished since: nothing to ask.
      if (err instanceof ApiError && err.status === 409) this.show({ kind: 'idle' });
      else this.error = errorText(err);
    }
  }

  private tap(level: string) {
    const p = this.phase;
    if (p.kind !== 'levels') return;
    if (asksReasons(level)) this.show({ kind: 'reasons', ticketId: p.ticketId, number: p.number, level, chosen: [] });
    else void this.send(p.ticketId, level, []);
  }

  static styles = [levelColours, css`
    :host { display: flex; flex-direction: column; min-height: 100vh; background: #f3f5f9; color: #0f1b2d; user-select: none; }
    header { display: flex; justify-content: space-between; align-items: baseline; padding: 20px 32px; background: #1d3557; color: #fff; font-size: 28px; }
    header small { font-size: 20px; opacity: 0.85; }
    main { flex: 1; display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 28px; padding: 24px; text-align: center; }
    h1 { margin: 0; font-size: 44px; }
    .en { color: #4a5a70; font-size: 22px; }
    .levels { display: grid; grid-template-columns: repeat(5, 1fr); gap: 16px; width: 100%; max-width: 1200px; }
    .levels button, .reasons button, .go { border: none; border-radius: 18px; color: #fff; font: inherit; cursor: pointer; }
    .levels button { min-height: 200px; font-size: 34px; font-weight: bold; display: flex; flex-direction: column; justify-content: center; gap: 10px; }
    .levels button small { font-size: 18px; font-weight: normal; opacity: 0.9; }
    .reasons { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 14px; width: 100%; max-width: 1100px; }
    .reasons button { min-height: 96px; font-size: 28px; background: #fff; color: #0f1b2d; border: 4px solid #c9d3e0; }
    .reasons button[aria-pressed='true'] { border-color: #c8102e; background: #fde8eb; }
    .go { min-height: 96px; min-width: 360px; font-size: 32px; background: #1d6fd6; }
    .idle { font-size: 120px; font-weight: bold; color: #1d3557; }
    .error { color: #c8102e; font-size: 22px; }
  `];

  render() {
    if (!this.auth.value)
      return html`<ow-sign-in heading="${this.window}号窗口 · 评价器" hint="评价器令牌 (rater)" error=${this.auth.refusal} @sign-in=${(e: CustomEvent<string>) => void this.auth.signIn(e.detail).then((kept) => (kept ? this.load(false) : undefined))}></ow-sign-in>`;
    const w = this.device?.window;
    // Staff accounts (another feature) may add the clerk to the public window; shown only when there.
    const clerk = (this.live.model?.windows.find((x) => x.id === this.window) as { clerk?: { name?: string; staffNo?: string } } | undefined)?.clerk;
    return html`<header>
        <span data-test="rate-window">${w ? w.name.zh : `${this.window}号窗口`}</span>
        ${clerk?.name ? html`<small data-test="rate-clerk">${clerk.name}${clerk.staffNo ? ` · 工号 ${clerk.staffNo}` : ''}</small>` : nothing}
      </header>
      <main>${this.screen()}${this.error ? html`<div class="error" role="alert">${this.error}</div>` : nothing}</main>`;
  }

  private screen() {
    const p = this.phase;
    const d = this.device;
    switch (p.kind) {
      case 'idle':
        return html`<div class="idle" data-test="rate-idle">${d?.window.number ?? this.window}</div>
          <div>欢迎您对我们的服务进行监督评价<div class="en">Please rate our service when you are done</div></div>`;
      case 'levels':
        return html`<h1 data-test="rate-prompt">请对本次服务进行评价</h1><div class="en">How was our service? (${p.number})</div>
          <div class="levels">
            ${(d?.levels ?? []).map(
              (l) => html`<button class=${l.id} data-level=${l.id} @click=${() => this.tap(l.id)}>${l.zh}<small>${l.en}</small></button>`,
            )}
          </div>`;
      case 'reasons':
        return html`<h1>请选择不满意的原因</h1><div class="en">What went wrong? (optional)</div>
          <div class="reasons">
            ${(d?.reasons ?? []).map(
              (r) => html`<button aria-pressed=${p.chosen.includes(r.id) ? 'true' : 'false'} data-reason=${r.id} @click=${() => this.show({ ...p, chosen: toggle(p.chosen, r.id) })}>${r.zh}</button>`,
            )}
          </div>
          <button class="go" data-test="rate-submit" @click=${() => void this.send(p.ticketId, p.level, p.chosen)}>提交评价 · Submit</button>`;
      case 'thanks':
        return html`<h1 data-test="rate-thanks">感谢您的评价！</h1><div class="en">Thank you for your rating</div>`;
    }
  }
}
customElements.define('ow-rating-device', OwRatingDevice);
