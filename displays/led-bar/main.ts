// `npm run led-bridge -- --server URL [--hall id] [--config hall.yaml] [--bar 3=tcp://host:port@1 ...]`
// Runs the LED bar bridge on a PC near the bars, outside the server process.
import { parseArgs } from 'node:util';
import { loadDeploymentFile } from '../../server/config/load.ts';
import type { LedBarConfig } from '../../server/config/schema.ts';
import { LedBridge } from './bridge.ts';

export function parseBarArg(arg: string): LedBarConfig {
  const m = /^([A-Za-z0-9_-]{1,32})=(tcp:\/\/[^/:@]+:\d+)(?:@(\d{1,3}))?$/.exec(arg);
  if (!m) throw new Error(`--bar ${arg}: expected <window>=tcp://host:port[@address]`);
  return { window: m[1]!, url: m[2]!, address: m[3] ? Number(m[3]) : 1 };
}

function main() {
  const { values } = parseArgs({
    options: {
      server: { type: 'string' },
      hall: { type: 'string' },
      config: { type: 'string' },
      bar: { type: 'string', multiple: true },
    },
  });
  if (!values.server) {
    console.error('usage: npm run led-bridge -- --server http://host:3000 [--hall id] [--config hall.yaml] [--bar 3=tcp://host:port@1 ...]');
    process.exit(2);
  }
  const bars: LedBarConfig[] = (values.bar ?? []).map(parseBarArg);
  if (values.config) {
    const dep = loadDeploymentFile(values.config);
    const hall = values.hall ? dep.halls.find((h) => h.id === values.hall) : dep.halls[0];
    if (!hall) throw new Error(`no hall "${values.hall}" in ${values.config}`);
    bars.push(...hall.ledBars);
  }
  if (!bars.length) {
    console.error('no LED bars: give --bar or a --config whose hall lists ledBars');
    process.exit(2);
  }
  const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
  const bridge = new LedBridge({ server: values.server, ...(values.hall ? { hall: values.hall } : {}), bars, log });
  log(`led bridge: ${bars.length} bar(s), following ${values.server}`);
  const stop = () => {
    bridge.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main();
