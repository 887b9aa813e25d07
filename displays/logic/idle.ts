// Idle reset for the kiosk: a ticket on screen goes back to the start after a short while, a
// half-finished choice after a longer one, so the next visitor always finds the start screen.

export const RESULT_IDLE_MS = 20_000;
export const CHOOSING_IDLE_MS = 45_000;

export function shouldReset(screen: 'choose' | 'result', lastTouch: number, now: number, dirty: boolean): boolean {
  if (screen === 'result') return now - lastTouch >= RESULT_IDLE_MS;
  return dirty && now - lastTouch >= CHOOSING_IDLE_MS;
}

/** Seconds left before the ticket screen resets, for the countdown on it. */
export function secondsLeft(lastTouch: number, now: number, idleMs = RESULT_IDLE_MS): number {
  return Math.max(0, Math.ceil((idleMs - (now - lastTouch)) / 1000));
}
