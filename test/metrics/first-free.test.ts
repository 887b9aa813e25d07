// The first and second free times of busy windows (server/metrics/first-free.ts) against draws:
// each window's visitor drawn lognormal here (Box–Muller, seeded), kept only if still there after
// the time they have lasted, the first and second to leave of the windows taken; the shares counted
// from the draws, not from the module's formulas.
import test from 'ava';
import { freePoints, nthFreeSurvivals, type BusyWindow } from '../../server/metrics/first-free.ts';

const MIN = 60_000;
const DRAWS = 20_000;

/** A seeded uniform source (mulberry32). */
function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws of the (nth + 1)-th free time: each visitor's remaining time given they are still there, sorted, plus the turnaround. */
function drawFree(busy: readonly BusyWindow[], cv: number, turnMs: number, seed: number, nth: number): number[] {
  const u = uniform(seed);
  const s = Math.sqrt(Math.log(1 + cv * cv));
  const lognormal = (mean: number) => Math.exp(Math.log(mean) - (s * s) / 2 + s * Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u()));
  const out: number[] = [];
  for (let d = 0; d < DRAWS; d++) {
    const left: number[] = [];
    for (const b of busy) {
      let t = lognormal(b.meanMs);
      while (t <= b.elapsedMs) t = lognormal(b.meanMs);
      left.push(t - b.elapsedMs);
    }
    left.sort((a, b) => a - b);
    out.push(left[nth]! + turnMs);
  }
  return out;
}

const withinShare = (draws: readonly number[], e: number) => draws.filter((w) => Math.abs(w - e) <= Math.max(0.2 * e, 2 * MIN)).length / draws.length;

const halls: { name: string; busy: BusyWindow[]; cv: number; turnMs: number }[] = [
  { name: 'three windows, visitors just called', busy: [{ meanMs: 10 * MIN, elapsedMs: 0 }, { meanMs: 10 * MIN, elapsedMs: 30_000 }, { meanMs: 6 * MIN, elapsedMs: 0 }], cv: 0.5, turnMs: 12_000 },
  { name: 'two windows, one visitor long past the mean', busy: [{ meanMs: 15 * MIN, elapsedMs: 25 * MIN }, { meanMs: 15 * MIN, elapsedMs: 2 * MIN }], cv: 0.5, turnMs: 0 },
  { name: 'one window, a long case', busy: [{ meanMs: 40 * MIN, elapsedMs: 5 * MIN }], cv: 0.4, turnMs: 0 },
];

for (const [i, hall] of halls.entries()) {
  for (const nth of hall.busy.length > 1 ? [0, 1] : [0]) {
    const which = nth === 0 ? 'first' : 'second';
    test(`${hall.name}: the ${which} free time's survival matches the draws and the point said is within the band about as often as the best point of the draws`, (t) => {
      const draws = drawFree(hall.busy, hall.cv, hall.turnMs, 1000 + i, nth);
      const survival = nthFreeSurvivals(hall.busy, hall.cv, hall.turnMs, [], 2)[nth]!;
      for (let k = 0; k < survival.length; k += 6) {
        const seen = draws.filter((w) => w > k * 10_000).length / DRAWS;
        t.true(Math.abs(seen - survival[k]!) < 0.02, `P(${which} free > ${k * 10} s): drawn ${seen}, computed ${survival[k]}`);
      }
      const said = freePoints(hall.busy, hall.cv, hall.turnMs, [], 1, 2)[nth]!.ms;
      let best = 0;
      for (let e = 0; e < 60 * MIN; e += 5_000) best = Math.max(best, withinShare(draws, e));
      const mean = draws.reduce((a, b) => a + b, 0) / DRAWS;
      t.true(withinShare(draws, said) >= best - 0.02, `said ${said} ms: within ${withinShare(draws, said)}, best of the draws ${best}`);
      t.true(withinShare(draws, said) >= withinShare(draws, mean) - 0.005, `said within ${withinShare(draws, said)}, the mean ${mean} ms within ${withinShare(draws, mean)}`);
    });
  }
}

test('a paused window back in 3 minutes frees the first window by then at the latest', (t) => {
  const busy = [{ meanMs: 30 * MIN, elapsedMs: 0 }];
  const survival = nthFreeSurvivals(busy, 0.5, 0, [3 * MIN], 1)[0]!;
  t.true(survival[17]! > 0.9, 'before the return, the long case is most likely still there');
  t.is(survival[18] ?? 0, 0, 'from the return on, a window is free');
  t.true(freePoints(busy, 0.5, 0, [3 * MIN], 1, 1)[0]!.ms <= 3 * MIN);
});

test('overtakers stretching the wait move the point later, never earlier', (t) => {
  const busy = [{ meanMs: 8 * MIN, elapsedMs: MIN }, { meanMs: 8 * MIN, elapsedMs: 4 * MIN }];
  const [plain] = freePoints(busy, 0.5, 0, [], 1, 1);
  const [stretched] = freePoints(busy, 0.5, 0, [], 1.5, 1);
  t.is(plain!.ms, plain!.stretchedMs);
  t.true(stretched!.stretchedMs >= plain!.ms, `${stretched!.stretchedMs} ≥ ${plain!.ms}`);
});
