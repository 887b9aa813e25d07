// The wall display (综合屏) for a 1920×1080 screen: who is called where, the windows, the queues.
import { LitElement, html, nothing } from 'lit';
import type { CallRecord } from '../../../server/realtime/contract.ts';
import { HallController } from '../../live/hall-controller.ts';
import { windowViews } from '../../live/model.ts';
import { TickController } from '../../live/tick-controller.ts';
import { FitScreenController } from '../../parts/fit-screen.ts';
import { callKey, callsToShow, flashPhase, isFreshCall } from '../../logic/calls.ts';
import { formatClock, formatCount, formatDateEn, formatDateZh } from '../../logic/format.ts';
import { serviceName } from '../../logic/labels.ts';
import { wallStyles } from './ow-wall.styles.ts';
import { arrowRightIcon, pauseIcon } from '../../parts/icons.ts';
import '../../parts/ow-offline-mark.ts';
import '../../parts/ow-sound-switch.ts';
import { BrowserAnnouncer } from '../../live/announcer.ts';
import '../../ratings/ow-wall-satisfaction.ts';

export class OwWall extends LitElement {
  static properties = { hall: { type: String } };
  hall = '';

  private live!: HallController;
  // Re-renders four times a second: the clock and the blinking of a new call.
  protected tick = new TickController(this, 250);
  protected fit = new FitScreenController(this);
  /** When this screen first saw each call (by callKey), to flash only news. */
  private seenAt = new Map<string, number>();
  private readonly announcer = new BrowserAnnouncer();
  private soundOn = localStorage.getItem('onewindow.wall.sound') === 'on';
  private lastAnnounced = '';

  connectedCallback() {
    this.live ??= new HallController(this, {
      hall: this.hall || undefined,
      onTicketEvent: (name, e) => {
        if ((name === 'ticket:called' || name === 'ticket:recalled') && e.ticket.windowId) {
          const rec = this.live.model?.recentCalls.find((c) => c.ticketId === e.ticket.id);
          if (rec && isFreshCall(rec, this.live.now())) {
            this.seenAt.set(callKey(rec), Date.now());
            // Calls replayed after a reconnect are not fresh and are not announced again.
            if (this.soundOn) {
              this.announcer.announce(name, e);
              this.lastAnnounced = e.ticket.number;
            }
          }
        }
      },
    });
    super.connectedCallback();
  }

  static styles = wallStyles;

  private renderNow(newest: CallRecord | undefined) {
    const info = this.live.info;
    if (!newest)
      return html`<section class="panel now">
        <div class="title"><span>正在呼叫 · Now calling</span></div>
        <div class="now-body idle">欢迎光临 · Welcome</div>
      </section>`;
    // Date.now(), not the tick's time: an event can render between ticks, and its flash starts now.
    const phase = flashPhase(this.seenAt.get(callKey(newest)), Date.now());
    const svc = serviceName(info, newest.serviceId);
    return html`<section class="panel now ${phase.flashing && phase.on ? 'flash-on' : ''}" data-flashing=${phase.flashing}>
      <div class="title"><span>正在呼叫 · Now calling</span><span>${svc.zh} · ${svc.en}</span></div>
      <div class="now-body">
        <div class="big-number" data-test="newest-number">${newest.number}</div>
        <div class="go">
          <div class="go-zh">请到 ${newest.windowNumber} 号窗口</div>
          <div class="go-en">Please go to window ${newest.windowNumber}</div>
        </div>
      </div>
    </section>`;
  }

  render() {
    const { newest, earlier } = callsToShow(this.live.model?.recentCalls ?? [], 8);
    return html`
      ${this.renderHeader()}
      <main>
        <div class="left">
          ${this.renderNow(newest)}
          ${this.renderRecentCalls(earlier)}
        </div>
        <div class="right">
          ${this.renderWindows()}
          ${this.renderWaiting()}
        </div>
      </main>
      ${this.renderFooter()}
    `;
  }

  private renderHeader() {
    const info = this.live.info;
    const tz = info?.timeZone ?? 'Asia/Shanghai';
    const now = this.live.now();
    return html`<header>
      <div>
        <div class="hall-zh">${info?.name.zh ?? ''}</div>
        <div class="hall-en">${info?.name.en ?? ''}</div>
      </div>
      <div class="when">
        <ow-offline-mark ?offline=${!this.live.connected}></ow-offline-mark>
        <ow-wall-satisfaction hall=${this.hall}></ow-wall-satisfaction>
        <ow-sound-switch
          .last=${this.lastAnnounced}
          @sound-change=${(e: CustomEvent<{ on: boolean }>) => (this.soundOn = e.detail.on)}
        ></ow-sound-switch>
        <div class="date">${formatDateZh(now, tz)}<br />${formatDateEn(now, tz)}</div>
        <div class="clock" data-test="clock">${formatClock(now, tz)}</div>
      </div>
    </header>`;
  }

  private renderRecentCalls(earlier: readonly CallRecord[]) {
    return html`<section class="panel">
      <div class="title"><span>最近呼叫 · Recent calls</span><span>号码 No. ${arrowRightIcon} 窗口 Window</span></div>
      <div class="calls" data-test="recent-calls">
        ${earlier.map(
          (c) => html`<div class="call"><span>${c.number}</span><span class="win">${c.windowNumber}号<small>Win ${c.windowNumber}</small></span></div>`,
        )}
      </div>
    </section>`;
  }

  private renderWindows() {
    return html`<section class="panel">
      <div class="title"><span>窗口 · Windows</span><span>当前号码 Now serving</span></div>
      <div class="windows">
        ${windowViews(this.live.info, this.live.model).map(
          (w) => html`<div class="win-tile ${w.status}" data-test="window-${w.id}" data-status=${w.status}>
            <div class="name" data-may-clip>${w.name.zh}</div>
            ${w.status === 'paused'
              ? html`<div class="cur">${pauseIcon} 暂停服务<small>Paused</small></div>`
              : w.status === 'closed'
                ? html`<div class="cur">窗口关闭<small>Closed</small></div>`
                : html`<div class="cur ${w.current ? '' : 'none'}">${w.current?.number ?? '—'}</div>`}
          </div>`,
        )}
      </div>
    </section>`;
  }

  private renderWaiting() {
    const model = this.live.model;
    return html`<section class="panel">
      <div class="title"><span>等候人数 · Waiting</span><span>共 ${formatCount(model?.counts.waiting)} 人</span></div>
      <div class="waits">
        ${(this.live.info?.services ?? []).map(
          (s) => html`<div class="wait">
            <div><span class="zh">${s.name.zh}</span><span class="en">${s.prefix} · ${s.name.en}</span></div>
            <div class="n" data-test="waiting-${s.id}">${formatCount(model ? (model.waiting[s.id] ?? 0) : undefined)}</div>
          </div>`,
        )}
      </div>
    </section>`;
  }

  private renderFooter() {
    const notice = this.live.info?.notice;
    return html`<footer>
      ${notice
        ? html`<div class="marquee" data-test="notice" data-may-clip>
            ${[0, 1].map(() => html`<span>${notice.zh}</span><span class="en">${notice.en}</span>`)}
          </div>`
        : nothing}
    </footer>`;
  }
}
customElements.define('ow-wall', OwWall);
