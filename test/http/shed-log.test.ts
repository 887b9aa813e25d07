// The log of what admission control refused, on a real pino logger: a flood of refusals over many
// routes comes out as one summary a period whose counts add up to what was refused (per class, per
// route, the routes past the cap under "other"), plus the first few refusals one by one. The oracle
// is the test's own tally of what it refused.
import test from 'ava';
import { ShedLog, type Refusal } from '../../server/http/shed-log.ts';
import { captureLog, LEVEL } from '../helpers/log-capture.ts';

const load = () => ({ level: 'critical' as const, lagMs: 2400, heapRatio: 0.2 });

test('a flood over 30 routes: one summary with every refusal counted, 20 routes by name and the rest as other, the first 5 one by one', (t) => {
  const log = captureLog('info');
  const shed = new ShedLog({ access: log.logger, summary: log.logger.child({ component: 'admission' }) }, load, { periodMs: 60_000 });
  const tally: Record<string, number> = {};
  let n = 0;
  for (let round = 0; round < 3; round++)
    for (let route = 0; route < 30; route++) {
      const r: Refusal = { method: 'GET', path: `/api/tickets/T${route}`, kind: route % 3 ? 'deferrable' : 'essential', reqId: `r${n++}`, status: 503 };
      shed.refused(r);
      tally[r.kind] = (tally[r.kind] ?? 0) + 1;
    }
  shed.refused({ method: 'GET', path: '/socket.io/', kind: 'handshake', reqId: 'h', status: 403 });
  t.deepEqual(log.lines().filter((l) => l.component === 'admission'), [], 'nothing summarised before the period ends');
  shed.flush();

  const [summary, ...more] = log.lines().filter((l) => l.component === 'admission');
  t.deepEqual(more, [], 'one summary');
  t.like(summary, { level: LEVEL.warn, refused: 91, notLoggedOneByOne: 86, load: 'critical', lagMs: 2400, heapRatio: 0.2 });
  t.deepEqual(summary!.byClass, { deferrable: tally.deferrable, essential: tally.essential, handshake: 1 });
  const byRoute = summary!.byRoute as Record<string, number>;
  // The first 20 routes seen are named, each refused 3 times; the other 10 routes (30 refusals) and the handshake are "other".
  t.deepEqual(byRoute, { ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`GET /api/tickets/T${i}`, 3])), other: 31 });

  const oneByOne = log.lines().filter((l) => l.msg === 'request refused: overloaded');
  t.deepEqual(oneByOne.map((l) => l.reqId), ['r0', 'r1', 'r2', 'r3', 'r4']);
  t.like(oneByOne[0], { level: LEVEL.info, req: { method: 'GET', url: '/api/tickets/T0' }, res: { statusCode: 503 }, reason: 'overloaded', refused: 'essential', load: 'critical' });

  shed.flush();
  t.is(log.lines().filter((l) => l.component === 'admission').length, 1, 'no refusal since, no line');
});

test('a new period after a summary logs its first refusals one by one again', (t) => {
  const log = captureLog('info');
  const shed = new ShedLog({ access: log.logger, summary: log.logger }, load, { periodMs: 60_000, detailed: 2 });
  for (let i = 0; i < 4; i++) shed.refused({ method: 'POST', path: '/api/tickets', kind: 'essential', reqId: `a${i}`, status: 503 });
  shed.flush();
  for (let i = 0; i < 4; i++) shed.refused({ method: 'POST', path: '/api/tickets', kind: 'essential', reqId: `b${i}`, status: 503 });
  shed.flush();
  t.deepEqual(
    log.lines().filter((l) => l.reqId).map((l) => l.reqId),
    ['a0', 'a1', 'b0', 'b1'],
  );
  t.deepEqual(
    log.lines().filter((l) => typeof l.refused === 'number').map((l) => [l.refused, l.notLoggedOneByOne, (l.byRoute as Record<string, number>)['POST /api/tickets']]),
    [
      [4, 2, 4],
      [4, 2, 4],
    ],
  );
});
