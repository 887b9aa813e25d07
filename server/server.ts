// Assembles a running OneWindow node: store, hall engines, Koa app, socket.io gateway.
// main.ts calls it with the environment; tests call it with a temp DATA_DIR and port 0.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DeploymentConfig } from './config/schema.ts';
import type { HallEngineOptions } from './engine/hall-engine.ts';
import { HallRegistry } from './engine/hall-registry.ts';
import { createApp, type AppExtensions } from './http/app.ts';
import { Auth } from './http/auth.ts';
import type { AppDeps } from './http/context.ts';
import { RealtimeGateway } from './realtime/gateway.ts';
import { openStore, type StoreEnv } from './store/open.ts';
import type { EventStore } from './store/port.ts';

export interface ServerOptions {
  deployment: DeploymentConfig;
  env?: StoreEnv & { PORT?: string; HOST?: string; PUBLIC_URL?: string };
  /** A store to use instead of opening one from env (tests). */
  store?: EventStore;
  engine?: HallEngineOptions;
  /** Plug-ins (pages, devices, metrics) that add routes, health fields and live-event decoration. */
  plugins?: ServerPlugin[];
}

export interface RunningServer {
  url: string;
  port: number;
  http: HttpServer;
  registry: HallRegistry;
  gateway: RealtimeGateway;
  deps: AppDeps;
  close(): Promise<void>;
}

/** A plug-in gets the running parts and returns what it adds. */
export type ServerPlugin = (parts: { registry: HallRegistry; deps: AppDeps; env: Record<string, string | undefined> }) =>
  | (AppExtensions & PluginLifecycle)
  | Promise<AppExtensions & PluginLifecycle>;

export interface PluginLifecycle {
  /** Called once the gateway exists (e.g. to decorate ticket events). */
  attach?: (gateway: RealtimeGateway) => void;
  close?: () => Promise<void> | void;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const env = options.env ?? {};
  const store = options.store ?? (await openStore(env));
  const registry = new HallRegistry(options.deployment, store, options.engine);
  await registry.start();

  const port = Number(env.PORT ?? 3000);
  const host = env.HOST ?? '0.0.0.0';
  const deps: AppDeps = {
    registry,
    auth: new Auth(options.deployment.tokens, registry.defaultHallId),
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${port}`,
    ticketHooks: { afterIssue: [], viewExtras: [] },
  };
  const plugins: (AppExtensions & PluginLifecycle)[] = [];
  let http: HttpServer | undefined;
  let gateway: RealtimeGateway | undefined;
  try {
    for (const p of options.plugins ?? []) plugins.push(await p({ registry, deps, env: env as Record<string, string | undefined> }));
    const ext: AppExtensions = {
      hallRoutes: plugins.flatMap((p) => p.hallRoutes ?? []),
      rootRoutes: plugins.flatMap((p) => p.rootRoutes ?? []),
      health: plugins.flatMap((p) => p.health ?? []),
    };
    // Build the http server only after every app.use(): app.callback() captures the middleware list.
    const app = createApp(deps, ext);
    http = createServer(app.callback());
    gateway = new RealtimeGateway(http, registry);
    for (const p of plugins) p.attach?.(gateway);
    const listening = http;
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(port, host, () => resolve());
    });
  } catch (err) {
    // A plug-in that fails at start (a bad knowledge-base file, a port in use) leaves nothing open.
    await gateway?.close().catch(() => {});
    http?.close();
    for (const p of plugins) await Promise.resolve(p.close?.()).catch(() => {});
    await registry.stop().catch(() => {});
    if (!options.store) await store.close().catch(() => {});
    throw err;
  }
  const actualPort = (http.address() as AddressInfo).port;
  if (!env.PUBLIC_URL) deps.publicUrl = `http://localhost:${actualPort}`;

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    http,
    registry,
    gateway,
    deps,
    close: () =>
      (closing ??= (async () => {
        await gateway.close();
        await new Promise<void>((resolve) => http.close(() => resolve()));
        http.closeAllConnections();
        for (const p of plugins) await p.close?.();
        await registry.stop();
        if (!options.store) await store.close();
      })()),
  };
}
