// A hall big enough for 20k waiting tickets: 26 services (a service has 999 numbers a day; fewer on request) and as
// many windows as asked, built from the demo hall; for tests of sizes that must not grow with the queue.
import type { DeploymentConfig, HallConfig } from '../../server/config/schema.ts';
import { demoDeployment } from './demo.ts';

const LETTERS = 'HIJKLMNOPQRSTUVWXYZ';

/** `serviceCount` cuts the 26 services down (the hall has 20). */
export function bigHallDeployment(windowCount: number, serviceCount = 26): DeploymentConfig {
  const demo = demoDeployment.halls[0]!;
  const allExtra = LETTERS.split('').map((l) => ({ ...demo.services[0]!, id: `extra-${l}`, prefix: l, name: { zh: `业务${l}`, en: `Service ${l}` } }));
  const services = [...demo.services, ...allExtra].slice(0, serviceCount);
  const ids = services.map((s) => s.id);
  const extra = allExtra.filter((s) => ids.includes(s.id));
  const windows = Array.from({ length: windowCount }, (_, i) => {
    const base = demo.windows[i % demo.windows.length]!;
    return { ...base, id: String(i + 1), number: i + 1, name: { zh: `${i + 1}号窗口`, en: `Window ${i + 1}` }, services: i < demo.windows.length ? [...base.services, ...extra.map((s) => s.id)] : ids };
  });
  const hall: HallConfig = { ...demo, services, windows };
  return { ...demoDeployment, halls: [hall] };
}
