// The demo deployment, loaded once, for tests that want a realistic hall.
import { loadDeploymentFile } from '../../server/config/load.ts';
import type { DeploymentConfig, HallConfig } from '../../server/config/schema.ts';

export const demoDeployment: DeploymentConfig = loadDeploymentFile(new URL('../../config/demo-hall.yaml', import.meta.url).pathname);
export const demoHall: HallConfig = demoDeployment.halls[0]!;
