// Simulated ratings: plausible (most visitors who rate are satisfied when served on time) and worse
// with longer waits, so the demo's figures move the way a manager expects.
import test from 'ava';
import fc from 'fast-check';
import { levelWeights, simulatedRating } from '../../server/ratings/simulated.ts';
import { Random } from '../../server/simulator/random.ts';

const visit = (waitMinutes: number) => ({ waitMinutes, targetWaitMinutes: 15, serviceMinutes: 8, avgServiceMinutes: 8 });

test('weights are a distribution, and a longer wait never makes a bad rating less likely', (t) => {
  fc.assert(
    fc.property(fc.double({ min: 0, max: 300, noNaN: true }), fc.double({ min: 0, max: 300, noNaN: true }), (a, b) => {
      const [short, long] = a <= b ? [a, b] : [b, a];
      const ws = levelWeights(visit(short));
      const wl = levelWeights(visit(long));
      const bad = (w: number[]) => w[3]! + w[4]!;
      return Math.abs(ws.reduce((x, y) => x + y, 0) - 1) < 1e-9 && bad(wl) >= bad(ws) - 1e-12;
    }),
  );
  t.pass();
});

test('served on time: about 4 in 5 rate and over 90% of them are good; an hour late: many more bad ones, with the wait as reason', (t) => {
  const rnd = new Random(42);
  const run = (wait: number) => {
    const out = Array.from({ length: 4000 }, () => simulatedRating(() => rnd.next(), visit(wait)));
    const given = out.filter((r) => r !== null);
    const bad = given.filter((r) => r.level === 'dissatisfied' || r.level === 'very_dissatisfied');
    return { share: given.length / out.length, bad: bad.length / given.length, reasons: bad.flatMap((r) => r.reasons) };
  };
  const onTime = run(5);
  const late = run(75);
  t.true(onTime.share > 0.75 && onTime.share < 0.85, `share ${onTime.share}`);
  t.true(onTime.bad < 0.1, `bad on time ${onTime.bad}`);
  t.true(late.bad > 3 * onTime.bad, `bad late ${late.bad} vs ${onTime.bad}`);
  t.true(late.reasons.every((r) => r === 'wait'));
});
