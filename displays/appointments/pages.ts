// The appointments feature's pages: /book (visitors, phone-sized) and /check-in (kiosk or triage
// desk), served with their own bundle (displays/appointments/entry.ts).
import type { Feature } from '../../server/feature.ts';
import { featurePagesPlugin } from '../feature-pages.ts';

export function appointmentPagesPlugin(): Feature {
  return featurePagesPlugin({
    name: 'appointment-pages',
    entry: 'displays/appointments/entry.ts',
    script: 'appointments.js',
    pages: [
      { path: '/book', shell: () => ({ title: '预约办事 · Book', tag: 'ow-book' }) },
      { path: '/check-in', shell: () => ({ title: '预约签到 · Check-in', tag: 'ow-check-in' }) },
    ],
  });
}
