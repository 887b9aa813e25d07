// Two OneWindow servers in one process, each with its own hall, printer and knowledge base, and
// every feature of a full node: nothing is shared by accident. A ticket printed on one comes out of
// its own printer only; each answers with its own knowledge base, OpenAPI document and kiosk limit.
import test from 'ava';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { DeploymentConfig } from '../../server/config/schema.ts';
import { DEFAULT_KB_DIR } from '../../server/kb/knowledge-base.ts';
import { defaultPlugins } from '../../server/plugins.ts';
import { demoDeployment, demoHall } from '../helpers/demo.ts';
import { FakeEscPosPrinter, ticketText } from '../helpers/fake-escpos-printer.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const RIVERSIDE_ONLY = '滨江专用：经营场所照片';

/** A copy of the demo knowledge base; for Riverside, business registration asks for one more paper. */
function knowledgeBase(t: { teardown: (fn: () => void) => void }, extraMaterial?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-kb-'));
  cpSync(DEFAULT_KB_DIR, dir, { recursive: true });
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  if (extraMaterial) {
    const file = join(dir, 'business.yaml');
    const entry = parse(readFileSync(file, 'utf8'));
    entry.materials.push({ zh: extraMaterial, en: 'Photos of the premises (Riverside)' });
    writeFileSync(file, stringify(entry));
  }
  return dir;
}

function deployment(id: string, name: { zh: string; en: string }, printerUrl: string): DeploymentConfig {
  return {
    ...demoDeployment,
    halls: [{ ...demoHall, id, name, printers: [{ id: `triage-${id}`, desk: 'triage', url: printerUrl, width: 48 }] }],
  };
}

async function twoServers(t: { teardown: (fn: () => unknown) => void }) {
  const [printerA, printerB] = await Promise.all([FakeEscPosPrinter.start(), FakeEscPosPrinter.start()]);
  const env = (kb: string) => ({ KB_DIR: kb, VOICE_ENGINE: 'none', METRICS_PREWARM_DAYS: '0' }) as Record<string, string>;
  const a = await startTestServer({
    deployment: deployment('district', { zh: '区政务服务中心', en: 'District Hall' }, printerA.url),
    env: env(knowledgeBase(t)),
    plugins: defaultPlugins(),
  });
  // Riverside runs without voice, so the two OpenAPI documents differ by what each server runs.
  const b = await startTestServer({
    deployment: deployment('riverside', { zh: '滨江便民服务中心', en: 'Riverside Centre' }, printerB.url),
    env: env(knowledgeBase(t, RIVERSIDE_ONLY)),
    plugins: defaultPlugins().filter((f) => f.name !== 'voice'),
  });
  t.teardown(async () => {
    await Promise.all([a.close(), b.close()]);
    await Promise.all([printerA.close(), printerB.close()]);
  });
  return { a, b, printerA, printerB };
}

const printedCounts = async (server: TestServer) =>
  ((await server.api.get('/api/health', 'demo-admin')).body.printers as { id: string; printed: number }[]).map((p) => [p.id, p.printed]);

test('a ticket printed on one server comes out of that server’s printer only, with its hall and materials', async (t) => {
  const { a, b, printerA, printerB } = await twoServers(t);

  const onA = await a.api.post('/api/tickets', { service: 'business', print: true }, 'demo-triage');
  t.is(onA.status, 201);
  t.like(onA.body.print, { queued: true, printer: 'triage-district' });
  const [fromA] = await printerA.waitForTickets(1);
  t.regex(ticketText(fromA!), /区政务服务中心/);
  t.regex(ticketText(fromA!), /公司登记（备案）申请书/); // from the knowledge base, not the hall file
  t.notRegex(ticketText(fromA!), new RegExp(RIVERSIDE_ONLY));

  const onB = await b.api.post('/api/tickets', { service: 'business', print: true }, 'demo-triage');
  t.like(onB.body.print, { queued: true, printer: 'triage-riverside' });
  const [fromB] = await printerB.waitForTickets(1);
  t.regex(ticketText(fromB!), /滨江便民服务中心/);
  t.regex(ticketText(fromB!), new RegExp(RIVERSIDE_ONLY));

  // A reprint on A goes to A's printer again; B's printer has still printed one ticket.
  t.is((await a.api.post(`/api/tickets/${onA.body.id}/print`, undefined, 'demo-triage')).status, 202);
  await printerA.waitForTickets(2);
  t.is(printerB.tickets.length, 1);
  t.deepEqual(await printedCounts(a), [['triage-district', 2]]);
  t.deepEqual(await printedCounts(b), [['triage-riverside', 1]]);
  t.deepEqual(
    printerA.tickets.map((p) => p.qr[0]),
    [onA.body.statusUrl, onA.body.statusUrl],
  );
});

test('each server has its own knowledge base, OpenAPI document, features and streams', async (t) => {
  const { a, b } = await twoServers(t);
  const materials = async (server: TestServer) => ((await server.api.get('/api/kb/business')).body.materials as { zh: string }[]).map((m) => m.zh);
  t.false((await materials(a)).includes(RIVERSIDE_ONLY));
  t.true((await materials(b)).includes(RIVERSIDE_ONLY));
  t.not(a.services.get('knowledgeBase'), b.services.get('knowledgeBase'));
  t.not(a.services.get('printing'), b.services.get('printing'));

  const pathsA = Object.keys((await a.api.get('/api/openapi.json')).body.paths);
  const pathsB = Object.keys((await b.api.get('/api/openapi.json')).body.paths);
  t.true(pathsA.includes('/api/voice/{file}'));
  t.false(pathsB.includes('/api/voice/{file}'));
  for (const path of ['/api/printers', '/api/appointments', '/api/kb/{serviceId}', '/api/assist', '/api/cases', '/api/records', '/api/metrics/live', '/api/ratings/report'])
    t.true(pathsA.includes(path) && pathsB.includes(path), path);

  const streams = (server: TestServer) => server.features.flatMap((f) => f.streams).sort();
  t.deepEqual(streams(a), ['district/applications', 'district/assist', 'district/attendance', 'district/bookings', 'district/cases', 'district/notifications', 'district/ratings', 'staff:accounts']);
  t.deepEqual(streams(b), ['riverside/applications', 'riverside/assist', 'riverside/attendance', 'riverside/bookings', 'riverside/cases', 'riverside/notifications', 'riverside/ratings', 'staff:accounts']);
});

test('the kiosk limit is per server: a kiosk over its limit on one server still issues on the other', async (t) => {
  const { a, b } = await twoServers(t);
  for (let i = 0; i < 60; i++) t.is((await a.api.issue('social', 'normal', 'demo-kiosk')).status, 201);
  const over = await a.api.issue('social', 'normal', 'demo-kiosk');
  t.is(over.status, 429);
  t.is(over.body.error.code, 'rate_limited');
  t.is((await b.api.issue('social', 'normal', 'demo-kiosk')).status, 201);
});
