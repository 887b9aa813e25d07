// The features a full node runs, in start order: a feature may use what the ones before it provide
// (the kb → the ticket printer's materials and assist's notices; the printer → appointments'
// check-in and assist's notices). The one place that composes them; the core imports none.
import type { Feature } from './feature.ts';
import { pagesPlugin } from '../displays/server-plugin.ts';
import { appointmentPagesPlugin } from '../displays/appointments/pages.ts';
import { assistPagesPlugin } from '../displays/assist/pages.ts';
import { applicationPagesPlugin } from '../displays/applications/pages.ts';
import { ledBarPlugin } from '../displays/led-bar/plugin.ts';
import { appointmentsPlugin } from './appointments/plugin.ts';
import { assistPlugin } from './assist/plugin.ts';
import { casesPlugin } from './cases/plugin.ts';
import { applicationsPlugin } from './applications/plugin.ts';
import { kbPlugin } from './kb/plugin.ts';
import { metricsPlugin } from './metrics/plugin.ts';
import { staffPlugin } from './staff/plugin.ts';
import { recordsPlugin } from './records/plugin.ts';
import { bookingNotificationsPlugin, notificationsPlugin } from './notifications/plugin.ts';
import { ratingsPlugin } from './ratings/plugin.ts';
import { privacyPlugin } from './privacy/plugin.ts';
import { ticketPrinterPlugin } from '../ticket-printer/plugin.ts';
import { voicePlugin } from '../voice/plugin.ts';

export function defaultPlugins(): Feature[] {
  return [
    staffPlugin(),
    kbPlugin(),
    ticketPrinterPlugin(),
    notificationsPlugin(),
    appointmentsPlugin(),
    bookingNotificationsPlugin(),
    assistPlugin(),
    casesPlugin(),
    applicationsPlugin(),
    recordsPlugin(),
    ratingsPlugin(),
    privacyPlugin(),
    pagesPlugin(),
    appointmentPagesPlugin(),
    assistPagesPlugin(),
    applicationPagesPlugin(),
    metricsPlugin(),
    voicePlugin(),
    ledBarPlugin(),
  ];
}
