// Who keeps arriving ahead of a waiting ticket: tickets of lanes called before it (green, checked-in
// appointments, elderly before normal) that are issued while it waits. Measured on the simulator,
// a normal ticket's wait is stretched by a steady factor close to 1 / (1 − the overtaking lanes' share
// of the work arriving at its windows), whatever the last half hour's count was, so this keeps that
// share: per service and lane, the work issued (tickets × expected service time), decayed with time so
// the afternoon's mix replaces the morning's. O(1) per issued ticket, O(services × lanes) per read.
import type { HallConfig, Lane, WindowConfig } from '../domain/types.ts';

const LANE_RANK: Record<Lane, number> = { green: 0, appointment: 1, elderly: 2, normal: 2 };
const LANES: Lane[] = ['green', 'appointment', 'elderly', 'normal'];
/** Work issued this long ago counts for 1/e. */
const MEMORY_MS = 90 * 60_000;
/** Before any ticket: as if this much normal work had been issued per service (no overtaking yet). */
const PRIOR_WORK_MS = 30 * 60_000;

/** Whether a ticket in lane `other` issued later is called before one in lane `mine`. */
export function overtakes(other: Lane, mine: Lane): boolean {
  return LANE_RANK[other] < LANE_RANK[mine] || (mine === 'normal' && other === 'elderly');
}

interface Cell {
  work: number;
  at: number;
}

/** One service's cells, with the decayed work per lane (in LANES order) as of `decayedAt`, so a read allocates nothing. */
interface ServiceCells {
  cells: Record<Lane, Cell>;
  /** The same cells in LANES order, for the reads' loops (an index, not a lane-named key, per cell). */
  list: Cell[];
  decayed: number[];
  decayedAt: number;
}

/** Per lane, whether each of LANES (in order) overtakes it. */
const OVERTAKERS = Object.fromEntries(LANES.map((mine) => [mine, LANES.map((other) => overtakes(other, mine))])) as Record<Lane, boolean[]>;

export class OvertakingShare {
  /** service → lane → decayed work issued, ms. */
  private readonly work = new Map<string, ServiceCells>();
  /** The services a window list names, each once in the order first named (the estimate keeps its lists while the windows' states stay). */
  private readonly servicesOf = new WeakMap<readonly WindowConfig[], ServiceCells[]>();

  constructor(hall: HallConfig) {
    for (const s of hall.services) {
      const cells = {} as Record<Lane, Cell>;
      for (const lane of LANES) cells[lane] = { work: lane === 'normal' ? PRIOR_WORK_MS : 0, at: -Infinity };
      this.work.set(s.id, { cells, list: LANES.map((lane) => cells[lane]), decayed: LANES.map(() => 0), decayedAt: NaN });
    }
  }

  /** A ticket issued at `at` (a transfer's new ticket too), expected to keep a window `workMs`. */
  observe(serviceId: string, lane: Lane, workMs: number, at: number): void {
    const service = this.work.get(serviceId);
    const cell = service?.cells[lane];
    if (!service || !cell) return;
    cell.work = decayed(cell, at) + workMs;
    cell.at = at;
    service.decayedAt = NaN;
  }

  /**
   * The share of the work arriving at `windows` (a list not changed after) that would overtake a
   * ticket of `lane`, at `now`. Read per estimate (every issue answer, every status page): each
   * service once, in the order the windows first name it, and its decay computed once per instant.
   */
  share(lane: Lane, windows: readonly WindowConfig[], now: number): number {
    const jumps = OVERTAKERS[lane];
    let jumping = 0;
    let all = 0;
    for (const service of this.servicesNamed(windows)) {
      if (service.decayedAt !== now) {
        for (let i = 0; i < LANES.length; i++) service.decayed[i] = decayed(service.list[i]!, now);
        service.decayedAt = now;
      }
      for (let i = 0; i < LANES.length; i++) {
        const w = service.decayed[i]!;
        all += w;
        if (jumps[i]) jumping += w;
      }
    }
    return all > 0 ? jumping / all : 0;
  }

  private servicesNamed(windows: readonly WindowConfig[]): ServiceCells[] {
    let services = this.servicesOf.get(windows);
    if (!services) {
      const named = new Set<ServiceCells>();
      for (const window of windows) {
        for (const id of window.services) {
          const service = this.work.get(id);
          if (service) named.add(service);
        }
      }
      services = [...named];
      this.servicesOf.set(windows, services);
    }
    return services;
  }
}

function decayed(cell: Cell, now: number): number {
  if (cell.at === -Infinity) return cell.work;
  return cell.work * Math.exp(-Math.max(0, now - cell.at) / MEMORY_MS);
}
