// A console's sign-in token: read from localStorage when the element connects, kept there per
// hall and console (`onewindow.token.<hall|default>:<console>`) when typed, dropped on sign-out or
// when the server refuses it. The clerk, triage and kiosk elements each hold one. With a `check`
// (./token-check.ts), a typed token is kept only once the server says it fits this console, and a
// stored one is checked again when the console opens (it may have been revoked or moved).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { storeToken, storedToken } from './api.ts';
import type { TokenCheck } from './token-check.ts';

export class TokenController implements ReactiveController {
  /** The token, or undefined while the console shows its sign-in form. */
  value?: string;
  /** Why the last token was not kept (Chinese first), for the sign-in form. */
  refusal = '';
  /** A typed token is being checked. */
  checking = false;

  /** `scope` is read when needed, so it may use attributes set after construction (the hall). */
  constructor(
    private host: ReactiveControllerHost,
    private scope: () => string,
    private check?: (token: string) => Promise<TokenCheck>,
  ) {
    host.addController(this);
  }

  hostConnected() {
    this.value ??= storedToken(this.scope());
    const stored = this.value;
    // A stored token the server now refuses signs the console out; an unreachable server keeps it.
    if (stored && this.check)
      void this.check(stored).then((r) => {
        if (r.kind === 'refused' && this.value === stored) this.refuse(r.text);
      });
  }

  /** A typed token: kept when it fits, else the form stays with the reason. Resolves to whether it was kept. */
  async signIn(token: string): Promise<boolean> {
    if (!this.check) {
      this.set(token);
      return true;
    }
    this.checking = true;
    this.refusal = '';
    this.host.requestUpdate();
    try {
      const r = await this.check(token);
      if (r.kind !== 'ok') {
        this.refusal = r.text;
        return false;
      }
      this.set(token);
      return true;
    } finally {
      this.checking = false;
      this.host.requestUpdate();
    }
  }

  set(token: string) {
    storeToken(this.scope(), token);
    this.value = token;
    this.refusal = '';
    this.host.requestUpdate();
  }

  clear() {
    storeToken(this.scope(), undefined);
    this.value = undefined;
    this.host.requestUpdate();
  }

  private refuse(text: string) {
    this.clear();
    this.refusal = text;
  }
}

/** The localStorage scope of a console: `<hall|default>:<console>`. */
export function consoleScope(hall: string, console: string): string {
  return `${hall || 'default'}:${console}`;
}
