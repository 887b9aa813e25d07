// The plug-ins a full node runs: pages, devices, metrics. Each adds routes and hooks to the core.
import type { ServerPlugin } from './server.ts';
import { hallServicesPlugin } from './hall-services/plugin.ts';
import { pagesPlugin } from '../displays/server-plugin.ts';
import { metricsPlugin } from './metrics/plugin.ts';
import { ticketPrinterPlugin } from '../ticket-printer/plugin.ts';
import { voicePlugin } from '../voice/plugin.ts';
import { ledBarPlugin } from '../displays/led-bar/plugin.ts';

export function defaultPlugins(): ServerPlugin[] {
  return [hallServicesPlugin(), pagesPlugin(), metricsPlugin(), ticketPrinterPlugin(), voicePlugin(), ledBarPlugin()];
}
