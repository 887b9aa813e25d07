// The waiting queues as a forecast run (forecast.ts) reads them: each queue's tickets read chunk by
// chunk as the state keeps them (queues.ts), the ones the run calls struck out, and the state's
// queues left as they are. A press reads queue heads as laneHeads does (lane-policy.ts: per lane
// the first ticket the window may take, and the longest-waiting one, each queue read from its head
// past reactivated no-shows), with what the run knows of each list: its tickets are of one of the
// window's services and one lane, so only a ticket for one window (a transfer) is asked whether the
// window may take it. Not through laneHeads' step (seeInQueue): asking windowTakes and a Map per
// ticket seen was a quarter of a run's time on the clerks bench. The reference replay the property
// tests check the run against presses through pickNext, which reads them through laneHeads.
//
// Why chunks and not one array per queue: a queue record is new after every change (an issue or a
// call), and the hall's busy queues all change between two runs; copying each into one array made
// a third of a run's time on the clerks bench (bench/scale/clerks-alone.ts). A chunk outlives its
// queue record (a change copies one chunk), so its tickets are looked up once (chunkTickets).
import { LANES } from '../config/schema.ts';
import { LANE_INDEX } from './forecast-window.ts';
import { windowQueueKeys } from './lane-policy.ts';
import { byQueueOrder, type Queue } from './queues.ts';
import { ticketById } from './ticket-table.ts';
import type { HallState, Lane, Ticket, WindowConfig } from './types.ts';

/** A queue's tickets in queue order, which of them the run has called, and where its first one not called is. */
interface RunList {
  /** Its tickets, chunk by chunk. */
  readonly chunks: readonly (readonly Ticket[])[];
  /** By place in the queue (across chunks): 1 once the run called it. */
  readonly taken: Uint8Array;
  /** The first place not called, as a place in the queue and as chunk and place in that chunk. */
  head: number;
  headChunk: number;
  headAt: number;
  readonly serviceId: string;
  readonly lane: Lane;
  readonly laneIndex: number;
  /** 1 << LANE_INDEX[lane]. */
  readonly bit: number;
}

/**
 * The tickets of each queue's chunks as the last run of one hall's history read them, by queue key:
 * a chunk changed since reuses the records of the tickets it shares with the one it replaced
 * (lookUpChunk), instead of looking each up in the ticket table again (most of a run's time on the
 * clerks bench went to those lookups: every batch changes most queues). Kept per hall (Forecasts),
 * because ticket ids are unique only within one hall's history.
 */
export type ChunkMemory = Map<string, readonly (readonly Ticket[])[]>;

/** The list of every empty queue: no tickets, so never read past its head nor taken from. */
const EMPTY_LIST: RunList = Object.freeze({ chunks: [], taken: new Uint8Array(0), head: 0, headChunk: 0, headAt: 0, serviceId: '', lane: 'normal', laneIndex: 0, bit: 0 });

export class RunQueues {
  /** Per queue key id (keyIdOf): its list, made when a window first reads it. */
  private readonly lists: (RunList | undefined)[] = [];
  /**
   * Every window's non-empty queues, read at every press: window w's are windowLists[from[w] ..
   * from[w + 1]). One list for all windows rather than one each: a list per window was the run's
   * largest share of bytes.
   */
  private windowLists: RunList[] = [];
  private readonly from: Int32Array;
  /** Per entry of windowLists: 1 when its window takes the list's lane (then every untargeted ticket of it is the window's: the list is of one of its services). */
  private takesLane = new Uint8Array(0);
  /** Bits (LANE_INDEX) of the lanes in which the last press saw a ticket its window may take. */
  present = 0;
  /** Per lane (LANE_INDEX, valid for the lanes in `present`): the last press's first ticket, its entry in windowLists and its place in that list. */
  private readonly first: (Ticket | undefined)[] = new Array<Ticket | undefined>(LANES.length).fill(undefined);
  private readonly firstList = new Int32Array(LANES.length);
  private readonly firstAt = new Int32Array(LANES.length);
  /** The last press's longest-waiting ticket, its entry in windowLists and its place in that list. */
  private oldest: Ticket | undefined;
  private oldestList = 0;
  private oldestAt = 0;

  /** `windows`: the hall's windows (they press by index). */
  constructor(
    private readonly state: HallState,
    windows: readonly WindowConfig[],
    private readonly memory?: ChunkMemory,
  ) {
    this.from = new Int32Array(windows.length + 1);
    this.placeLists(windows);
  }

