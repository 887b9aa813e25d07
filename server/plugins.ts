// The plug-ins a full node runs: pages, devices, metrics. Each adds routes and hooks to the core.
import type { ServerPlugin } from './server.ts';

export function defaultPlugins(): ServerPlugin[] {
  return [];
}
