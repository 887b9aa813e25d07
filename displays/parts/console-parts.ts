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

export function signInScreen(p: {
  heading: string;
  hint: string;
  error?: string;
  onSignIn: (token: string) => void;
  /** A person's console: staff number and password first, the device token as the alternative. */
  onStaffSignIn?: (c: { staffNumber: string; password: string }) => void;
}): TemplateResult {
  return html`<ow-sign-in
    heading=${p.heading}
    hint=${p.hint}
    error=${p.error ?? nothing}
    ?staff=${!!p.onStaffSignIn}
    @sign-in=${(e: CustomEvent<string>) => p.onSignIn(e.detail)}
    @staff-sign-in=${(e: CustomEvent<{ staffNumber: string; password: string }>) => p.onStaffSignIn?.(e.detail)}
  ></ow-sign-in>`;
}

/** The signed-in person in a console's header: photo (if set), name and 工号, as halls show them. */
export function personBadge(person?: { name: string; staffNumber: string; photo?: string }): TemplateResult | typeof nothing {
  if (!person) return nothing;
  return html`<span class="person" data-test="clerk-person"
    >${person.photo ? html`<img src=${person.photo} alt="" width="32" height="32" style="border-radius:50%;vertical-align:middle;margin-right:6px" />` : nothing}${person.name}
    工号 ${person.staffNumber}</span
  >`;
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
