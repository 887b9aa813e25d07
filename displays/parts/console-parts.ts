// Markup the staff consoles (clerk, triage, kiosk sign-in) share: the sign-in screen, the navy
// header bar with the offline mark and sign-out, and the message line under it. Styled by
// console-styles.ts (header, .msg) and <ow-sign-in>.
import { html, nothing, type TemplateResult } from 'lit';
import './ow-offline-mark.ts';
import './ow-sign-in.ts';

/** A line under a console's header: what the last action did, or the API's reason for refusing it. */
export interface Message {
  kind: 'ok' | 'error';
  text: string;
}

export function signInScreen(p: { heading: string; hint: string; error?: string; onSignIn: (token: string) => void }): TemplateResult {
  return html`<ow-sign-in
    heading=${p.heading}
    hint=${p.hint}
    error=${p.error ?? nothing}
    @sign-in=${(e: CustomEvent<string>) => p.onSignIn(e.detail)}
  ></ow-sign-in>`;
}

/** The error a signed-out console shows on its sign-in form (why it was signed out). */
export function signInError(message?: Message): string {
  return message?.kind === 'error' ? message.text : '';
}

/** `<header>`: title, what follows it, the offline mark, a spacer, the right-hand items, sign-out. */
export function consoleHeader(p: { title: unknown; after?: unknown; connected: boolean; end?: unknown; onSignOut: () => void }): TemplateResult {
  return html`<header>
    <h1>${p.title}</h1>
    ${p.after ?? nothing}
    <ow-offline-mark ?offline=${!p.connected}></ow-offline-mark>
    <span class="spacer"></span>
    ${p.end ?? nothing}
    <button @click=${() => p.onSignOut()}>退出 Sign out</button>
  </header>`;
}

/** The message line; an empty div keeps the page's grid rows in place when there is none. */
export function messageLine(m?: Message): TemplateResult {
  return m
    ? html`<div class="msg ${m.kind}" role=${m.kind === 'error' ? 'alert' : 'status'} data-test="message">${m.text}</div>`
    : html`<div></div>`;
}
