// `npm start`: runs a hall node from the environment.
//   CONFIG    hall file (default config/demo-hall.yaml)
//   PORT      default 3000;  HOST default 0.0.0.0
//   DATA_DIR  where the embedded store lives (default ./data)
//   STORE     sqlite (default) | redis, with REDIS_URL
//   NODE_ENV  production refuses demo tokens, weak tokens and missing secrets (config/production.ts)
//   LOG_LEVEL trace | debug | info (default) | warn | error | fatal | silent
//   VIRTUAL_PRINTER  outside production, desks without a printer print to a virtual one shown at
//             /admin/printer; `off` turns it off. VIRTUAL_PRINTER_PORT: its TCP port (a free one by default)
import './v8-flags.ts';
import { ConfigError, loadDeploymentFile } from './config/load.ts';
import { productionProblems, formatProblems } from './config/production.ts';
import { processLogger, type Logger } from './log.ts';
import { defaultPlugins } from './plugins.ts';
import { startServer } from './server.ts';
import { VirtualPrinter, withVirtualPrinters } from '../ticket-printer/virtual-printer.ts';
import { virtualPrinterPagePlugin, virtualPrinterPlugin } from '../ticket-printer/virtual-printer-plugin.ts';

async function main(log: Logger) {
  const env = process.env;
  const configFile = env.CONFIG ?? 'config/demo-hall.yaml';
  let deployment;
  try {
    deployment = loadDeploymentFile(configFile);
  } catch (err) {
    if (err instanceof ConfigError) {
      log.fatal({ config: configFile }, err.message);
      log.flush();
      process.exit(2);
    }
    throw err;
  }
  const problems = productionProblems(env, deployment);
  if (problems.length) {
    // Instructions for a person starting the hall, one problem and its fix a line: plain text on stderr.
    console.error(formatProblems(problems));
    process.exit(2);
  }
  const printer = env.NODE_ENV === 'production' || env.VIRTUAL_PRINTER === 'off' ? undefined : await VirtualPrinter.start(Number(env.VIRTUAL_PRINTER_PORT ?? 0));
  const plugins = printer ? [...defaultPlugins(), virtualPrinterPlugin(printer), virtualPrinterPagePlugin()] : defaultPlugins();
  if (printer) deployment = withVirtualPrinters(deployment, printer.url);
  const server = await startServer({ deployment, env, plugins, logger: log });
  const base = env.PUBLIC_URL ?? `http://localhost:${server.port}`;
  const halls = deployment.halls.map((h) => `${h.id} (${h.name.zh})`).join(', ');
  log.info({ url: base, store: server.registry.store.kind, config: configFile }, `OneWindow is serving ${halls} on ${base}`);
  // Where a person finds the pages: one line, so it reads well pretty-printed and stays one JSON line.
  const clerk = deployment.halls[0]?.windows[0]?.id ?? '1';
  const pages = Object.fromEntries(
    [
      ['index', '/'],
      ['wall', '/wall'],
      ['triage', '/triage'],
      ['kiosk', '/kiosk'],
      ['clerk', `/clerk/${clerk}`],
      ['backoffice', '/backoffice'],
      ['dashboard', '/dashboard'],
      ['book', '/book'],
      ['api', '/api/hall'],
      ['openapi', '/api/openapi.json'],
      ['health', '/healthz'],
    ].map(([name, path]) => [name, `${base}${path}`]),
  );
  log.info({ pages }, `pages: ${base}/`);
  if (printer) log.info({ printer: printer.url }, `virtual printer: desks without a printer print to it; see ${base}/admin/printer`);
  if (deployment.tokens.some((t) => t.token.startsWith('demo-')))
    log.info('demo tokens: demo-admin, demo-triage, demo-kiosk, demo-display, demo-approver, demo-clerk-<window id>');

  stopOnSignals(log, async () => {
    await server.close();
    await printer?.close();
  });
}

/**
 * Ctrl+C (SIGINT) and systemd's stop (SIGTERM): close cleanly and exit 0; a close that hangs is cut
 * off after 10 s with exit 1. A second signal while closing changes nothing.
 */
function stopOnSignals(log: Logger, close: () => Promise<void>) {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await close();
    log.info('stopped');
    log.flush();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

const log = await processLogger(process.env);
main(log).catch((err) => {
  log.fatal({ err }, 'the server failed to start');
  log.flush();
  process.exit(1);
});
