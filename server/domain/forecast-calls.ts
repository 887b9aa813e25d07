// The calls of a kept forecast run (forecast-index.ts): which press calls each ticket, for the run's
// own calls and for the tickets placed in it since.
//
// Why not one Map of id → record filled as the run goes: a run calls every waiting ticket, and
// filling that Map (an entry and a record per call) was the costliest line of a run on the clerks
// bench (bench/scale/clerks-alone.ts: a run after every batch with a call), while the reads before
// the next run ask for a few tickets (the issued ones of the batch). So the run's calls go into
// arrays in run order, a lookup by id walks them from the last call back (the batch's issued tickets
// are called late), and only a run whose lookups walked SCAN_BUDGET times its calls gets the Map
// (then each lookup is O(1) again: a status page or a snapshot reads many).
import type { Ticket } from './types.ts';

/** A ticket the run (or a placement since) calls: at the press of window `w` (its index in the hall) at `at`. */
export interface Called {
  ticket: Ticket;
  w: number;
  at: number;
  /** The index version that added it (0: the run itself). */
  version: number;
}

/** How many times over the run's calls lookups walk, in all, before the calls are indexed by id. */
const SCAN_BUDGET = 8;

export class ForecastCalls {
  /**
   * The run's own calls, in run order, in arrays of the size the run asks for (it calls each waiting
   * ticket at most once): no array grown call by call, and the windows and times in typed arrays,
   * whose contents are no work for the young-generation collector.
   */
  private readonly tickets: Ticket[];
  private readonly ws: Int32Array;
  private readonly ats: Float64Array;
  private count = 0;
  /** The run's calls by id, once asked for often enough. */
  private byId?: Map<string, number>;
  /** Calls walked by lookups so far. */
  private scanned = 0;
  /** Tickets placed since the run, by id. */
  private readonly placed = new Map<string, Called>();

  /** `capacity`: the most calls the run may make (the waiting tickets). */
  constructor(capacity: number) {
    // Grown as it fills past what V8 keeps as a plain array when made at its size.
    this.tickets = capacity <= 50_000 ? new Array<Ticket>(capacity) : [];
    this.ws = new Int32Array(capacity);
    this.ats = new Float64Array(capacity);
  }

  /** A call of the run itself (the run adds them in press order). */
  addRun(ticket: Ticket, w: number, at: number): void {
    const k = this.count++;
    this.tickets[k] = ticket;
    this.ws[k] = w;
    this.ats[k] = at;
  }

  /** A ticket placed since the run. */
  place(c: Called): void {
    this.placed.set(c.ticket.id, c);
  }

  /** Takes back a placement. */
  unplace(id: string): void {
    this.placed.delete(id);
  }

  get(id: string): Called | undefined {
    const c = this.placed.get(id);
    if (c) return c;
    const k = this.runIndex(id);
    return k < 0 ? undefined : { ticket: this.tickets[k]!, w: this.ws[k]!, at: this.ats[k]!, version: 0 };
  }

  has(id: string): boolean {
    return this.placed.has(id) || this.runIndex(id) >= 0;
  }

  get size(): number {
    return this.count + this.placed.size;
  }

  /** The ids called as of index version `version`: the run's in run order, then the placed ones in the order placed. */
  *ids(version: number): IterableIterator<string> {
    for (let k = 0; k < this.count; k++) yield this.tickets[k]!.id;
    for (const [id, c] of this.placed) if (c.version <= version) yield id;
  }

  /** Every called ticket, without a record per ticket. */
  forEachTicket(f: (t: Ticket) => void): void {
    for (let k = 0; k < this.count; k++) f(this.tickets[k]!);
    for (const c of this.placed.values()) f(c.ticket);
  }

  /** The latest arrival among the called tickets (-Infinity: none). */
  newestArrival(): number {
    let newest = -Infinity;
    for (let k = 0; k < this.count; k++) newest = Math.max(newest, this.tickets[k]!.arrivedAt);
    for (const c of this.placed.values()) newest = Math.max(newest, c.ticket.arrivedAt);
    return newest;
  }

  /** Every call `d` ms later. */
  shift(d: number): void {
    const ats = this.ats;
    for (let k = 0; k < this.count; k++) ats[k]! += d;
    for (const c of this.placed.values()) c.at += d;
  }

  /** Where the run calls `id` (-1: it does not). */
  private runIndex(id: string): number {
    if (this.byId) return this.byId.get(id) ?? -1;
    if (this.scanned > SCAN_BUDGET * this.count) {
      this.byId = new Map();
      for (let k = 0; k < this.count; k++) this.byId.set(this.tickets[k]!.id, k);
      return this.byId.get(id) ?? -1;
    }
    // From the last call back: the tickets read most (those issued in the batch the run follows) arrived last, and are called late in the run.
    const tickets = this.tickets;
    for (let k = this.count - 1; k >= 0; k--) {
      if (tickets[k]!.id === id) {
        this.scanned += this.count - k;
        return k;
      }
    }
    this.scanned += this.count;
    return -1;
  }
}
