// Asks the server who a token is (GET /api/whoami) and whether it fits a console: the check every
// console's sign-in runs before keeping a typed token (./console-token.ts).
import { errorLine } from '../logic/error-text.ts';
import { tokenRefusal, whoamiRefusal, type ConsoleKind, type Whoami } from '../logic/sign-in-check.ts';
import { api } from './api.ts';

/** What the server said: the token fits, is refused (with the words), or could not be asked. */
export type TokenCheck = { kind: 'ok' } | { kind: 'refused'; text: string } | { kind: 'unreachable'; text: string };

export async function checkToken(hall: string, token: string, at: ConsoleKind): Promise<TokenCheck> {
  try {
    const { data } = await api<Whoami>('/whoami', { hall: hall || undefined, token, timeoutMs: 10_000 });
    const refusal = tokenRefusal(data, at);
    return refusal ? { kind: 'refused', text: refusal } : { kind: 'ok' };
  } catch (err) {
    const status = (err as { status?: unknown }).status;
    const code = (err as { code?: unknown }).code;
    const text = whoamiRefusal(typeof code === 'string' ? code : 'offline', errorLine(err));
    return status === 0 || (typeof status === 'number' && status >= 500) ? { kind: 'unreachable', text } : { kind: 'refused', text };
  }
}
