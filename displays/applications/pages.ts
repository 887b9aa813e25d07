// The applications feature's pages: /a/<receipt> (the visitor's progress, the receipt's QR) and
// /backoffice/applications (the approvers' work list), served with their own bundle.
import type { Feature } from '../../server/feature.ts';
import { featurePagesPlugin } from '../feature-pages.ts';

const RECEIPT = /^[A-Z0-9]{1,12}-\d{8}-\d{4}$/;

export function applicationPagesPlugin(): Feature {
  return featurePagesPlugin({
    name: 'application-pages',
    entry: 'displays/applications/entry.ts',
    script: 'applications.js',
    pages: [
      {
        path: '/a/:receipt',
        notFound: 'no such receipt number',
        shell: (params) => (RECEIPT.test(params.receipt ?? '') ? { title: `办理进度 · ${params.receipt}`, tag: 'ow-application-status', attrs: { receipt: params.receipt! } } : undefined),
      },
      { path: '/backoffice/applications', shell: () => ({ title: '办件审批 · Applications', tag: 'ow-application-list' }) },
    ],
  });
}
