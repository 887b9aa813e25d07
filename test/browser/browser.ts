// Debian's Chromium driven by playwright-core, and a pages server: one browser per test file.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { pagesPlugin } from '../../displays/server-plugin.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

export const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export function startPagesServer(opts: { dataDir?: string; port?: number } = {}): Promise<TestServer> {
  return startTestServer({ ...opts, plugins: [pagesPlugin()] });
}

/** A page with console tokens already stored, as if typed once at this desk. */
export async function openPage(
  browser: Browser,
  url: string,
  opts: { width: number; height: number; tokens?: Record<string, string> },
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: opts.width, height: opts.height }, locale: 'zh-CN', timezoneId: 'UTC' });
  if (opts.tokens)
    await context.addInitScript((tokens) => {
      for (const [k, v] of Object.entries(tokens)) localStorage.setItem(`onewindow.token.${k}`, v);
    }, opts.tokens);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { context, page, errors };
}

export const DEMO = {
  kiosk: 'demo-kiosk',
  triage: 'demo-triage',
  clerk: (w: string) => `demo-clerk-${w}`,
};
