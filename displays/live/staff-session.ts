// A console's staff session: the person signed in with staff number and password. The session is
// the httpOnly cookie the server set (page scripts never see it); this controller only asks the
// server who is signed in, signs in and out, and keeps the person to show (name, 工号, photo).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { api } from './api.ts';

export interface SignedInPerson {
  id: string;
  staffNumber: string;
  name: string;
  photo?: string;
  roles: string[];
}

export class StaffSessionController implements ReactiveController {
  person?: SignedInPerson;
  /** The window the session was signed in at; null for a desk or office sign-in. */
  window?: string | null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly hall: () => string | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    void this.load();
  }

  /** Who the cookie signs in, if anyone (a reload keeps the session). */
  async load(): Promise<void> {
    try {
      const { data } = await api<{ person: SignedInPerson; window: string | null }>('/session', { hall: this.hall() });
      this.set(data.person, data.window);
    } catch {
      this.set(undefined, undefined);
    }
  }

  /** Throws the API's refusal (wrong password, locked, throttled) for the form to show. */
  async signIn(staffNumber: string, password: string, window?: string): Promise<void> {
    const { data } = await api<{ person: SignedInPerson; window: string | null }>('/session', {
      hall: this.hall(),
      method: 'POST',
      body: { staffNumber, password, ...(window ? { window } : {}) },
    });
    this.set(data.person, data.window);
  }

  async signOut(): Promise<void> {
    await api('/session', { hall: this.hall(), method: 'DELETE' }).catch(() => {});
    this.set(undefined, undefined);
  }

  /** The server refused the session (ended, expired): show the sign-in form again. */
  forget(): void {
    this.set(undefined, undefined);
  }

  private set(person: SignedInPerson | undefined, window: string | null | undefined) {
    this.person = person;
    this.window = window;
    this.host.requestUpdate();
  }
}