  /**
   * Reads what window `w` (config `window`) sees at its press now, as laneHeads
   * would: the lanes in which it may take a ticket (`present`), each one's first ticket (firstOf),
   * and the longest-waiting ticket it may take, returned (undefined: none).
   */
  press(w: number, window: WindowConfig): Ticket | undefined {
    const lists = this.windowLists;
    const from = this.from[w]!;
    const to = this.from[w + 1]!;
    let present = 0;
    let oldest: Ticket | undefined;
    for (let k = from; k < to; k++) {
      const list = lists[k]!;
      const { chunks, taken, laneIndex: l, bit } = list;
      // Its tickets are of the window's services and of the list's lane: an untargeted one is the window's when it takes the lane.
      const takesLane = this.takesLane[k] === 1;
      let first = present & bit ? this.first[l] : undefined;
      let at = list.head;
      scan: for (let c = list.headChunk, i = list.headAt; c < chunks.length; c++, i = 0) {
        const chunk = chunks[c]!;
        for (; i < chunk.length; i++, at++) {
          if (taken[at]) continue;
          const t = chunk[i]!;
          if (t.targetWindowId === undefined ? !takesLane : t.targetWindowId !== window.id) continue;
          if (first === undefined || byQueueOrder(t, first) < 0) {
            first = t;
            this.firstList[l] = k;
            this.firstAt[l] = at;
          }
          if (oldest === undefined || t.arrivedAt < oldest.arrivedAt || (t.arrivedAt === oldest.arrivedAt && byQueueOrder(t, oldest) < 0)) {
            oldest = t;
            this.oldestList = k;
            this.oldestAt = at;
          }
          // Past the first ticket it may take that is not a reactivated no-show, nothing older follows (queue order).
          if (!t.front) break scan;
        }
      }
      if (first !== undefined) {
        this.first[l] = first;
        present |= bit;
      }
    }
    this.present = present;
    this.oldest = oldest;
    return oldest;
  }

  /** The first ticket of lane `l` (LANE_INDEX) the last press saw its window may take. */
  firstOf(l: number): Ticket | undefined {
    return this.present & (1 << l) ? this.first[l] : undefined;
  }

  /** `t`, chosen at the last press (the first of its lane or the longest-waiting there), is called: out of its queue. */
  take(t: Ticket): void {
    const l = LANE_INDEX[t.lane];
    const first = this.firstOf(l) === t;
    if (!first && t !== this.oldest) throw new Error(`the forecast run took ${t.id}, which its last press did not see`);
    const list = this.windowLists[first ? this.firstList[l]! : this.oldestList]!;
    const { chunks, taken } = list;
    taken[first ? this.firstAt[l]! : this.oldestAt] = 1;
    while (list.head < taken.length && taken[list.head]) {
      list.head++;
      if (++list.headAt === chunks[list.headChunk]!.length) {
        list.headChunk++;
        list.headAt = 0;
      }
    }
  }

  /** The tickets the run never called (no window at all may take them). */
  leftover(): Map<string, Ticket> {
    const out = new Map<string, Ticket>();
    for (const key in this.state.queues) {
      const { chunks, taken, head, headChunk, headAt } = this.list(keyIdOf(key));
      let at = head;
      for (let c = headChunk, i = headAt; c < chunks.length; c++, i = 0) {
        const chunk = chunks[c]!;
        for (; i < chunk.length; i++, at++) if (!taken[at]) out.set(chunk[i]!.id, chunk[i]!);
      }
    }
    return out;
  }

  /**
   * Every window's non-empty queues (the run only takes tickets out: a queue empty at the start
   * stays empty), placed from the queues that hold tickets to the windows that read each
   * (readersOf), not from every window's keys: a hall's windows read a dozen keys each, most of them empty.
   */
  private placeLists(windows: readonly WindowConfig[]): void {
    const n = windows.length;
    const readers = readersOf(windows);
    const queues = this.state.queues;
    const from = this.from;
    for (const key in queues) {
      const r = readers.get(key);
      if (r && queues[key]!.size > 0) for (let j = 0; j < r.windows.length; j++) from[r.windows[j]! + 1]!++;
    }
    for (let w = 0; w < n; w++) from[w + 1]! += from[w]!;
    const lists = (this.windowLists = new Array<RunList>(from[n]!));
    const takesLane = (this.takesLane = new Uint8Array(from[n]!));
    const next = from.slice(0, n);
    for (const key in queues) {
      const r = readers.get(key);
      if (!r || queues[key]!.size === 0) continue;
      const list = this.list(keyIdOf(key));
      for (let j = 0; j < r.windows.length; j++) {
        const k = next[r.windows[j]!]!++;
        lists[k] = list;
        takesLane[k] = r.takesLane[j]!;
      }
    }
    // An emptied queue forgets its chunks: nothing keeps yesterday's tickets once their queues are gone.
    if (this.memory) for (const key of this.memory.keys()) if (queues[key] === undefined) this.memory.delete(key);
  }

  private list(id: number): RunList {
    // The making apart: its closure over `this` would otherwise be made at every call, a hit too
    // (V8 makes a function's closure context on entry), and a run asks for its lists thousands of times.
    return this.lists[id] ?? this.makeList(id);
  }

