// The clerks row's commands (issue → next → finish, bench/scale/clerks.ts) through the hall's pure
// decide and evolve alone: no HTTP, no store, no listeners. Says what the domain itself costs per
// command on the scale bench's day (bench/scale/hall.ts: 20 services, 200 windows, 14,000 tickets,
// 1,000 waiting), so the clerks row's server CPU per request can be split into the domain's share
// and the rest. `npx tsx bench/scale/clerks-domain.ts` (a profile: `node --cpu-prof --import tsx
// bench/scale/clerks-domain.ts`); DOMAIN_CAP=1 adds an hourly walk-in cap to the hall, DOMAIN_RUNS=n runs n times (9).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDeploymentFile } from '../../server/config/load.ts';
import type { Command } from '../../server/domain/commands.ts';
import { dayDue, decide, type EventBody } from '../../server/domain/decide.ts';
import type { DomainEvent } from '../../server/domain/events.ts';
import { evolve, initialState } from '../../server/domain/evolve.ts';
import type { HallConfig, HallState } from '../../server/domain/types.ts';
import { scaleHallFile, SERVICES, WINDOWS } from './hall.ts';

const T0 = Date.parse('2026-11-30T09:00:00+08:00');
let ids = 0;
const ctx = (now: number) => ({ now, newId: () => `t${++ids}` });

/** Decides and folds one command as the engine does (the day roll first when due); the new state. */
function run(hall: HallConfig, state: HallState, command: Command, now: number): HallState {
  let s = state;
  const stamp = (b: EventBody): DomainEvent => ({ ...b, hallId: hall.id, at: now }) as DomainEvent;
  if (dayDue(hall, s, now)) for (const e of decide(hall, s, { type: 'rollDay' }, ctx(now)).events) s = evolve(s, { ...stamp(e), seq: s.seq + 1 });
  for (const e of decide(hall, s, command, ctx(now)).events) s = evolve(s, { ...stamp(e), seq: s.seq + 1 });
  return s;
}

/** The scale bench's day (seedDay's commands): `tickets` issued round the services, all but `waiting` called. */
function seed(hall: HallConfig, tickets: number, waiting: number): { state: HallState; now: number } {
  let s = initialState(hall.id);
  let now = T0;
  for (let i = 0; i < tickets - waiting; i++) {
    s = run(hall, s, { type: 'issue', serviceId: `s${i % SERVICES}`, lane: 'normal' }, (now += 1));
    s = run(hall, s, { type: 'callNext', windowId: String((i % WINDOWS) + 1) }, (now += 1));
  }
  for (let i = 0; i < waiting; i++) s = run(hall, s, { type: 'issue', serviceId: `s${i % SERVICES}`, lane: 'normal' }, (now += 1));
  return { state: s, now };
}

/** CPU µs (this process's user + system time: robust to the other processes of a shared machine) per
 * command over `rounds` of the 200 clerks' issue → next → finish, one clerk after another. */
function clerkRounds(hall: HallConfig, start: HallState, from: number, rounds: number): number {
  let s = start;
  let now = from;
  let commands = 0;
  const cpu0 = process.cpuUsage();
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < WINDOWS; i++) {
      const windowId = String(i + 1);
      s = run(hall, s, { type: 'issue', serviceId: `s${i % SERVICES}`, lane: 'normal' }, (now += 1));
      s = run(hall, s, { type: 'callNext', windowId }, (now += 1));
      commands += 2;
      if (s.windows[windowId]?.currentTicketId) {
        s = run(hall, s, { type: 'finish', windowId }, (now += 1));
        commands++;
      }
    }
  }
  const cpu = process.cpuUsage(cpu0);
  return (cpu.user + cpu.system) / commands;
}

const dir = mkdtempSync(join(tmpdir(), 'onewindow-clerks-domain-'));
try {
  const hall = loadDeploymentFile(scaleHallFile(dir)).halls[0]!;
  // DOMAIN_CAP=1: the clerks' rounds (not the seeding) with an hourly walk-in cap, never reached, which every issue checks.
  const capped: HallConfig = process.env.DOMAIN_CAP ? { ...hall, appointments: { ...hall.appointments, onSiteCapPerHour: 1_000_000 } as HallConfig['appointments'] } : hall;
  const seedStart = process.hrtime.bigint();
  const { state, now } = seed(hall, 14_000, 1_000);
  const seedMs = Number(process.hrtime.bigint() - seedStart) / 1e6;
  // Rounds of 200 clerks: 9 rounds issue 1,800 more tickets (the day stays under 999 a service).
  const runs = Array.from({ length: Number(process.env.DOMAIN_RUNS ?? 9) }, () => clerkRounds(capped, state, now, 9));
  runs.sort((a, b) => a - b);
  console.log(`seed: 14,000 tickets (27,000 commands) in ${seedMs.toFixed(0)} ms`);
  console.log(`clerk commands on that day${process.env.DOMAIN_CAP ? ', walk-in cap on' : ''}: median ${runs[runs.length >> 1]!.toFixed(2)} CPU µs a command (runs ${runs.map((r) => r.toFixed(2)).join(', ')})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
