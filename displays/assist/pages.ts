// The assist feature's pages: /backoffice (approvers) and /clerk-assist/:window (one-key assist on
// its own), served with their own bundle (displays/assist/entry.ts). The clerk console embeds
// <ow-clerk-assist> through the hall pages' bundle.
import type { Feature } from '../../server/feature.ts';
import { featurePagesPlugin } from '../feature-pages.ts';

export function assistPagesPlugin(): Feature {
  return featurePagesPlugin({
    name: 'assist-pages',
    entry: 'displays/assist/entry.ts',
    script: 'assist.js',
    pages: [
      { path: '/backoffice', shell: () => ({ title: '后台审批 · Back office', tag: 'ow-backoffice' }) },
      {
        path: '/clerk-assist/:window',
        notFound: 'no such hall or window',
        shell: (params, engine) =>
          engine.hall.windows.some((w) => w.id === params.window)
            ? { title: `${params.window}号窗口 · 一键呼叫`, tag: 'ow-clerk-assist', attrs: { window: params.window! } }
            : undefined,
      },
    ],
  });
}
