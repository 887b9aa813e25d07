// Property: the Prometheus counters (calls and recalls per window, ticket events per service) say
// what the event log says when counted by hand, over random days pressed through the real
// decide/evolve and observed batch by batch as the plug-in does, scraped in the middle of the day
// and at its end. The counts are kept in the plug-in's own maps and handed to prom-client at scrape
// time; the oracle shares no code with them.
import test from 'ava';
import fc from 'fast-check';
import { DomainError } from '../../server/domain/errors.ts';
import type { StoredEvent } from '../../server/domain/events.ts';
import { HallPrometheus } from '../../server/metrics/prometheus.ts';
import { MINUTE, NINE_AM, Scenario, smallHall } from '../helpers/decider.ts';
import { randomCommand } from '../helpers/random-commands.ts';

/** The oracle: `name{labels} count` lines of the two counters, counted from the log by hand. */
function countsFromLog(log: readonly StoredEvent[]): Map<string, number> {
  const out = new Map<string, number>();
  const add = (line: string) => out.set(line, (out.get(line) ?? 0) + 1);
  const serviceOf = new Map<string, string>();
  for (const e of log) {
    if (e.type === 'ticket:called') add(`onewindow_calls_total{hall="small",window="${e.data.windowId}",kind="call"}`);
    if (e.type === 'ticket:recalled') add(`onewindow_calls_total{hall="small",window="${e.data.windowId}",kind="recall"}`);
    const ended = { 'ticket:finished': 'finished', 'ticket:no-show': 'no-show', 'ticket:transferred': 'transferred', 'ticket:cancelled': 'cancelled' }[e.type as string];
    if (ended && 'ticketId' in e.data) add(`onewindow_ticket_events_total{hall="small",service="${serviceOf.get(e.data.ticketId)}",event="${ended}"}`);
    if (e.type === 'ticket:issued') add(`onewindow_ticket_events_total{hall="small",service="${e.data.ticket.serviceId}",event="issued"}`);
    if (e.type === 'ticket:issued' || e.type === 'ticket:transferred') serviceOf.set(e.data.ticket.id, e.data.ticket.serviceId);
  }
  return out;
}

async function scraped(prom: HallPrometheus): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const line of (await prom.text()).split('\n')) {
    const m = /^(onewindow_(?:calls|ticket_events)_total\{.*\}) (\d+)$/.exec(line);
    if (m) out.set(m[1]!, Number(m[2]));
  }
  return out;
}

const sorted = (m: Map<string, number>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1));

test('calls and ticket events per window and service equal the log counted by hand, at every scrape', async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(0, 20_000, MINUTE), randomCommand(4)), { minLength: 5, maxLength: 80 }), fc.nat(), async (steps, scrapeAt) => {
      const s = new Scenario(smallHall, NINE_AM);
      const prom = new HallPrometheus([], new Map());
      for (const [i, [gap, make]] of steps.entries()) {
        s.advance(gap);
        const command = make(s);
        if (command) {
          try {
            const events = s.run(command);
            prom.observe(s.log.slice(s.log.length - events.length), s.state);
          } catch (err) {
            if (!(err instanceof DomainError)) throw err;
          }
        }
        if (i === scrapeAt % steps.length && JSON.stringify(sorted(await scraped(prom))) !== JSON.stringify(sorted(countsFromLog(s.log)))) return false;
      }
      return JSON.stringify(sorted(await scraped(prom))) === JSON.stringify(sorted(countsFromLog(s.log)));
    }),
    { numRuns: 60 },
  );
  t.pass();
});

test('the scrape shows a call, a recall and an issue by their labels', async (t) => {
  const s = new Scenario(smallHall, NINE_AM);
  const prom = new HallPrometheus([], new Map());
  for (const command of [{ type: 'issue', serviceId: 'biz', lane: 'normal' }, { type: 'callNext', windowId: 'w1' }, { type: 'recall', windowId: 'w1' }] as const) {
    const events = s.advance(MINUTE).run(command);
    prom.observe(s.log.slice(s.log.length - events.length), s.state);
  }
  const text = await prom.text();
  t.regex(text, /^onewindow_calls_total\{hall="small",window="w1",kind="call"\} 1$/m);
  t.regex(text, /^onewindow_calls_total\{hall="small",window="w1",kind="recall"\} 1$/m);
  t.regex(text, /^onewindow_ticket_events_total\{hall="small",service="biz",event="issued"\} 1$/m);
});
