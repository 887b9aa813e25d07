// The role matrix: every path and method of /api/openapi.json, called by every role on a real full
// node, compared with the table below (written from the README's role table and each route's
// documented audience, not read from the code). A route in the document without an entry here fails
// with a message saying to add one, and so does a route the routers serve that the document lacks.
//
// Requests are harmless: unknown ids (a 404 means "let through auth"), window 1 for window routes
// (so a clerk of another window meets wrong_window), empty JSON bodies, and a knowledge-base PUT to
// a service that does not exist, so no file is rewritten.
import test from 'ava';
import type Router from '@koa/router';
import { WINDOW_ACTIONS } from '../../server/http/routes/windows.ts';
import { defaultPlugins } from '../../server/plugins.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const ROLES = {
  anonymous: undefined,
  admin: 'demo-admin',
  triage: 'demo-triage',
  kiosk: 'demo-kiosk',
  clerk1: 'demo-clerk-1', // window 1, the window every window route is called for
  clerk2: 'demo-clerk-2', // a clerk of another window
  clerk9: 'demo-clerk-9', // the complaints desk (办不成事), whose clerks keep the cases
  display: 'demo-display',
  approver: 'demo-approver',
  approverEstate: 'demo-approver-estate',
  rater1: 'demo-rater-1', // the rating device (评价器) of window 1
} as const;
type RoleName = keyof typeof ROLES;
const ROLE_NAMES = Object.keys(ROLES) as RoleName[];

/** allowed: anything but 401/403 (a 400, 404 or 409 got past auth); 401: who are you; 403: not you. */
type Outcome = 'allowed' | '401' | '403';
type Row = Record<RoleName, Outcome>;

const everyone = (): Row => Object.fromEntries(ROLE_NAMES.map((r) => [r, 'allowed'])) as Row;
/** Only these roles; no token is 401, any other role 403. */
const only = (...allowed: RoleName[]): Row =>
  Object.fromEntries(ROLE_NAMES.map((r) => [r, allowed.includes(r) ? 'allowed' : r === 'anonymous' ? '401' : '403'])) as Row;

/** Needs a staff session (工号 + password sign-in): every hall-file token is 401 "sign in first". */
const STAFF_SESSION: Row = Object.fromEntries(ROLE_NAMES.map((r) => [r, '401'])) as Row;
const CLERK_OF_WINDOW_1 = only('admin', 'clerk1');
const ALL_CLERKS_TRIAGE = only('admin', 'triage', 'clerk1', 'clerk2', 'clerk9');

