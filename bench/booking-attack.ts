// The public booking attack, replayed: one client address, no token, invented phone numbers, as
// fast as it can for 5 s against the demo hall's next 14 days of slots; prints how many places it
// holds afterwards (from the day figures, GET /api/appointments/stats) out of how many there were.
// Runnable alone: `npx tsx bench/booking-attack.ts` (ATTACK_SECONDS=5, ATTACK_CONNECTIONS=16).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startProcess } from './lib.ts';

const SECONDS = Number(process.env.ATTACK_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.ATTACK_CONNECTIONS ?? 16);

interface Slot {
  start: number;
  available: number;
}

export async function runBookingAttack(): Promise<{ places: number; held: number; requests: number; statuses: Record<string, number> }> {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-attack-'));
  const node = await startProcess('server/main.ts', { DATA_DIR: dir, VOICE_ENGINE: 'none' }, '/healthz');
  try {
    const dates = Array.from({ length: 15 }, (_, i) => new Date(Date.now() + i * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' }));
    const slots: Slot[] = [];
    for (const date of dates) {
      const body = (await (await fetch(`${node.url}/api/appointments/slots?date=${date}`)).json()) as { slots: Slot[] };
      slots.push(...body.slots.filter((s) => s.available > 0));
    }
    // Places: per slot, but an hour's cap may be lower than its slots' sum; the hall's own answer
    // after a full attack is the real figure, so count what the days offer before it.
    const places = slots.reduce((n, s) => n + s.available, 0);
    const statuses: Record<string, number> = {};
    let requests = 0;
    let next = 0;
    const until = Date.now() + SECONDS * 1000;
    const worker = async () => {
      while (Date.now() < until) {
        const i = next++;
        const slot = slots[i % slots.length]!;
        const phone = `1${3 + (i % 7)}${String(i * 7919 % 1e9).padStart(9, '0')}`;
        try {
          const res = await fetch(`${node.url}/api/appointments`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ service: 'business', slotStart: slot.start, name: `刷号${i}`, phone }),
          });
          const body = (await res.json()) as { error?: { code: string } };
          const key = res.status === 201 ? '201' : `${res.status} ${body.error?.code}`;
          statuses[key] = (statuses[key] ?? 0) + 1;
        } catch {
          statuses['network error'] = (statuses['network error'] ?? 0) + 1;
        }
        requests++;
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));
    let held = 0;
    for (const date of dates) {
      const s = (await (await fetch(`${node.url}/api/appointments/stats?date=${date}`)).json()) as { booked: number; pending?: number };
      held += s.booked + (s.pending ?? 0);
    }
    return { places, held, requests, statuses };
  } finally {
    await node.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await runBookingAttack();
  console.log(`\nPublic booking attack: one address, invented phones, ${SECONDS} s, ${CONNECTIONS} connections`);
  console.log(`places offered: ${r.places}; requests sent: ${r.requests}; places held afterwards: ${r.held}`);
  console.log('answers:', JSON.stringify(r.statuses));
}
