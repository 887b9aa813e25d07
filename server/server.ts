// Assembles a running OneWindow node: store, hall engines, Koa app, socket.io gateway.
// main.ts calls it with the environment; tests call it with a temp DATA_DIR and port 0.
import { idHashKeyOf } from './http/visitor-id.ts';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';
import type { DeploymentConfig } from './config/schema.ts';
import type { HallEngineOptions } from './engine/hall-engine.ts';
import { assertProductionReady } from './config/production.ts';
import { HallRegistry } from './engine/hall-registry.ts';
import type { Feature, Services } from './feature.ts';
import { createApp } from './http/app.ts';
import { Auth } from './http/auth.ts';
import { RateLimiter } from './http/rate-limit.ts';
import { securityOptionsFromEnv } from './http/security.ts';
import type { AppDeps } from './http/context.ts';
import { createLogger, type Logger } from './log.ts';
import { RealtimeGateway } from './realtime/gateway.ts';
import { openStore, type StoreEnv } from './store/open.ts';
import type { EventStore } from './store/port.ts';
import { startFeatures, type StartedFeatures } from './start-features.ts';

export interface ServerOptions {
  deployment: DeploymentConfig;
  /** The environment: store, port, NODE_ENV and secrets (config/production.ts), ALLOWED_ORIGINS, HSTS_MAX_AGE, LOG_LEVEL, feature settings. */
  env?: StoreEnv & { PORT?: string; HOST?: string; PUBLIC_URL?: string; LOG_LEVEL?: string } & Record<string, string | undefined>;
  /** The server's logger (main.ts makes one from LOG_LEVEL); default: JSON lines on stdout at LOG_LEVEL or info. */
  logger?: Logger;
  /** A store to use instead of opening one from env (tests). */
  store?: EventStore;
  engine?: HallEngineOptions;
  /** The features to run, started in this order (server/plugins.ts composes the full set). */
  plugins?: Feature[];
}

export interface RunningServer {
  url: string;
  port: number;
  http: HttpServer;
  /** The Koa app (its routers list every route served: the role-matrix test compares them with the OpenAPI document). */
  app: Koa;
  registry: HallRegistry;
  gateway: RealtimeGateway;
  deps: AppDeps;
  log: Logger;
  /** What the features handed each other at start (the knowledge base, printing, …). */
  services: Services;
  /** The started features in start order, with the streams each owns. */
  features: { name: string; streams: string[] }[];
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const env = options.env ?? {};
  // Refuse a bad production set-up or a malformed ALLOWED_ORIGINS before opening anything.
  assertProductionReady(env, options.deployment);
  const security = securityOptionsFromEnv(env);
  const log = options.logger ?? createLogger({ level: env.LOG_LEVEL });
  const store = options.store ?? (await openStore(env, log.child({ component: 'store' })));
  const registry = new HallRegistry(options.deployment, store, { log, ...options.engine });
  await registry.start();

  const port = Number(env.PORT ?? 3000);
  const host = env.HOST ?? '0.0.0.0';
  const deps: AppDeps = {
    registry,
    auth: new Auth(options.deployment.tokens, registry.defaultHallId),
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${port}`,
    ticketHooks: { afterIssue: [], viewExtras: [] },
    kioskLimiter: new RateLimiter(60, 60_000),
    log,
    idHashKey: idHashKeyOf(env),
  };
  let features: StartedFeatures | undefined;
  let http: HttpServer | undefined;
  let app: Koa | undefined;
  let gateway: RealtimeGateway | undefined;
  try {
    features = await startFeatures(options.plugins ?? [], { registry, deps, env: env as Record<string, string | undefined> });
    // Build the http server only after every app.use(): app.callback() captures the middleware list.
    app = createApp(deps, features, security);
    http = createServer(app.callback());
    gateway = new RealtimeGateway(http, registry, { log: log.child({ component: 'realtime' }), allowedOrigins: security.allowedOrigins });
    features.attach(gateway);
    const listening = http;
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(port, host, () => resolve());
    });
  } catch (err) {
    // A plug-in that fails at start (a bad knowledge-base file, a port in use) leaves nothing open.
    // The start error is what the caller gets; a failure while closing is only logged.
    const closing = (what: string) => (e: unknown) => log.warn({ err: e }, `after a failed start, closing the ${what} failed`);
    await gateway?.close().catch(closing('socket.io gateway'));
    http?.close();
    await features?.stop();
    await registry.stop().catch(closing('hall engines'));
    if (!options.store) await store.close().catch(closing('store'));
    throw err;
  }
  const actualPort = (http.address() as AddressInfo).port;
  if (!env.PUBLIC_URL) deps.publicUrl = `http://localhost:${actualPort}`;

  const started = features;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    http,
    app: app!,
    registry,
    gateway,
    deps,
    log,
    services: features.services,
    features: features.list,
    close: () =>
      (closing ??= (async () => {
        await gateway.close();
        await new Promise<void>((resolve) => http.close(() => resolve()));
        http.closeAllConnections();
        await started.stop();
        await registry.stop();
        if (!options.store) await store.close();
      })()),
  };
}
