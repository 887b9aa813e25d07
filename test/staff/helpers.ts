// A node running the staff feature, and small clients that sign in the way a console or an API
// client does.
import { staffPlugin, type StaffOptions } from '../../server/staff/plugin.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import type { ServerOptions } from '../../server/server.ts';

export const DEMO_PASSWORD_FOR_TESTS = 'demo1234';

export function startStaffServer(options: StaffOptions & { engine?: ServerOptions['engine']; env?: Record<string, string>; dataDir?: string } = {}): Promise<TestServer> {
  const { engine, env, dataDir, ...staff } = options;
  return startTestServer({ plugins: [staffPlugin(staff)], ...(engine ? { engine } : {}), ...(env ? { env } : {}), ...(dataDir ? { dataDir } : {}) });
}

export interface SignInAnswer {
  status: number;
  body: any;
  setCookie: string | null;
  headers: Headers;
}

export async function signIn(url: string, body: Record<string, unknown>, ip = '10.0.0.1', path = '/api/session'): Promise<SignInAnswer> {
  const res = await fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, setCookie: res.headers.get('set-cookie'), headers: res.headers };
}

/** Signs in and returns the bearer token (fails the test with the answer if refused). */
export async function tokenOf(url: string, staffNumber: string, window?: string, password = DEMO_PASSWORD_FOR_TESTS): Promise<string> {
  const r = await signIn(url, { staffNumber, password, ...(window ? { window } : {}) }, `10.9.${staffNumber.length}.${Number(staffNumber) % 250}`);
  if (r.status !== 201) throw new Error(`sign-in of ${staffNumber} answered ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token as string;
}

export async function call(url: string, method: string, path: string, opts: { token?: string; cookie?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url + path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
