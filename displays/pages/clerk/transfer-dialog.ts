// The clerk console's transfer dialog (转办): the hall's services (a digit key picks one, handled by
// the console) and the other windows. The console owns the state; this only draws it.
import { html } from 'lit';
import type { HallInfo } from '../../logic/labels.ts';

/** Where a ticket can be transferred to: a service's queue or one window. */
export type TransferTarget = { service: string } | { window: string };

export function transferDialog(info: HallInfo, ownWindow: string, on: { pick: (target: TransferTarget) => void; cancel: () => void }) {
  return html`<div class="transfer" @click=${(e: Event) => e.target === e.currentTarget && on.cancel()}>
    <div class="card" role="dialog" aria-label="转办 Transfer">
      <h2>转办到业务 · Transfer to a service（按数字键 press a digit，Esc 取消 cancel）</h2>
      <div class="opts">
        ${info.services.map(
          (s, i) => html`<button @click=${() => on.pick({ service: s.id })}>${i + 1}. ${s.name.zh}<br /><small>${s.name.en}</small></button>`,
        )}
      </div>
      <h2>或转到窗口 · or to a window</h2>
      <div class="opts">
        ${info.windows.filter((w) => w.id !== ownWindow).map((w) => html`<button @click=${() => on.pick({ window: w.id })}>${w.name.zh}</button>`)}
      </div>
      <button @click=${() => on.cancel()}>取消 Cancel (Esc)</button>
    </div>
  </div>`;
}