const TABLE: Record<string, Row> = {
  'GET /healthz': everyone(),
  'GET /readyz': everyone(),
  'GET /api/health': only('admin'),
  'GET /api/hall': everyone(),
  'GET /api/halls': only('admin'),
  'GET /api/state': everyone(),
  // Any token or session says who it is; no token is a 401 (the consoles' sign-in check).
  'GET /api/whoami': only(...ROLE_NAMES.filter((r) => r !== 'anonymous')),
  // The waiting list was public in the snapshot before it was paged: still public (no visitor data).
  'GET /api/queue': everyone(),
  'POST /api/tickets': only('admin', 'triage', 'kiosk'),
  'GET /api/tickets/{id}': everyone(),
  // A clerk may cancel or reactivate tickets of its windows' services: an unknown ticket is a 404 for every clerk.
  'POST /api/tickets/{id}/cancel': ALL_CLERKS_TRIAGE,
  'POST /api/tickets/{id}/reactivate': ALL_CLERKS_TRIAGE,
  'GET /api/tickets/by-number/{number}': ALL_CLERKS_TRIAGE,
  'GET /api/windows/{id}': everyone(),
  'POST /api/windows/{id}/next': CLERK_OF_WINDOW_1,
  'POST /api/windows/{id}/call': CLERK_OF_WINDOW_1,
  'POST /api/windows/{id}/recall': CLERK_OF_WINDOW_1,
  'POST /api/windows/{id}/start': CLERK_OF_WINDOW_1,
  'POST /api/windows/{id}/finish': CLERK_OF_WINDOW_1,
  'POST /api/windows/{id}/no-show': CLERK_OF_WINDOW_1,
  'POST /api/windows/{id}/transfer': CLERK_OF_WINDOW_1,
  'POST /api/windows/{id}/pause': CLERK_OF_WINDOW_1,
  'POST /api/windows/{id}/resume': CLERK_OF_WINDOW_1,
  'POST /api/windows/{id}/open': CLERK_OF_WINDOW_1,
  'POST /api/windows/{id}/close': CLERK_OF_WINDOW_1,
  'GET /api/kb': everyone(),
  'GET /api/kb/search': everyone(),
  'GET /api/kb/{serviceId}': everyone(),
  'PUT /api/kb/{serviceId}': only('admin'),
  'GET /api/printers': only('admin', 'triage', 'kiosk'),
  'POST /api/tickets/{id}/print': only('admin', 'triage', 'kiosk'),
  'GET /api/tickets/{id}/ticket.html': everyone(),
  'POST /api/appointments': everyone(),
  'GET /api/appointments/slots': everyone(),
  'GET /api/appointments/stats': everyone(),
  'POST /api/appointments/check-in': only('admin', 'triage', 'kiosk'),
  'GET /api/appointments/{code}': everyone(),
  'POST /api/appointments/{code}/confirm': everyone(),
  'POST /api/appointments/{code}/cancel': everyone(),
  'POST /api/windows/{id}/assist': CLERK_OF_WINDOW_1,
  'POST /api/windows/{id}/notice': CLERK_OF_WINDOW_1,
  'GET /api/notices/{id}': everyone(),
  'GET /api/notices/{id}.html': everyone(),
  'GET /api/assist': only('admin', 'clerk1', 'clerk2', 'clerk9', 'approver', 'approverEstate'),
  // The wall may show how fast the back office answers: figures only, no request.
  'GET /api/assist/stats': only('admin', 'approver', 'approverEstate', 'display'),
  'POST /api/assist/{id}/accept': only('admin', 'approver', 'approverEstate'),
  'POST /api/assist/{id}/messages': only('admin', 'clerk1', 'clerk2', 'clerk9', 'approver', 'approverEstate'),
  'POST /api/assist/{id}/answer': only('admin', 'approver', 'approverEstate'),
  'POST /api/assist/{id}/withdraw': only('admin', 'clerk1', 'clerk2', 'clerk9'),
  'GET /api/cases': only('admin', 'clerk9'),
  'POST /api/cases': only('admin', 'clerk9'),
  'GET /api/cases/report': only('admin', 'clerk9'),
  'GET /api/cases/{id}': only('admin', 'clerk9'),
  'POST /api/cases/{id}/notes': only('admin', 'clerk9'),
  'POST /api/cases/{id}/resolve': only('admin', 'clerk9'),
  'POST /api/cases/{id}/follow-up': only('admin', 'clerk9'),
  'GET /api/cases/follow-ups': only('admin', 'clerk9'),
  'POST /api/cases/{id}/contact': only('admin', 'clerk9'),
  // Rating by ticket id (the QR's capability) needs no token; an unknown ticket is a 404 for everyone.
  'GET /api/tickets/{id}/rating': everyone(),
  'POST /api/tickets/{id}/rating': everyone(),
  'GET /api/windows/{id}/rating': only('admin', 'rater1'),
  'POST /api/windows/{id}/rating': only('admin', 'rater1'),
  'GET /api/ratings/today': everyone(),
  'GET /api/ratings/report': only('admin'),
  // Applications (办件): the window registers, approvers (by service) act, the pickup window (8, no role here) hands out.
  'POST /api/windows/{id}/applications': CLERK_OF_WINDOW_1,
  'POST /api/consultations': only('admin', 'triage'),
  'GET /api/applications': only('admin', 'approver', 'approverEstate'),
  'GET /api/applications/{receipt}': only('admin', 'approver', 'approverEstate'),
  'GET /api/applications/{receipt}/status': everyone(),
  'POST /api/applications/{receipt}/approve': only('admin', 'approver', 'approverEstate'),
  'POST /api/applications/{receipt}/return': only('admin', 'approver', 'approverEstate'),
  'POST /api/applications/{receipt}/refuse': only('admin', 'approver', 'approverEstate'),
  'POST /api/applications/{receipt}/resubmit': only('admin', 'approver', 'approverEstate', 'clerk1', 'clerk2', 'clerk9'),
  'POST /api/applications/{receipt}/pickup': only('admin'),
  'POST /api/applications/{receipt}/mail': only('admin'),
  'POST /api/applications/{receipt}/pickup-ticket': only('admin', 'triage', 'kiosk'),
  'GET /api/records': only('admin'),
  // The send log: masked phones, but who was told what is still the hall's record.
  'GET /api/notifications': only('admin'),
  'GET /api/metrics/live': only('admin'),
  'GET /api/reports': only('admin'),
  'GET /api/reports/summary': only('admin'),
  'GET /api/estimates': everyone(),
  // Demo mode (no METRICS_TOKEN): open; with METRICS_TOKEN or in production it is not (test/http/security.test.ts).
  'GET /metrics': everyone(),
  'GET /api/voice/{file}': everyone(),
  // Staff accounts: sign-in is public (an empty body is a 400); who serves at each window is public
  // (name and 工号, as halls show them); accounts, devices and attendance are the admin's.
  'POST /api/session': everyone(),
  'GET /api/session': STAFF_SESSION,
  'DELETE /api/session': STAFF_SESSION,
  'GET /api/staff/on-duty': everyone(),
  'GET /api/staff': only('admin'),
  'POST /api/staff': only('admin'),
  'PATCH /api/staff/{id}': only('admin'),
  'POST /api/staff/{id}/disable': only('admin'),
  'POST /api/staff/{id}/enable': only('admin'),
  'POST /api/staff/{id}/unlock': only('admin'),
  'POST /api/staff/{id}/sign-out': only('admin'),
  'POST /api/staff/{id}/password': only('admin'),
  'GET /api/staff/attendance': only('admin'),
  'GET /api/devices': only('admin'),
  'POST /api/devices': only('admin'),
  'POST /api/devices/{id}/revoke': only('admin'),
};

