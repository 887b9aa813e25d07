// Every error code the server can answer is listed in the registry (server/error-codes.ts) and has
// Chinese and English words on the pages (displays/logic/error-text.ts). The oracle is neither: it
// reads server/**.ts and collects the code literals handed to the error constructors and helpers
// (badRequest, forbidden, notFound, unauthorized, new XxxError(status?, 'code'), requireStatus,
// the router's bare statuses, the validators' field codes), so a new throw with a new code fails
// here until both lists have it. Then a few answers of a real server carry those codes.
import test from 'ava';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ERROR_CODES } from '../../server/error-codes.ts';
import { ERROR_WORDS, errorWords } from '../../displays/logic/error-text.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { defaultPlugins } from '../../server/plugins.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** Code literals in error-making calls, anywhere under server/. */
const PATTERNS = [
  /\b(?:badRequest|forbidden|notFound|unauthorized)\(\s*'([a-z_]+)'/g,
  /new [A-Z][A-Za-z]*Error\(\s*(?:\d{3},\s*)?'([a-z_]+)'/g,
  /requireStatus\([^)]*'([a-z_]+)'\)/g,
  // The error middleware's answers for a bare status and for a library error without a code.
  /\d{3}: \['([a-z_]+)',/g,
  /new ApiError\([^,]+, '([a-z_]+)'/g,
  // Field codes given by the validator or by a route for one of its fields.
  /'([a-z_]+_invalid)'/g,
  // An error class that carries its code (turned into the answer by its status), an answer body
  // written by hand, and a socket.io handshake refused with a code.
  /readonly code = '([a-z_]+)'/g,
  /error: \{ code: '([a-z_]+)'/g,
  /next\(new Error\('([a-z_]+)'\)\)/g,
];

function serverSources(): { file: string; text: string }[] {
  const dir = join(ROOT, 'server');
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ file: `server/${f}`, text: readFileSync(join(dir, f), 'utf8') }));
}

function thrownCodes(): Map<string, string> {
  const found = new Map<string, string>();
  for (const { file, text } of serverSources())
    for (const p of PATTERNS) for (const m of text.matchAll(p)) if (!found.has(m[1]!)) found.set(m[1]!, file);
  // unauthorized() with no code of its own answers 'unauthorized' (server/http/errors.ts).
  found.set('unauthorized', 'server/http/errors.ts');
  return found;
}

test('the scan finds the codes it should (it would otherwise prove nothing)', (t) => {
  const codes = thrownCodes();
  // One from each way of throwing, written here from reading the sources.
  for (const c of ['origin_not_allowed', 'idempotency_key_reused', 'no_current_ticket', 'wrong_window', 'slot_full', 'not_in_approval', 'unknown_case', 'bad_credentials', 'method_not_allowed', 'bad_request', 'phone_invalid', 'booking_code_invalid', 'sms_code_invalid', 'id_number_invalid', 'rate_limited'])
    t.true(codes.has(c), c);
  t.true(codes.size > 100, `found ${codes.size}`);
});

test('every code thrown under server/ is in the registry', (t) => {
  const missing = [...thrownCodes()].filter(([c]) => !Object.hasOwn(ERROR_CODES, c)).map(([c, f]) => `${c} (${f})`);
  t.deepEqual(missing, [], 'add these to server/error-codes.ts');
});

test('every code thrown under server/ and every registered code has Chinese and English words on the pages', (t) => {
  const codes = new Set([...thrownCodes().keys(), ...Object.keys(ERROR_CODES)]);
  const missing = [...codes].filter((c) => !Object.hasOwn(ERROR_WORDS, c));
  t.deepEqual(missing, [], 'add these to displays/logic/error-text.ts');
  for (const [code, words] of Object.entries(ERROR_WORDS)) {
    t.regex(words.zh, /[\u4e00-\u9fff]/, `${code}: the Chinese words have Chinese in them`);
    t.regex(words.en, /^[A-Z/]/, `${code}: the English words are a sentence`);
  }
});

test('the registry lists no code the server never throws (a domain code may be kept for clients)', (t) => {
  const thrown = thrownCodes();
  const domain = readFileSync(join(ROOT, 'server/domain/errors.ts'), 'utf8');
  const stale = Object.keys(ERROR_CODES).filter((c) => !thrown.has(c) && !domain.includes(`  ${c}: '`));
  t.deepEqual(stale, []);
});

test('a code no table knows still reads in Chinese first, with the code to quote', (t) => {
  const words = errorWords('some_new_refusal', 'the server says why');
  t.is(words.zh, '操作未完成（some_new_refusal）');
  t.is(words.en, 'the server says why');
});

let server: TestServer;
test.before(async () => {
  server = await startTestServer({ plugins: defaultPlugins(), env: { VOICE_ENGINE: 'none' } });
});
test.after.always(() => server?.close());

test('typed fields that are wrong get their own code and name the field', async (t) => {
  const phone = await server.api.post('/api/tickets', { service: 'business', visitor: { phone: 'call me' } }, 'demo-triage');
  t.is(phone.status, 400);
  t.deepEqual([phone.body.error.code, phone.body.error.field], ['phone_invalid', 'visitor.phone']);
  const idNumber = await server.api.post('/api/tickets', { service: 'business', visitor: { idNumber: '12' } }, 'demo-triage');
  t.deepEqual([idNumber.body.error.code, idNumber.body.error.field], ['id_number_invalid', 'visitor.idNumber']);
  // 18 characters with a wrong check digit (the right one for 11010519491231002 is X): the reason says which part.
  const checkDigit = await server.api.post('/api/tickets', { service: 'business', visitor: { idNumber: '110105194912310021' } }, 'demo-triage');
  t.deepEqual([checkDigit.status, checkDigit.body.error.code, checkDigit.body.error.reason], [400, 'id_number_invalid', 'check_digit']);
  const code = await server.api.get('/api/appointments/abc');
  t.deepEqual([code.status, code.body.error.code], [400, 'booking_code_invalid']);
  const checkIn = await server.api.post('/api/appointments/check-in', { code: 'short' }, 'demo-kiosk');
  t.deepEqual([checkIn.status, checkIn.body.error.code, checkIn.body.error.field], [400, 'booking_code_invalid', 'code']);
  const booking = await server.api.post('/api/appointments', { service: 'social', date: '2030-01-07', time: '09:00', name: '张三', phone: '12345' });
  t.deepEqual([booking.status, booking.body.error.code], [400, 'phone_invalid']);
  // Anything else wrong is still invalid_request, naming the field.
  const other = await server.api.post('/api/tickets', { service: 42 }, 'demo-triage');
  t.deepEqual([other.body.error.code, other.body.error.field], ['invalid_request', 'service']);
});

test('GET /api/whoami says who a token is; an unknown one is a 401', async (t) => {
  const clerk = await server.api.get('/api/whoami', 'demo-clerk-5');
  t.is(clerk.status, 200);
  t.like(clerk.body, { hall: 'district', role: 'clerk', windows: ['5'], session: false });
  const kiosk = await server.api.get('/api/whoami', 'demo-kiosk');
  t.like(kiosk.body, { role: 'kiosk', roles: ['kiosk'] });
  const unknown = await server.api.get('/api/whoami', 'nonsense');
  t.deepEqual([unknown.status, unknown.body.error.code], [401, 'unauthorized']);
  const none = await server.api.get('/api/whoami');
  t.deepEqual([none.status, none.body.error.code], [401, 'unauthorized']);
});
