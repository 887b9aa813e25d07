// The visitor-data purge on the bookings stream, on a real SQLite file: a booking over before the
// days kept loses its name and phone in the log, the state and the snapshot (the file's bytes no
// longer hold them); a recent booking keeps its own; the hall restarts and bookings go on.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { addDays } from '../../server/appointments/local-time.ts';
import type { DeploymentConfig } from '../../server/config/schema.ts';
import { appointmentsPlugin } from '../../server/appointments/plugin.ts';
import { privacyPlugin } from '../../server/privacy/plugin.ts';
import { at, MONDAY } from '../appointments/helpers.ts';
import { demoDeployment } from '../helpers/demo.ts';
import { startTestServer } from '../helpers/server.ts';

const deployment: DeploymentConfig = { ...demoDeployment, halls: [{ ...demoDeployment.halls[0]!, privacy: { visitorDataDays: 30 } }, ...demoDeployment.halls.slice(1)] };
const LATER = addDays(MONDAY, 35);
const OLD = { name: '钱老太', phone: '13755556666' };
const RECENT = { name: '孙小明', phone: '13677778888' };

test('the purge masks old bookings in log, state and snapshot; recent ones stay; the hall restarts', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-bpurge-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const clock = { now: at(MONDAY, '08:00') };
  const start = () => startTestServer({ deployment, dataDir, engine: { clock: () => clock.now }, plugins: [appointmentsPlugin(), privacyPlugin()] });
  let server = await start();
  const book = (date: string, v: object) => server.api.post('/api/appointments', { service: 'social', date, time: '10:00', ...v }, 'demo-triage');
  const old = await book(MONDAY, OLD);
  t.is(old.status, 201, JSON.stringify(old.body));
  clock.now = at(LATER, '08:00');
  const recent = await book(LATER, RECENT);
  t.is(recent.status, 201, JSON.stringify(recent.body));

  t.true((await server.services.get('privacy')!.purge('district')) >= 1);
  const book0 = server.services.get('appointments')!.forHall('district')!;
  t.is((await book0.byCode(old.body.code))!.name, '钱**');
  t.is((await book0.byCode(recent.body.code))!.phone, RECENT.phone);
  await server.close();

  const bytes = Buffer.concat(readdirSync(dataDir).map((f) => readFileSync(join(dataDir, f))));
  for (const gone of [OLD.name, OLD.phone]) t.false(bytes.includes(Buffer.from(gone)), `the file no longer holds ${gone}`);
  t.true(bytes.includes(Buffer.from(RECENT.phone)), 'a recent booking keeps its phone');

  server = await start();
  t.teardown(() => server.close());
  const again = server.services.get('appointments')!.forHall('district')!;
  t.is((await again.byCode(old.body.code))!.name, '钱**', 'the restarted hall folds the masked log');
  t.is((await again.byCode(recent.body.code))!.name, RECENT.name);
  t.is((await book(LATER, { name: '赵六', phone: '13500001111' })).status, 201, 'booking goes on');
});