/** Routes the routers serve that are pages or scripts, not API: listed so a new root route must be placed. */
const NOT_API = new Set([
  '/', '/wall', '/window/{}', '/triage', '/clerk/{}', '/kiosk', '/t/{}', '/favicon.ico', '/assets/app.js', '/assets/app.js.map',
  '/book', '/backoffice', '/check-in', '/clerk-assist/{}', '/assets/appointments.js', '/assets/assist.js', '/dashboard', '/dashboard/app.js',
  '/rate/{}', '/assets/ratings.js',
  '/api/openapi.json', '/admin/staff',
  '/a/{}', '/backoffice/applications', '/pickup/{}', '/assets/applications.js',
]);

let server: TestServer;
test.before(async () => {
  server = await startTestServer({ plugins: defaultPlugins(), env: { VOICE_ENGINE: 'none' } });
});
test.after.always(() => server?.close());

const openApi = async () => (await server.api.get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
const operations = async () =>
  Object.entries((await openApi()).paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));

/** A concrete, harmless URL for a documented path. */
function concrete(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => (path.startsWith('/api/windows/') && name === 'id' ? '1' : name === 'file' ? 'nope.wav' : 'nope'));
}

async function outcome(method: string, path: string, token: string | undefined): Promise<{ outcome: Outcome; status: number }> {
  const res = await fetch(server.url + concrete(path), {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(method === 'GET' ? {} : { 'content-type': 'application/json' }) },
    ...(method === 'GET' ? {} : { body: '{}' }),
  });
  await res.arrayBuffer();
  return { outcome: res.status === 401 ? '401' : res.status === 403 ? '403' : 'allowed', status: res.status };
}

test('every documented route has a row in the table, and every row is a documented route', async (t) => {
  const documented = await operations();
  const missing = documented.filter((op) => !TABLE[op]);
  t.deepEqual(missing, [], `add these to TABLE in test/http/role-matrix.test.ts with who may call them: ${missing.join(', ')}`);
  const stale = Object.keys(TABLE).filter((op) => !documented.includes(op));
  t.deepEqual(stale, [], `these rows are no longer in /api/openapi.json: ${stale.join(', ')}`);
});

test('every route the server serves is in the OpenAPI document (or is a page)', async (t) => {
  const shape = (p: string) => p.replace(/\{\w+\}|:\w+/g, '{}');
  const documented = new Set((await operations()).map((op) => {
    const [method, path] = op.split(' ');
    return `${method} ${shape(path!)}`;
  }));
  const served = new Set<string>();
  const routers = (server.app.middleware as ({ router?: Router; routers?: Router[] } & object)[]).flatMap((mw) => mw.routers ?? (mw.router ? [mw.router] : []));
  for (const router of routers) {
    for (const layer of router.stack) {
      const path = shape(String(layer.path).replace(/^\/api\/halls\/:hall/, '/api').replace(/^\/halls\/:hall/, '') || '/');
      // The clerk's keys are one route, /windows/:id/:action, documented as one path per action.
      const paths = path === '/api/windows/{}/{}' ? WINDOW_ACTIONS.map((a) => `/api/windows/{}/${a}`) : [path];
      for (const method of layer.methods) for (const p of paths) if (method !== 'HEAD') served.add(`${method} ${p}`);
    }
  }
  t.true(served.size > 50, 'the routers were found');
  const undocumented = [...served].filter((op) => !documented.has(op) && !NOT_API.has(op.split(' ')[1]!));
  t.deepEqual(undocumented, [], 'document these in OpenAPI (a feature\'s openApiPaths) or, for a page, add it to NOT_API');
});

test('each role gets what the table says on every route', async (t) => {
  const documented = await operations();
  const wrong: string[] = [];
  for (const op of documented) {
    const row = TABLE[op];
    if (!row) continue; // reported by the first test
    const [method, path] = op.split(' ') as [string, string];
    for (const role of ROLE_NAMES) {
      const got = await outcome(method, path, ROLES[role]);
      if (got.outcome !== row[role]) wrong.push(`${op} as ${role}: expected ${row[role]}, got ${got.status}`);
    }
  }
  t.deepEqual(wrong, []);
});
