// A real server for the applications tests: the demo hall with a fake ESC/POS printer at window 1,
// the knowledge base, the ticket printer and the applications feature, and a clock the test moves.
import { localToEpoch } from '../../server/appointments/local-time.ts';
import { applicationsPlugin } from '../../server/applications/plugin.ts';
import { parseDeployment } from '../../server/config/load.ts';
import { kbPlugin } from '../../server/kb/plugin.ts';
import { ticketPrinterPlugin } from '../../ticket-printer/plugin.ts';
import type { Feature } from '../../server/feature.ts';
import { demoDeployment } from '../helpers/demo.ts';
import { FakeEscPosPrinter } from '../helpers/fake-escpos-printer.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

export const at = (date: string, hhmm: string) => localToEpoch(date, Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)), 'Asia/Shanghai');

export interface AppsServer extends TestServer {
  clock: { now: number };
  printer: FakeEscPosPrinter;
}

export async function startAppsServer(start: number, extra: Feature[] = []): Promise<AppsServer> {
  const printer = await FakeEscPosPrinter.start();
  const deployment = parseDeployment(
    structuredClone({ ...demoDeployment, halls: demoDeployment.halls.map((h) => ({ ...h, printers: [{ id: 'w1', desk: 'window-1', url: printer.url, width: 48 }] })) }),
  );
  const clock = { now: start };
  const server = await startTestServer({
    deployment,
    engine: { clock: () => clock.now },
    plugins: [kbPlugin(), ticketPrinterPlugin({ retryMinMs: 50, retryMaxMs: 200, probeEveryMs: 0 }), applicationsPlugin(), ...extra],
  });
  const close = server.close;
  return Object.assign(server, {
    clock,
    printer,
    close: async () => {
      await close();
      await printer.close();
    },
  });
}
