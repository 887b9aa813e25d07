// /admin/printer: what the hall's printers would have printed (the virtual printer of the demo),
// newest first, each slip drawn at its printed size and alignment; new slips appear as they are cut.
import { LitElement, css, html, nothing } from 'lit';
import { api, tokenRefused } from '../live/api.ts';
import { TokenController, consoleScope } from '../live/console-token.ts';
import '../parts/ow-sign-in.ts';

interface Line {
  text: string;
  width: number;
  height: number;
  bold: boolean;
  align: 'left' | 'center' | 'right';
}
interface Slip {
  seq: number;
  at: number;
  lines: Line[];
  qr: string[];
  cut: string;
}

const POLL_MS = 1000;

export class OwPrinterSlips extends LitElement {
  static properties = { hall: { type: String }, slips: { state: true }, error: { state: true } };
  hall = '';
  slips: Slip[] = [];
  error = '';
  private auth = new TokenController(this, () => consoleScope(this.hall, 'admin'));
  private timer?: ReturnType<typeof setInterval>;

  static styles = css`
    :host { display: block; font-family: 'WenQuanYi Zen Hei', sans-serif; padding: 24px; background: #eef1f4; min-height: 100vh; box-sizing: border-box; }
    h1 { margin: 0 0 16px; font-size: 26px; }
    .slips { display: flex; flex-wrap: wrap; gap: 20px; align-items: flex-start; }
    .slip { background: #fff; width: 48ch; padding: 16px 12px 24px; box-shadow: 0 2px 8px #0002; font-family: monospace, 'WenQuanYi Zen Hei'; font-size: 14px; border-bottom: 2px dashed #999; }
    .meta { color: #667; font-size: 12px; margin-bottom: 8px; font-family: sans-serif; }
    .line { white-space: pre-wrap; min-height: 1.2em; }
    .bold { font-weight: 700; }
    .qr { margin: 8px auto; border: 1px solid #333; padding: 6px; font-size: 11px; word-break: break-all; text-align: center; }
    .empty { color: #556; font-size: 18px; }
  `;

  connectedCallback() {
    super.connectedCallback();
    this.timer = setInterval(() => void this.poll(), POLL_MS);
    void this.poll();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  private async poll() {
    if (!this.auth.value) return;
    const after = this.slips[0]?.seq ?? 0;
    try {
      const { data } = await api<{ slips: Slip[] }>(`/virtual-printer/slips?after=${after}`, { hall: this.hall || undefined, token: this.auth.value });
      if (data.slips.length) this.slips = [...data.slips.reverse(), ...this.slips];
      this.error = '';
    } catch (err) {
      if (tokenRefused(err)) this.auth.clear();
      else this.error = '无法读取打印内容 · Cannot read the printer';
    }
  }

  private line(l: Line) {
    const style = `text-align:${l.align};font-size:${l.height > 1 ? 1 + 0.6 * (l.height - 1) : 1}em;letter-spacing:${l.width > 1 ? '0.3em' : 'normal'}`;
    return html`<div class="line ${l.bold ? 'bold' : ''}" style=${style}>${l.text}</div>`;
  }

  render() {
    if (!this.auth.value)
      return html`<ow-sign-in heading="虚拟打印机 · Virtual printer" hint="管理员令牌 (admin), e.g. demo-admin" @sign-in=${(e: CustomEvent<string>) => { this.auth.set(e.detail); void this.poll(); }}></ow-sign-in>`;
    return html`<h1>虚拟打印机 · What the printers would print</h1>
      ${this.error ? html`<p>${this.error}</p>` : nothing}
      ${this.slips.length ? nothing : html`<p class="empty" data-test="no-slips">还没有打印内容：在自助取号机取号，或在窗口开一次性告知单。<br />Nothing printed yet: take a number at /kiosk, or issue a one-time notice at a window.</p>`}
      <div class="slips">
        ${this.slips.map(
          (s) => html`<div class="slip" data-test="slip">
            <div class="meta">#${s.seq} · ${new Date(s.at).toLocaleTimeString('zh-CN')}</div>
            ${s.lines.map((l) => this.line(l))}
            ${s.qr.map((q) => html`<div class="qr">二维码 QR<br />${q}</div>`)}
          </div>`,
        )}
      </div>`;
  }
}

customElements.define('ow-printer-slips', OwPrinterSlips);
