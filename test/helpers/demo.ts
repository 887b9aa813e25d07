// The demo deployment, loaded once, for tests that want a realistic hall.
import { loadDeploymentFile } from '../../server/config/load.ts';
import type { DeploymentConfig, HallConfig } from '../../server/config/schema.ts';

export const demoDeployment: DeploymentConfig = loadDeploymentFile(new URL('../../config/demo-hall.yaml', import.meta.url).pathname);
export const demoHall: HallConfig = demoDeployment.halls[0]!;

/** The same halls with the next guard off: for tests of many clerks pressing next as fast as a
 * machine can, where the human-speed guard (policy.nextGuardSeconds) would refuse most presses. */
export function withoutNextGuard(deployment: DeploymentConfig): DeploymentConfig {
  return { ...deployment, halls: deployment.halls.map((h) => ({ ...h, policy: { ...h.policy, nextGuardSeconds: 0 } })) };
}
