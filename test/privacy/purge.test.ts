// The visitor-data purge on a real SQLite file: with `privacy: { visitorDataDays: 30 }`, the events of
// days before the 30 kept lose their visitor record and nothing else; later days keep theirs; the
// file's bytes no longer hold the purged names, phones or ID hashes; the record search no longer finds
// the old visits; a second purge changes nothing; and the hall still starts from the rewritten log.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { withCheck } from '../helpers/resident-id.ts';
import { addDays } from '../../server/appointments/local-time.ts';
import type { DeploymentConfig } from '../../server/config/schema.ts';
import type { StoredEvent } from '../../server/domain/events.ts';
import { privacyPlugin } from '../../server/privacy/plugin.ts';
import { recordsPlugin } from '../../server/records/plugin.ts';
import { streams } from '../../server/store/streams.ts';
import { at, MONDAY } from '../appointments/helpers.ts';
import { demoDeployment } from '../helpers/demo.ts';
import { startTestServer } from '../helpers/server.ts';


const deployment: DeploymentConfig = { ...demoDeployment, halls: [{ ...demoDeployment.halls[0]!, privacy: { visitorDataDays: 30 } }, ...demoDeployment.halls.slice(1)] };
const OLD_DAY = MONDAY;
const KEPT_DAY = addDays(MONDAY, 1);
const PURGE_DAY = addDays(MONDAY, 31);
const OLD = { name: '周老伯', phone: '13311112222', company: '旧时光贸易公司', idNumber: withCheck('11010119500101123') };
const KEPT = { name: '吴晓燕', phone: '13933334444', company: '新世纪商行', idNumber: withCheck('31010119920202456') };

test('the purge removes visitor data older than the days kept, and only that', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-purge-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const clock = { now: at(OLD_DAY, '09:00') };
  const start = () => startTestServer({ deployment, dataDir, engine: { clock: () => clock.now }, plugins: [recordsPlugin(), privacyPlugin()] });
  let server = await start();
  const issue = (visitor: object) => server.api.post('/api/tickets', { service: 'social', visitor }, 'demo-triage');
  for (const [day, v] of [[OLD_DAY, OLD], [OLD_DAY, OLD], [KEPT_DAY, KEPT], [PURGE_DAY, KEPT]] as const) {
    clock.now = at(day, '10:00');
    t.is((await issue(v)).status, 201);
  }
  const read = () => server.registry.store.read(streams.hall('district'), 0) as Promise<StoredEvent[]>;
  const before = await read();
  const foundOld = await server.api.get(`/api/records?idNumber=${OLD.idNumber}&from=${OLD_DAY}&to=${OLD_DAY}`, 'demo-admin');
  t.is(foundOld.body.entries.length, 2, 'before the purge the old visits are found');

  const changed = await server.services.get('privacy')!.purge('district');
  t.is(changed, 2);

  // The oracle: the log before, with the visitor taken out of events before the first kept day's local midnight.
  const cutoff = Date.parse(`${KEPT_DAY}T00:00:00+08:00`);
  const expected = before.map((e) => {
    const ticket = (e.data as { ticket?: { visitor?: unknown } }).ticket;
    if (e.at >= cutoff || !ticket?.visitor) return e;
    const { visitor: _gone, ...rest } = ticket;
    return { ...e, data: { ...e.data, ticket: rest } };
  });
  t.deepEqual(await read(), expected);
  t.is(await server.services.get('privacy')!.purge('district'), 0, 'a second purge finds nothing to do');

  const afterOld = await server.api.get(`/api/records?idNumber=${OLD.idNumber}&from=${OLD_DAY}&to=${OLD_DAY}`, 'demo-admin');
  t.deepEqual(afterOld.body.entries, []);
  const kept = await server.api.get(`/api/records?idNumber=${KEPT.idNumber}&from=${KEPT_DAY}&to=${PURGE_DAY}`, 'demo-admin');
  t.is(kept.body.entries.length, 2);

  await server.close();
  const bytes = Buffer.concat(readdirSync(dataDir).map((f) => readFileSync(join(dataDir, f))));
  for (const gone of [OLD.name, OLD.phone, OLD.company]) t.false(bytes.includes(Buffer.from(gone)), `the file no longer holds ${gone}`);
  t.true(bytes.includes(Buffer.from(KEPT.name)), 'data within the kept days stays');

  server = await start();
  t.teardown(() => server.close());
  t.deepEqual(await read(), expected, 'the hall starts again from the rewritten log');
  t.is((await server.api.get('/api/state')).status, 200);
});
