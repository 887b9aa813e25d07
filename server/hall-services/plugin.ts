// The hall's own services beyond the queue (issue 7): the knowledge base, appointments, one-key
// assist, the "can't get it done" desk, the record search and their pages, as the list of features
// in start order (the kb first: assist's notices read it). With the ticket printer, list the
// features one by one instead (kb, ticket printer, then the rest), as server/plugins.ts does.
import type { Feature } from '../feature.ts';
import type { Clock } from '../engine/stream-engine.ts';
import { appointmentsPlugin } from '../appointments/plugin.ts';
import { assistPlugin } from '../assist/plugin.ts';
import { casesPlugin } from '../cases/plugin.ts';
import { kbPlugin } from '../kb/plugin.ts';
import { recordsPlugin } from '../records/plugin.ts';
import { pageRoutes } from '../../displays/appointments/pages.ts';

export interface HallServicesOptions {
  /** Clock for bookings, assist and cases; the hall engine's clock when absent. */
  clock?: Clock;
  /** Directory of the knowledge base files (config/kb by default, or KB_DIR). */
  kbDir?: string;
}

/** The hall-services pages: /book, /check-in, /backoffice, /clerk-assist/:window. */
export function hallServicesPagesPlugin(): Feature {
  return { name: 'hall-services-pages', start: () => ({ rootRoutes: [pageRoutes] }) };
}

/** The features after the knowledge base (and the ticket printer, when there is one). */
export function hallServicesAfterKb(options: HallServicesOptions = {}): Feature[] {
  return [appointmentsPlugin({ clock: options.clock }), assistPlugin({ clock: options.clock }), casesPlugin({ clock: options.clock }), recordsPlugin(), hallServicesPagesPlugin()];
}

export function hallServicesPlugin(options: HallServicesOptions = {}): Feature[] {
  return [kbPlugin({ dir: options.kbDir }), ...hallServicesAfterKb(options)];
}
