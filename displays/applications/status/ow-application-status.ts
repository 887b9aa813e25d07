// The visitor's progress page (/a/<receipt>, the receipt's QR): the application's stage, the promised
// date, what to bring back when corrections are needed, the tracking number once mailed. No personal
// data: the API it reads gives none. Refreshes every 30 s.
import { LitElement, css, html, nothing } from 'lit';
import { RequestError, request } from '../../live/request.ts';
import { STAGE_LABEL, progressSteps, type Stage } from '../../logic/application-progress.ts';
import { errorLine } from '../../logic/error-text.ts';

interface Status {
  receipt: string;
  service: { zh: string; en: string };
  stage: Stage;
  receivedDay: string;
  promisedDate: string;
  delivery: 'pickup' | 'mail';
  missing?: { zh: string; en: string }[];
  refusalReason?: string;
  courier?: string;
  trackingNumber?: string;
}

export class OwApplicationStatus extends LitElement {
  static properties = { hall: { type: String }, receipt: { type: String }, status: { state: true }, error: { state: true } };
  hall = '';
  receipt = '';
  private status?: Status;
  private error = '';
  private timer?: ReturnType<typeof setInterval>;

  static styles = css`
    :host { display: block; max-width: 30rem; margin: 0 auto; padding: 1rem; font: 16px/1.5 system-ui, 'WenQuanYi Zen Hei', sans-serif; color: #1b2430; }
    h1 { font-size: 1.2rem; margin: 0 0 .5rem; }
    .stage { font-size: 1.6rem; font-weight: 700; color: #2a6fdb; }
    ol { list-style: none; padding: 0; }
    li { padding: .4rem .6rem; border-left: 4px solid #d0d7de; margin: .2rem 0; color: #8c959f; }
    li.done { border-color: #1a7f37; color: #1b2430; }
    li.current { border-color: #2a6fdb; color: #2a6fdb; font-weight: 700; }
    .missing { background: #fff8c5; padding: .6rem; border-radius: .4rem; }
    .err { color: #c8102e; }
  `;

  connectedCallback() {
    super.connectedCallback();
    void this.load();
    this.timer = setInterval(() => void this.load(), 30_000);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  private async load() {
    try {
      this.status = await request<Status>(`/applications/${encodeURIComponent(this.receipt)}/status`, { hall: this.hall || undefined });
      this.error = '';
    } catch (err) {
      this.error = err instanceof RequestError && err.status === 404 ? '未找到该受理编号 · No application with this number' : errorLine(err);
    }
  }

  private renderDetails(s: Status) {
    return html`${s.missing?.length
        ? html`<div class="missing" data-testid="missing">
            <b>请补齐以下材料 Please bring:</b>
            ${s.missing.map((m, i) => html`<div>${i + 1}. ${m.zh} ${m.en}</div>`)}
          </div>`
        : nothing}
      ${s.refusalReason ? html`<p>原因 Reason: ${s.refusalReason}</p>` : nothing}
      ${s.stage === 'ready' ? html`<p>请携受理回执到出件窗口领取。Bring your receipt to the pickup window.</p>` : nothing}
      ${s.trackingNumber ? html`<p data-testid="tracking">${s.courier} ${s.trackingNumber}</p>` : nothing}`;
  }

  render() {
    if (this.error) return html`<p class="err">${this.error}</p>`;
    const s = this.status;
    if (!s) return html`<p>加载中… Loading…</p>`;
    return html`<h1>${s.service.zh} · ${s.service.en}</h1>
      <div>受理编号 No. ${s.receipt}</div>
      <div class="stage" data-testid="stage">${STAGE_LABEL[s.stage]}</div>
      <div>承诺办结 Promised by <b>${s.promisedDate}</b>（受理 received ${s.receivedDay}）</div>
      <ol>
        ${progressSteps(s.stage, s.delivery).map((st) => html`<li class=${st.state}>${st.label}</li>`)}
      </ol>
      ${this.renderDetails(s)}`;
  }
}

customElements.define('ow-application-status', OwApplicationStatus);
