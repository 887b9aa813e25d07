// A OneWindow node with no plug-ins (no pages, metrics, devices, bookings): the hall engine, the
// API and live events alone, so the bench can tell the engine's cost from the plug-ins'.
import { loadDeploymentFile } from '../server/config/load.ts';
import { startServer } from '../server/server.ts';

const server = await startServer({ deployment: loadDeploymentFile(process.env.CONFIG ?? 'config/demo-hall.yaml'), env: process.env });
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void server.close().then(() => process.exit(0)));
