// Many halls in one deployment: the district hall and a street centre served by the same two
// nodes, each with its own numbering, rooms and state; an admin sees both. Run on one Redis
// (multi-hall.test.ts) and on a Redis Cluster with the halls on different masters
// (multi-hall-redis-cluster.test.ts).
import test from 'ava';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { LiveClient } from '../helpers/live-client.ts';
import { api, converged, hallState, issue, pressNext, type Deployment } from './cluster.ts';

/** The demo hall plus a smaller street centre with the id `streetId`, with tokens bound to each hall. */
function twoHallConfig(dir: string, streetId: string): string {
  const demo = parse(readFileSync(new URL('../../config/demo-hall.yaml', import.meta.url), 'utf8'));
  const { tokens, ...district } = demo;
  const street = {
    ...district,
    id: streetId,
    name: { zh: '示范街道便民服务中心', en: 'Demo Street Service Centre' },
    services: district.services.filter((s: { id: string }) => ['social', 'medical', 'pickup'].includes(s.id)),
    windows: [
      { id: '1', number: 1, name: { zh: '1号窗口', en: 'Window 1' }, services: ['social', 'medical'] },
      { id: '2', number: 2, name: { zh: '2号窗口', en: 'Window 2' }, services: ['social', 'medical', 'pickup'] },
    ],
  };
  const file = join(dir, 'halls.yaml');
  writeFileSync(
    file,
    stringify({
      halls: [district, street],
      tokens: [
        ...tokens,
        { token: 'street-triage', role: 'triage', hall: streetId },
        { token: 'street-clerk-1', role: 'clerk', hall: streetId, windows: ['1'] },
        { token: 'street-clerk-2', role: 'clerk', hall: streetId, windows: ['2'] },
      ],
    }),
  );
  return file;
}

/**
 * The tests, on two nodes that `start` runs with the given config file; `streetId` is the second
 * hall's id (on a Redis Cluster, one whose slot another master owns than the district's); `more`
 * registers further serial tests, which run after these.
 */
export function multiHallSuite<D extends Deployment>(start: (config: string) => Promise<D>, streetId = 'street', more?: (deployment: () => D) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-halls-'));
  let cluster: D;

  test.before(async () => {
    cluster = await start(twoHallConfig(dir, streetId));
  });
  test.after.always(async () => {
    await cluster?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  hallTests(() => cluster, streetId);
  more?.(() => cluster);
}

/** Each hall on its own, on the two nodes `deployment()` gives once started. */
function hallTests(deployment: () => Deployment, streetId: string): void {
  test.serial('each hall numbers its own tickets, across both nodes', async (t) => {
    const [a, b] = deployment().nodes as [Deployment['nodes'][0], Deployment['nodes'][0]];
    const district = await Promise.all(Array.from({ length: 20 }, (_, i) => issue(i % 2 ? a.url : b.url, 'social', { hall: 'district' })));
    const street = await Promise.all(
      Array.from({ length: 20 }, (_, i) => issue(i % 2 ? b.url : a.url, 'social', { hall: streetId, token: 'street-triage' })),
    );
    for (const r of [...district, ...street]) t.is(r.status, 201);
    const numbers = (rs: typeof district) => rs.map((r) => r.body.number as string).sort();
    const expected = Array.from({ length: 20 }, (_, i) => `B${String(i + 1).padStart(3, '0')}`);
    t.deepEqual(numbers(district), expected, 'district: B001…B020, no gaps, no repeats');
    t.deepEqual(numbers(street), expected, 'street: its own B001…B020');
    t.true(street.every((r) => r.body.hallId === streetId));

    await converged(deployment().nodes, 'district');
    await converged(deployment().nodes, streetId);
    t.is((await hallState(a.url, streetId)).counts.issued, 20);
    t.is((await hallState(b.url, 'district')).counts.issued, 20);
    // The default /api paths are the first hall's.
    t.is((await hallState(a.url)).hallId, 'district');
  });

  test.serial("a hall's tokens, windows and live rooms stay in that hall", async (t) => {
    const [a, b] = deployment().nodes as [Deployment['nodes'][0], Deployment['nodes'][0]];
    t.is((await issue(a.url, 'social', { hall: 'district', token: 'street-triage' })).status, 403);
    t.is((await pressNext(a.url, '1', { hall: 'district', token: 'street-clerk-1' })).status, 403);

    const streetDisplay = new LiveClient(b.url, { hall: streetId });
    const districtDisplay = new LiveClient(b.url, { hall: 'district' });
    t.teardown(() => {
      streetDisplay.close();
      districtDisplay.close();
    });
    await streetDisplay.waitFor((r) => r.name === 'snapshot');
    await districtDisplay.waitFor((r) => r.name === 'snapshot');

    const inStreet = await issue(a.url, 'medical', { hall: streetId, token: 'street-triage' });
    const call = await pressNext(a.url, '1', { hall: streetId, token: 'street-clerk-1' });
    t.is(call.status, 200);
    t.is(call.body.ticket.hallId, streetId);
    await streetDisplay.waitFor((r) => r.name === 'ticket:called' && r.payload.ticket.id === call.body.ticket.id, 10_000);
    const inDistrict = await issue(a.url, 'tax', { hall: 'district' });
    await districtDisplay.waitFor((r) => r.name === 'ticket:issued' && r.payload.ticket.id === inDistrict.body.id, 10_000);
    t.false(districtDisplay.received.some((r) => r.payload?.hallId === streetId), 'no street event on the district display');
    t.false(streetDisplay.received.some((r) => r.payload?.ticket?.id === inDistrict.body.id));
    t.truthy(inStreet.body.id);
  });

  test.serial('an admin sees every hall of the deployment', async (t) => {
    const res = await api(deployment().nodes[1]!.url, 'GET', '/api/halls', 'demo-admin');
    t.is(res.status, 200);
    t.deepEqual(res.body.halls.map((h: { id: string }) => h.id).sort(), ['district', streetId].sort());
    t.is(res.body.halls.find((h: { id: string }) => h.id === streetId).counts.issued, 21);
  });
}
