// A console's sign-in token: read from localStorage when the element connects, kept there per
// hall and console (`onewindow.token.<hall|default>:<console>`) when typed, dropped on sign-out or
// when the server refuses it. The clerk, triage and kiosk elements each hold one.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { storeToken, storedToken } from './api.ts';

export class TokenController implements ReactiveController {
  /** The token, or undefined while the console shows its sign-in form. */
  value?: string;

  /** `scope` is read when needed, so it may use attributes set after construction (the hall). */
  constructor(
    private host: ReactiveControllerHost,
    private scope: () => string,
  ) {
    host.addController(this);
  }

  hostConnected() {
    this.value ??= storedToken(this.scope());
  }

  set(token: string) {
    storeToken(this.scope(), token);
    this.value = token;
    this.host.requestUpdate();
  }

  clear() {
    storeToken(this.scope(), undefined);
    this.value = undefined;
    this.host.requestUpdate();
  }
}

/** The localStorage scope of a console: `<hall|default>:<console>`. */
export function consoleScope(hall: string, console: string): string {
  return `${hall || 'default'}:${console}`;
}
