// Starts the features of one server in order and merges what they contribute. A feature that fails
// to start stops the ones started before it, so a failed start leaves nothing running.
import type { HallRegistry } from './engine/hall-registry.ts';
import type { AppDeps, RouteModule } from './http/context.ts';
import type { RealtimeGateway } from './realtime/gateway.ts';
import { FeatureStartError, Services, type Contribution, type Feature } from './feature.ts';

export interface StartedFeatures {
  services: Services;
  /** Each started feature with the streams it owns, in start order. */
  list: { name: string; streams: string[] }[];
  hallRoutes: RouteModule[];
  rootRoutes: RouteModule[];
  openApiPaths: Record<string, Record<string, unknown>>;
  health: (() => Record<string, unknown>)[];
  attach(gateway: RealtimeGateway): void;
  /** Stops every started feature, last started first; logs and goes on when one fails. */
  stop(): Promise<void>;
}

export async function startFeatures(
  features: Feature[],
  parts: { registry: HallRegistry; deps: AppDeps; env: Record<string, string | undefined> },
): Promise<StartedFeatures> {
  const services = new Services();
  const started: { name: string; c: Contribution }[] = [];
  const stop = async () => {
    for (const { name, c } of [...started].reverse())
      await Promise.resolve(c.stop?.()).catch((err) => parts.deps.log.error({ err, feature: name }, 'feature failed to stop'));
  };
  try {
    const names = new Set<string>();
    for (const f of features) {
      if (names.has(f.name)) throw new FeatureStartError(`feature "${f.name}" is listed twice`);
      names.add(f.name);
      const log = parts.deps.log.child({ feature: f.name });
      started.push({ name: f.name, c: await f.start({ ...parts, log, services: services.scope(f.name) }) });
    }
    claimStreams(started);
    const contributions = started.map((s) => s.c);
    for (const c of contributions) {
      parts.deps.ticketHooks.afterIssue.push(...(c.ticketHooks?.afterIssue ?? []));
      parts.deps.ticketHooks.afterTransfer.push(...(c.ticketHooks?.afterTransfer ?? []));
      parts.deps.ticketHooks.viewExtras.push(...(c.ticketHooks?.viewExtras ?? []));
      for (const r of c.principalResolvers ?? []) parts.deps.auth.addResolver(r);
    }
    return {
      services,
      list: started.map(({ name, c }) => ({ name, streams: c.streams ?? [] })),
      hallRoutes: contributions.flatMap((c) => c.hallRoutes ?? []),
      rootRoutes: contributions.flatMap((c) => c.rootRoutes ?? []),
      openApiPaths: mergeOpenApiPaths(started),
      health: contributions.flatMap((c) => c.health ?? []),
      attach: (gateway) => {
        for (const c of contributions) c.attach?.(gateway);
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

function claimStreams(started: { name: string; c: Contribution }[]) {
  const owner = new Map<string, string>();
  for (const { name, c } of started)
    for (const stream of c.streams ?? []) {
      const other = owner.get(stream);
      if (other) throw new FeatureStartError(`features "${other}" and "${name}" both claim the stream "${stream}"`);
      owner.set(stream, name);
    }
}

/** Path items by path; two features may add methods to one path, never the same method. */
export function mergeOpenApiPaths(started: { name: string; c: Contribution }[]): Record<string, Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {};
  const by = new Map<string, string>();
  for (const { name, c } of started)
    for (const [path, item] of Object.entries(c.openApiPaths ?? {}))
      for (const [method, op] of Object.entries(item)) {
        const key = `${method.toUpperCase()} ${path}`;
        if (by.has(key)) throw new FeatureStartError(`features "${by.get(key)}" and "${name}" both document ${key}`);
        by.set(key, name);
        (paths[path] ??= {})[method] = op;
      }
  return paths;
}
