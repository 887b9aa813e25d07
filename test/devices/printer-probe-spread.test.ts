// A hall with a printer at every desk does not open every printer's status probe in the same
// instant at start: the pool probes its printers a group at a time, PROBE_GROUP_GAP_MS apart, and
// every printer is still probed. Real TCP: forty desks' printer urls point at one virtual printer,
// which counts the connections it accepts; only the timers are sinon's, so the test moves the
// clock a gap at a time and waits (real time) for the probes each step lets out.
import test from 'ava';
import sinon from 'sinon';
import { loadDeploymentFile } from '../../server/config/load.ts';
import { PrinterPool, PROBE_GROUP_GAP_MS, PROBES_AT_ONCE } from '../../ticket-printer/printers.ts';
import { FakeEscPosPrinter } from '../helpers/fake-escpos-printer.ts';

const hall = loadDeploymentFile(new URL('../../config/demo-hall.yaml', import.meta.url).pathname).halls[0]!;
const DESKS = 40;
const realWait = (ms: number) => new Promise((r) => setImmediateReal(() => setTimeoutReal(r, ms)));
const setTimeoutReal = globalThis.setTimeout;
const setImmediateReal = globalThis.setImmediate;

/** Waits (real time) until the printer has accepted `n` connections, then a little longer to see that no more come. */
async function settledAt(printer: FakeEscPosPrinter, n: number): Promise<number> {
  for (let i = 0; i < 200 && printer.connections < n; i++) await realWait(10);
  await realWait(150);
  return printer.connections;
}

test.serial('forty desk printers are probed a group at a time, and every one is probed and shown online', async (t) => {
  const printer = await FakeEscPosPrinter.start();
  const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  const printers = Array.from({ length: DESKS }, (_, i) => ({ id: `p${i}`, desk: `desk-${i}`, url: printer.url, width: 48 }));
  const pool = new PrinterPool(hall, printers, { probeEveryMs: 60_000 });
  t.teardown(async () => {
    pool.close();
    clock.restore();
    await printer.close();
  });
  const seen: number[] = [await settledAt(printer, PROBES_AT_ONCE)];
  for (let contacted = PROBES_AT_ONCE; contacted < DESKS; ) {
    clock.tick(PROBE_GROUP_GAP_MS);
    contacted = Math.min(DESKS, contacted + PROBES_AT_ONCE);
    seen.push(await settledAt(printer, contacted));
  }
  // 40 printers, 16 at a time: 16 at start, 32 a gap later, all 40 two gaps later.
  t.deepEqual(seen, [16, 32, 40]);
  t.true(pool.statuses().every((s) => s.state === 'online'), JSON.stringify(pool.statuses().filter((s) => s.state !== 'online')));
});

test.serial('a pool closed before its later groups are due probes no more printers', async (t) => {
  const printer = await FakeEscPosPrinter.start();
  const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  t.teardown(async () => {
    clock.restore();
    await printer.close();
  });
  const printers = Array.from({ length: DESKS }, (_, i) => ({ id: `p${i}`, desk: `desk-${i}`, url: printer.url, width: 48 }));
  const pool = new PrinterPool(hall, printers, { probeEveryMs: 60_000 });
  await settledAt(printer, PROBES_AT_ONCE);
  pool.close();
  clock.tick(10 * PROBE_GROUP_GAP_MS);
  t.is(await settledAt(printer, PROBES_AT_ONCE + 1), PROBES_AT_ONCE);
});
