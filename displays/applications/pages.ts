// The applications feature's pages: /a/<receipt> (the visitor's progress, the receipt's QR) and
// /backoffice/applications (the approvers' work list), /pickup/<window> (the pickup window), served with their own bundle.
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
      {
        path: '/pickup/:window',
        notFound: 'no such window',
        shell: (params) => (/^[A-Za-z0-9_-]{1,16}$/.test(params.window ?? '') ? { title: `出件窗口 · Pickup ${params.window}`, tag: 'ow-pickup-desk', attrs: { window: params.window! } } : undefined),
      },
    ],
  });
}
