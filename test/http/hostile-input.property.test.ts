// Properties on a real node: any id the client makes up is not found (never a 200, never a 5xx),
// and a date or a date range is accepted exactly when an independent calendar says it is a real
// day between 2000-01-01 and 2100-12-31 (a range: from ≤ to, at most 731 days for reports).
import test from 'ava';
import fc from 'fast-check';
import { serviceFeatures } from '../helpers/features.ts';
import { metricsPlugin } from '../../server/metrics/plugin.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
test.before(async () => {
  server = await startTestServer({ plugins: [...serviceFeatures(), metricsPlugin()] });
});
test.after.always(async () => {
  await server?.close();
});

async function get(path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(server.url + path, { headers: { authorization: 'Bearer demo-admin' } });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, body };
}

const isErrorShape = (b: any) => typeof b?.error?.code === 'string' && typeof b?.error?.message === 'string';

// The oracle's own calendar (proleptic Gregorian, days from 1970-01-01 by H. Hinnant's formula),
// sharing nothing with the server's date code.
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m: number) => [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
/** The day number of an acceptable date, or undefined. */
function acceptable(s: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return undefined;
  if (y < 2000 || y > 2100) return undefined;
  return daysFromCivil(y, mo, d);
}
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const dateText = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`) },
  { weight: 6, arbitrary: fc.tuple(fc.integer({ min: 1998, max: 2102 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 })).map(([y, m, d]) => `${y}-${pad(m, 2)}-${pad(d, 2)}`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

test('any made-up id is not found: 400 or 404 in the error shape, for tickets, cases, notices, bookings', async (t) => {
  const id = fc.oneof(
    fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'propertyIsEnumerable', '__lookupGetter__'),
    fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/),
    fc.string({ minLength: 1, maxLength: 60, unit: 'binary' }),
  );
  await fc.assert(
    fc.asyncProperty(id, fc.constantFrom('tickets', 'cases', 'notices', 'appointments', 'tickets/%s/ticket.html', 'notices/%s.html'), async (raw, route) => {
      const seg = encodeURIComponent(raw);
      const path = route.includes('%s') ? `/api/${route.replace('%s', seg)}` : `/api/${route}/${seg}`;
      const res = await get(path);
      t.true([400, 404].includes(res.status), `${path} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      t.true(isErrorShape(res.body), `${path}: ${JSON.stringify(res.body).slice(0, 200)}`);
    }),
    { numRuns: 150 },
  );
});

test('a day is accepted exactly when it is a real date in 2000-01-01..2100-12-31 (appointment stats)', async (t) => {
  await fc.assert(
    fc.asyncProperty(dateText, async (date) => {
      const res = await get(`/api/appointments/stats?date=${encodeURIComponent(date)}`);
      const ok = acceptable(date) !== undefined;
      t.is(res.status, ok ? 200 : 400, `${date}: ${JSON.stringify(res.body).slice(0, 200)}`);
      if (ok) t.is(res.body.date, date);
      else t.true(isErrorShape(res.body));
    }),
    { numRuns: 120 },
  );
});

test('a report range is accepted exactly when both ends are acceptable, from ≤ to and it spans at most 731 days', async (t) => {
  const nearBy = fc.tuple(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: -3, max: 800 })).map(([start, length]) => {
    const day = (n: number) => new Date(Date.UTC(1998, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    return [day(start), day(start + length)] as const;
  });
  const range = fc.oneof(fc.tuple(dateText, dateText), nearBy);
  await fc.assert(
    fc.asyncProperty(range, async ([from, to]) => {
      const res = await get(`/api/reports/summary?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
      const f = acceptable(from);
      const l = acceptable(to);
      const ok = f !== undefined && l !== undefined && f <= l && l - f + 1 <= 731;
      t.is(res.status, ok ? 200 : 400, `${from}..${to}: ${JSON.stringify(res.body).slice(0, 200)}`);
      if (!ok) t.true(isErrorShape(res.body));
    }),
    { numRuns: 80 },
  );
});