  private makeList(id: number): RunList {
    const key = keyNames[id]!;
    const queue: Queue | undefined = this.state.queues[key];
    if (!queue) {
      // An emptied queue forgets its chunks: nothing keeps yesterday's tickets once their queues are gone.
      this.memory?.delete(key);
      // Most of a window's queues are empty: one list stands for all of them (nothing is ever taken from it).
      return (this.lists[id] = EMPTY_LIST);
    }
    const before = this.memory?.get(key);
    const chunks = queue.chunks.map((chunk, c) => chunkTickets(this.state, chunk, before?.[c]));
    this.memory?.set(key, chunks);
    const { serviceId, lane, bit } = queueOfKey(key);
    const list: RunList = { chunks, taken: new Uint8Array(queue.size), head: 0, headChunk: 0, headAt: 0, serviceId, lane, laneIndex: LANE_INDEX[lane], bit };
    this.lists[id] = list;
    return list;
  }
}

/**
 * Queue keys ("service|lane") as small numbers, so that a run finds a window's lists in arrays
 * rather than by string (a run reads every window's dozen keys). Keys come from hall files: a few
 * hundred at most, never dropped (an id must stay the key's).
 */
const keyIds = new Map<string, number>();
const keyNames: string[] = [];
function keyIdOf(key: string): number {
  let id = keyIds.get(key);
  if (id === undefined) {
    id = keyNames.length;
    keyNames.push(key);
    keyIds.set(key, id);
  }
  return id;
}

/** The windows (by index) that read a queue key, and whether each takes its lane: per hall's windows (never changed once loaded). */
interface Readers {
  windows: Int32Array;
  takesLane: Uint8Array;
}

function readersOf(windows: readonly WindowConfig[]): Map<string, Readers> {
  let readers = readersByHall.get(windows);
  if (!readers) {
    const byKey = new Map<string, { windows: number[]; takesLane: number[] }>();
    for (const [i, config] of windows.entries()) {
      for (const [key, lane] of windowQueueKeys(config)) {
        let r = byKey.get(key);
        if (!r) byKey.set(key, (r = { windows: [], takesLane: [] }));
        r.windows.push(i);
        r.takesLane.push(!config.lanes || config.lanes.includes(lane) ? 1 : 0);
      }
    }
    readers = new Map([...byKey].map(([key, r]) => [key, { windows: Int32Array.from(r.windows), takesLane: Uint8Array.from(r.takesLane) }]));
    readersByHall.set(windows, readers);
  }
  return readers;
}
const readersByHall = new WeakMap<readonly WindowConfig[], Map<string, Readers>>();

/** "service|lane" → its parts. */
function queueOfKey(key: string): { serviceId: string; lane: Lane; bit: number } {
  let parts = keyParts.get(key);
  if (!parts) {
    const bar = key.indexOf('|');
    const lane = key.slice(bar + 1) as Lane;
    parts = { serviceId: key.slice(0, bar), lane, bit: 1 << LANE_INDEX[lane] };
    if (keyParts.size > 10_000) keyParts.clear();
    keyParts.set(key, parts);
  }
  return parts;
}
const keyParts = new Map<string, { serviceId: string; lane: Lane; bit: number }>();

/**
 * A queue chunk's tickets. A chunk is never changed once made (queues.ts copies the one chunk a
 * change touches), and a waiting ticket's record changes only by leaving its queue (a call, cancel
 * or transfer: a new chunk), so any state that holds a chunk holds these tickets for it: looked up
 * once, not at every run. The run reads of them only what places them in a queue and says which
 * windows take them, which cannot change in place. `before`: the tickets of the chunk at its place
 * in the queue as the hall's last run read it.
 */
function chunkTickets(state: HallState, chunk: readonly string[], before: readonly Ticket[] | undefined): readonly Ticket[] {
  let tickets = ticketsOfChunk.get(chunk);
  if (!tickets) {
    tickets = lookUpChunk(state, chunk, before);
    ticketsOfChunk.set(chunk, tickets);
  }
  return tickets;
}
const ticketsOfChunk = new WeakMap<readonly string[], readonly Ticket[]>();

/**
 * The tickets of `ids` in `state`, taking the records of `before` where that is exact. A ticket in
 * this chunk and in `before` (the same queue, earlier or later in the hall's history) has the same
 * record in both when it waited in that queue all along. The only way back into a queue is a
 * reactivation, which makes the ticket `front` until it is called (and so leaves again); so a
 * ticket that is not `front` in either has waited all along. Whether it is `front` now is known
 * without looking it up once a ticket before it in the queue is not: `front` tickets come first
 * (queue order). A call takes the head (`before` from its second ticket on), an issue adds a
 * ticket at the end: the common changes line up; anything else is looked up.
 */
function lookUpChunk(state: HallState, ids: readonly string[], before: readonly Ticket[] | undefined): Ticket[] {
  const out = new Array<Ticket>(ids.length);
  let from = -1;
  if (before) for (let j = 0; j < before.length && j < 4; j++) if (before[j]!.id === ids[0]) from = from < 0 ? j : from;
  /** Whether a ticket looked up here before this one is not `front` (nor then is any after it). */
  let plain = false;
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k]!;
    const old = plain && from >= 0 ? before![from + k] : undefined;
    if (old !== undefined && old.id === id && !old.front) out[k] = old;
    else {
      const t = ticketById(state.tickets, id)!;
      if (!t.front) plain = true;
      out[k] = t;
    }
  }
  return out;
}
