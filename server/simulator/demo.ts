// `npm run demo`: a live hall that fills the screens with traffic. Starts the real server (every
// default plug-in, its own data dir) — or drives one already running at DEMO_URL — and, over
// HTTP like real desks and clerks, issues tickets and presses next at a watchable pace.
//   DEMO_URL     drive this server instead of starting one
//   DEMO_SPEED   1 = a visitor every ~4 s and services of ~4-20 s; 2 = twice as busy
//   PORT, DATA_DIR (default ./data/demo), CONFIG as for npm start
import { loadDeploymentFile } from '../config/load.ts';
import { defaultPlugins } from '../plugins.ts';
import { startServer } from '../server.ts';
import { loadSimulationConfig } from './config.ts';
import { Random } from './random.ts';
import { simulatedRating } from '../ratings/simulated.ts';

const env = process.env;
const speed = Number(env.DEMO_SPEED ?? 1) || 1;
const sim = loadSimulationConfig('config/simulation.yaml');
const rnd = new Random(Date.now() & 0xffffffff);
let stopping = false;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms / speed));

let base = env.DEMO_URL;
let close: (() => Promise<void>) | undefined;
if (!base) {
  const deployment = loadDeploymentFile(env.CONFIG ?? 'config/demo-hall.yaml');
  const server = await startServer({ deployment, env: { ...env, DATA_DIR: env.DATA_DIR ?? 'data/demo', PORT: env.PORT ?? '3000' }, plugins: defaultPlugins() });
  base = `http://localhost:${server.port}`;
  close = server.close;
}

async function call(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const hall = (await call('GET', '/api/hall', 'demo-display')).body as { services: { id: string }[]; windows: { id: string; number: number }[]; lanes: string[] };
const mix = Object.fromEntries(hall.services.map((s) => [s.id, sim.serviceMix[s.id] ?? 0.05]));
const lanes = { elderly: sim.lanes.elderly, green: sim.lanes.green, appointment: sim.lanes.appointment, normal: 1 - sim.lanes.elderly - sim.lanes.green - sim.lanes.appointment };
const simHall = loadDeploymentFile(sim.hall).halls[0]!;
const avg = Object.fromEntries(simHall.services.map((s) => [s.id, s.avgServiceMinutes]));
const target = Object.fromEntries(simHall.services.map((s) => [s.id, s.targetWaitMinutes]));

console.log(`Demo traffic on ${base} (DEMO_SPEED=${speed}); Ctrl-C stops.`);
console.log(`  wall       ${base}/wall`);
console.log(`  dashboard  ${base}/dashboard   (admin token: demo-admin)`);
console.log(`  kiosk      ${base}/kiosk    triage ${base}/triage    window 1 ${base}/window/1`);

/** Rating keys of the tickets issued here, by ticket id (each taken out when rated or walked away). */
const ratingKeys = new Map<string, string>();

async function visitors() {
  while (!stopping) {
    // The appointment lane comes only from checking in a booking: those visitors queue as walk-ins here.
    const lane = rnd.pick(lanes);
    // Demo traffic against a hall that may restart: a failed request is simply the next visitor's turn.
    const r = await call('POST', '/api/tickets', 'demo-triage', { service: rnd.pick(mix), lane: hall.lanes.includes(lane) && lane !== 'appointment' ? lane : 'normal' }).catch(() => undefined);
    // The visitor keeps the ticket (its QR's rating key) to rate from the phone later.
    if (r?.status === 201) ratingKeys.set(r.body.id, new URL(r.body.statusUrl).searchParams.get('k') ?? '');
    if (r?.status === 201) console.log(`issued ${r.body.number} (${r.body.lane}), ~${r.body.estimatedWaitMinutes ?? '?'} min`);
    await sleep(rnd.exponential(4000));
  }
}

async function clerk(windowId: string) {
  const token = `demo-clerk-${windowId}`;
  const act = (action: string) => call('POST', `/api/windows/${windowId}/${action}`, token).catch(() => ({ status: 0, body: undefined }));
  await act('open');
  while (!stopping) {
    if (rnd.next() < 0.02) {
      await act('pause');
      await sleep(15_000);
      await act('resume');
    }
    const r = await act('next');
    if (r.status !== 200) {
      await sleep(2500);
      continue;
    }
    const service = r.body.ticket.serviceId as string;
    const key = ratingKeys.get(r.body.ticket.id);
    ratingKeys.delete(r.body.ticket.id);
    await sleep(rnd.uniform(1000, 2500));
    if (rnd.next() < sim.noShowShare) {
      await act('recall');
      await sleep(3000);
      await act('no-show');
      continue;
    }
    await act('start');
    const serviceMs = rnd.lognormal((avg[service] ?? 8) * 1000, 0.4);
    await sleep(serviceMs);
    await act('finish');
    // The visitor rates (好差评): on the window's rating device, or later from the phone. The demo's
    // seconds stand for minutes (a service of ~4-20 s), so waits and visits are compared in those units.
    const t = r.body.ticket as { id: string; issuedAt: number; calledAt?: number };
    const rating = simulatedRating(() => rnd.next(), {
      waitMinutes: ((t.calledAt ?? Date.now()) - t.issuedAt) / 1000,
      targetWaitMinutes: target[service] ?? 15,
      serviceMinutes: serviceMs / 1000,
      avgServiceMinutes: avg[service] ?? 8,
    });
    if (rating) {
      const onDevice = rnd.next() < 0.7;
      // A refused rating (a restart in between) is simply not given, as a visitor who walks away.
      await (onDevice
        ? call('POST', `/api/windows/${windowId}/rating`, `demo-rater-${windowId}`, { ...rating, ticketId: t.id })
        : call('POST', `/api/tickets/${t.id}/rating`, 'demo-display', { ...rating, key })
      ).catch(() => undefined);
    }
    await sleep(800);
  }
}

const loops = [visitors(), ...hall.windows.map((w) => clerk(w.id))];
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await Promise.race([Promise.all(loops), new Promise((r) => setTimeout(r, 5000))]);
  await close?.();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
