// The LED bridge inside the server process, for halls whose config lists `ledBars`. It is still a
// client of the live events (socket.io over loopback), exactly as when it runs on a separate PC.
import type { AddressInfo } from 'node:net';
import type { Feature } from '../../server/feature.ts';
import type { LedBridge } from './bridge.ts';

export function ledBarPlugin(): Feature {
  return {
    name: 'led-bar',
    start: ({ registry, log }) => {
      const bridges: LedBridge[] = [];
      let stopped = false;
      return {
        health: [() => (bridges.length ? { ledBars: bridges.flatMap((b) => b.statuses()) } : {})],
        attach(gateway) {
          const halls = registry.all().filter((e) => e.hall.ledBars.length > 0);
          if (!halls.length) return;
          // The gateway is attached before the server listens; connect once the port is known.
          // The bridge (and socket.io-client) is loaded only for a hall with bars: memory (docs/deploy.md).
          gateway.io.httpServer.once('listening', async () => {
            const { LedBridge } = await import('./bridge.ts');
            if (stopped) return;
            const port = (gateway.io.httpServer.address() as AddressInfo).port;
            for (const e of halls) {
              const hallLog = log.child({ hall: e.hallId });
              bridges.push(
                new LedBridge({ server: `http://127.0.0.1:${port}`, hall: e.hallId, bars: e.hall.ledBars, log: (l) => hallLog.info(l) }),
              );
            }
          });
        },
        stop() {
          stopped = true;
          for (const b of bridges) b.close();
        },
      };
    },
  };
}
