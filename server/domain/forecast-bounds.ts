// The bounds tickets placed in a kept forecast run (forecast-index.ts) put on the windows' wins:
// until a placed ticket is called, it holds its lane at every window that may take it, so that
// window's earlier wins for that lane are void.
//
// Kept per service and lane (the latest press, in press order, that calls a placed ticket of that
// service and lane), not per window: a window may take a ticket exactly when it serves the ticket's
// service and takes its lane (windowTakes; placed tickets are never transferred ones), so a window's
// bound for a lane it takes is the latest of its services' bounds for that lane. Placing a ticket
// then sets one bound instead of one at each of the (tens of) windows that may take it, and taking
// the placement back restores that one.
import { LANES } from '../config/schema.ts';
import type { PressOrder } from './forecast-presses.ts';
import { NO_BOUND } from './forecast-window.ts';

export class PlacedBounds {
  /** Per service (index in the hall's services) × LANES.length + lane: the bounding press's window (NO_BOUND: none) and time. */
  private readonly ws: Int32Array;
  private readonly ats: Float64Array;
  /** The bound latestOf found: its press's time (its window is what latestOf returned). */
  latestAt = 0;

  constructor(services: number) {
    this.ws = new Int32Array(services * LANES.length).fill(NO_BOUND);
    this.ats = new Float64Array(services * LANES.length);
  }

  /** The bound of service `s`, lane `l`: its window (NO_BOUND: none); its time is atOf. */
  wOf(s: number, l: number): number {
    return this.ws[s * LANES.length + l]!;
  }

  atOf(s: number, l: number): number {
    return this.ats[s * LANES.length + l]!;
  }

  set(s: number, l: number, w: number, at: number): void {
    const k = s * LANES.length + l;
    this.ws[k] = w;
    this.ats[k] = at;
  }

  /** The latest bound of lane `l` over the services `services` (a window's): its window (NO_BOUND: none), its time in latestAt. */
  latestOf(services: readonly number[], l: number, presses: PressOrder): number {
    let bw = NO_BOUND;
    let bat = 0;
    for (let k = 0; k < services.length; k++) {
      const i = services[k]! * LANES.length + l;
      const w = this.ws[i]!;
      if (w === NO_BOUND) continue;
      const at = this.ats[i]!;
      if (bw === NO_BOUND || presses.compare(w, at, bw, bat) > 0) {
        bw = w;
        bat = at;
      }
    }
    this.latestAt = bat;
    return bw;
  }

  /** Every bound `d` ms later (the whole run moved on). */
  shift(d: number): void {
    for (let i = 0; i < this.ws.length; i++) if (this.ws[i] !== NO_BOUND) this.ats[i]! += d;
  }
}
