// A real OneWindow node on a free port with its own temp data directory, and a small API client.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeploymentConfig } from '../../server/config/schema.ts';
import { createLogger } from '../../server/log.ts';
import { startServer, type RunningServer, type ServerOptions } from '../../server/server.ts';
import { demoDeployment } from './demo.ts';

export interface TestServer extends RunningServer {
  dataDir: string;
  api: ApiClient;
}

export async function startTestServer(
  options: Partial<ServerOptions> & { deployment?: DeploymentConfig; dataDir?: string; port?: number } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'onewindow-test-'));
  const server = await startServer({
    // Warnings and errors only (LOG_LEVEL=debug npm test to see more): an access line per request would bury test output.
    logger: createLogger({ level: process.env.LOG_LEVEL ?? 'warn' }),
    ...options,
    deployment: options.deployment ?? demoDeployment,
    // Overload protection off unless a test turns it on (test/http/admission.test.ts): in a test
    // process many servers, Chromium and the tests share one event loop, whose lag is not a node's.
    env: { DATA_DIR: dataDir, PORT: String(options.port ?? 0), HOST: '127.0.0.1', OVERLOAD_PROTECTION: 'off', ...options.env },
  });
  const close = server.close;
  return {
    ...server,
    dataDir,
    api: new ApiClient(server.url),
    close: async () => {
      await close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

export class ApiClient {
  constructor(readonly baseUrl: string) {}

  async request<T = any>(method: string, path: string, options: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let payload: string | undefined = options.raw;
    if (options.body !== undefined) payload = JSON.stringify(options.body);
    if (payload !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const res = await fetch(this.baseUrl + path, { method, headers, body: payload });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  get<T = any>(path: string, token?: string) {
    return this.request<T>('GET', path, { token });
  }

  post<T = any>(path: string, body?: unknown, token?: string) {
    return this.request<T>('POST', path, { body, token });
  }

  issue(service: string, lane = 'normal', token = 'demo-triage') {
    return this.post('/api/tickets', { service, lane }, token);
  }

  window(windowId: string, action: string, body?: unknown) {
    return this.post(`/api/windows/${windowId}/${action}`, body, `demo-clerk-${windowId}`);
  }
}
