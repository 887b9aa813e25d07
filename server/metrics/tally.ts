// A tally: the counts and duration samples of one group (a service, a window, an hour, ...).
// Tallies add: the tally of a week is the sum of its days' tallies, which is what lets reports
// fold each past day once and cache it.
import { mergeSorted, round2, statsOf, type Samples, type Stats } from './stats.ts';

/** The counts of a group; a tally and the figures reported from it share them. */
export interface Counts {
  /** Fresh tickets (a transfer's new ticket is counted under `transferred`, not here). */
  issued: number;
  /** Tickets called for the first time. */
  called: number;
  /** Finished at a window. */
  served: number;
  /** Marked no-show and not reactivated. */
  noShow: number;
  /** Tickets moved to another service or window. */
  transferred: number;
  cancelled: number;
  /** Served tickets of the elderly lane. */
  elderlyServed: number;
  /** Green-channel tickets issued. */
  greenIssued: number;
  appointmentIssued: number;
  /** First calls that came within the service's target wait. */
  withinTarget: number;
}

export interface Tally extends Counts {
  /** Ascending ms samples. */
  wait: Samples;
  walk: Samples;
  service: Samples;
}

const COUNTS = [
  'issued',
  'called',
  'served',
  'noShow',
  'transferred',
  'cancelled',
  'elderlyServed',
  'greenIssued',
  'appointmentIssued',
  'withinTarget',
] as const satisfies readonly (keyof Counts)[];

function countsOf(value: (k: keyof Counts) => number): Counts {
  return Object.fromEntries(COUNTS.map((k) => [k, value(k)])) as unknown as Counts;
}

export function emptyTally(): Tally {
  return { ...countsOf(() => 0), wait: new Uint32Array(0), walk: new Uint32Array(0), service: new Uint32Array(0) };
}

/** a + b as a new tally; neither is changed. */
export function addTallies(a: Tally, b: Tally): Tally {
  const out = emptyTally();
  for (const k of COUNTS) out[k] = a[k] + b[k];
  out.wait = mergeSorted(a.wait, b.wait);
  out.walk = mergeSorted(a.walk, b.walk);
  out.service = mergeSorted(a.service, b.service);
  return out;
}

/** What a tally says, in the units a hall reports. */
export interface Figures extends Counts {
  /** withinTarget / called, 0..1 rounded to 4 decimals; null before any call. */
  zeroWaitRate: number | null;
  /** noShow / called; null before any call. */
  noShowRate: number | null;
  wait: Stats;
  walk: Stats;
  service: Stats;
}

export function figuresOf(t: Tally): Figures {
  const rate = (x: number) => (t.called ? Math.round((x / t.called) * 10_000) / 10_000 : null);
  return {
    ...countsOf((k) => t[k]),
    zeroWaitRate: rate(t.withinTarget),
    noShowRate: rate(t.noShow),
    wait: statsOf(t.wait),
    walk: statsOf(t.walk),
    service: statsOf(t.service),
  };
}

export { round2 };
