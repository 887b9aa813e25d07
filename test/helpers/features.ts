// The hall's service features as most tests start them, in start order: the knowledge base, then
// appointments, assist, cases, records and the appointments' and assist's pages — no ticket printer,
// no devices, no hall pages. A test that needs the printer lists it between the two:
// `[kbPlugin(), ticketPrinterPlugin(), ...serviceFeaturesAfterKb()]`. A full node's list is
// defaultPlugins() in server/plugins.ts.
import { appointmentPagesPlugin } from '../../displays/appointments/pages.ts';
import { assistPagesPlugin } from '../../displays/assist/pages.ts';
import { appointmentsPlugin } from '../../server/appointments/plugin.ts';
import { assistPlugin } from '../../server/assist/plugin.ts';
import { casesPlugin } from '../../server/cases/plugin.ts';
import type { Clock } from '../../server/engine/stream-engine.ts';
import type { Feature } from '../../server/feature.ts';
import { kbPlugin } from '../../server/kb/plugin.ts';
import { recordsPlugin } from '../../server/records/plugin.ts';

export interface ServiceFeatureOptions {
  /** Clock for bookings, assist and cases; the hall engine's clock when absent. */
  clock?: Clock;
  /** Directory of the knowledge base files (config/kb by default, or KB_DIR). */
  kbDir?: string;
}

/** The features after the knowledge base (and the ticket printer, when there is one). */
export function serviceFeaturesAfterKb(options: ServiceFeatureOptions = {}): Feature[] {
  return [
    appointmentsPlugin({ clock: options.clock }),
    assistPlugin({ clock: options.clock }),
    casesPlugin({ clock: options.clock }),
    recordsPlugin(),
    appointmentPagesPlugin(),
    assistPagesPlugin(),
  ];
}

export function serviceFeatures(options: ServiceFeatureOptions = {}): Feature[] {
  return [kbPlugin({ dir: options.kbDir }), ...serviceFeaturesAfterKb(options)];
}
