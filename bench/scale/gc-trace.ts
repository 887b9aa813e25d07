// The server's garbage collections as `node --trace-gc` prints them, summed per phase of a bench run
// (the parent says when a phase starts): how many young (Scavenge) and full (Mark-Compact)
// collections, and how long the main thread stood still for them. A closed loop of clerks waits
// for every such pause. (The server's own /metrics figure, prom-client's nodejs_gc_duration_seconds,
// reads only the first entry of each batch its observer gets, so it undercounts under load.)
import type { Readable } from 'node:stream';
import { createInterface } from 'node:readline';

// "[pid:0x…]  15012 ms: Scavenge 37.4 (54.3) -> 36.8 (54.3) MB, 4.21 / 0.01 ms  (+ 13.2 ms in 43 steps since start of marking …"
const GC_LINE = /\d+ ms: (Scavenge|Mark-Compact|Mark-Sweep)\b[^,]*, ([\d.]+) \/ [\d.]+ ms(?:\s+\(\+ ([\d.]+) ms in)?/;

export interface GcFigures {
  young: number;
  youngMs: number;
  full: number;
  /** The full collections' final pauses, and the incremental marking steps before them. */
  fullMs: number;
  incrementalMs: number;
}

export class GcTrace {
  /** The phase the lines read from now on are counted in. */
  phase = 'start';
  private readonly phases = new Map<string, GcFigures>();

  /** Reads the server's stdout: GC lines are counted, every other line goes on to ours. */
  constructor(stdout: Readable) {
    createInterface({ input: stdout }).on('line', (line) => {
      const m = GC_LINE.exec(line);
      if (!m) return void console.log(line);
      const f = this.of(this.phase);
      if (m[1] === 'Scavenge') {
        f.young++;
        f.youngMs += Number(m[2]);
      } else {
        f.full++;
        f.fullMs += Number(m[2]);
        f.incrementalMs += Number(m[3] ?? 0);
      }
    });
  }

  of(phase: string): GcFigures {
    let f = this.phases.get(phase);
    if (!f) this.phases.set(phase, (f = { young: 0, youngMs: 0, full: 0, fullMs: 0, incrementalMs: 0 }));
    return f;
  }
}

/** "GC 0.081 ms a request: 517 young 0.071 ms, 22 full 0.006 ms + 0.016 ms incremental" */
export function gcLine(f: GcFigures, requests: number): string {
  const per = (ms: number) => (ms / requests).toFixed(3);
  return `${per(f.youngMs + f.fullMs + f.incrementalMs)} ms a request in GC pauses: ${f.young} young ${per(f.youngMs)} ms, ${f.full} full ${per(f.fullMs)} ms + ${per(f.incrementalMs)} ms incremental marking`;
}
