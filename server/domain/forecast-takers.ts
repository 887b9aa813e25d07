// Which windows may take a ticket, as indexes into the hall's windows, per service and lane: the
// lists a kept forecast (forecast-index.ts) places a new ticket over.
import { LANE_INDEX } from './forecast-window.ts';
import { windowTakes } from './lane-policy.ts';
import type { HallConfig, Lane, Ticket } from './types.ts';

/**
 * Indexes of the windows that may take a ticket, per service and lane: worked out once per hall
 * config (a hall's windows and their services never change once loaded; a new config is a new
 * object, with lists of its own), so that placing a ticket reads a list instead of asking each window.
 */
export class Takers {
  private readonly byService = new Map<string, (readonly number[])[]>();
  private readonly byTarget = new Map<string, readonly number[]>();
  /** Each service's index in the hall's list (the index keeps placed tickets' bounds by it: forecast-bounds.ts). */
  private readonly serviceIndexes: Map<string, number>;
  /** Per window (hall order): the indexes of its services that the hall has. */
  readonly servicesOfWindow: readonly (readonly number[])[];

  constructor(private readonly hall: HallConfig) {
    this.serviceIndexes = new Map(hall.services.map((s, i) => [s.id, i]));
    this.servicesOfWindow = hall.windows.map((w) => w.services.map((id) => this.serviceIndex(id)).filter((i) => i >= 0));
  }

  /** The index of `serviceId` in the hall's services, -1 when it has none. */
  serviceIndex(serviceId: string): number {
    return this.serviceIndexes.get(serviceId) ?? -1;
  }

  get services(): number {
    return this.hall.services.length;
  }

  /** The windows that may take a ticket of `serviceId` and `lane` for no window in particular. */
  of(serviceId: string, lane: Lane): readonly number[] {
    let lanes = this.byService.get(serviceId);
    if (!lanes) this.byService.set(serviceId, (lanes = []));
    const l = LANE_INDEX[lane];
    return lanes[l] ?? (lanes[l] = this.windowsTaking({ serviceId, lane } as Ticket));
  }

  /** The windows that may take `t` (a transferred ticket: its one window). */
  ofTicket(t: Pick<Ticket, 'serviceId' | 'lane' | 'targetWindowId'>): readonly number[] {
    if (t.targetWindowId === undefined) return this.of(t.serviceId, t.lane);
    let out = this.byTarget.get(t.targetWindowId);
    if (!out) this.byTarget.set(t.targetWindowId, (out = this.windowsTaking(t as Ticket)));
    return out;
  }

  private windowsTaking(t: Ticket): number[] {
    const out: number[] = [];
    for (const [i, w] of this.hall.windows.entries()) if (windowTakes(w, t)) out.push(i);
    return out;
  }
}

const takersCache = new WeakMap<HallConfig, Takers>();
export function takersFor(hall: HallConfig): Takers {
  let takers = takersCache.get(hall);
  if (!takers) takersCache.set(hall, (takers = new Takers(hall)));
  return takers;
}

