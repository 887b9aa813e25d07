// `npm start`: runs a hall node from the environment.
//   CONFIG    hall file (default config/demo-hall.yaml)
//   PORT      default 3000;  HOST default 0.0.0.0
//   DATA_DIR  where the embedded store lives (default ./data)
//   STORE     sqlite (default) | redis, with REDIS_URL
//   NODE_ENV  production refuses demo tokens, weak tokens and missing secrets (config/production.ts)
import { ConfigError, loadDeploymentFile } from './config/load.ts';
import { productionProblems, formatProblems } from './config/production.ts';
import { defaultPlugins } from './plugins.ts';
import { startServer } from './server.ts';

async function main() {
  const env = process.env;
  const configFile = env.CONFIG ?? 'config/demo-hall.yaml';
  let deployment;
  try {
    deployment = loadDeploymentFile(configFile);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const problems = productionProblems(env, deployment);
  if (problems.length) {
    console.error(formatProblems(problems));
    process.exit(2);
  }
  const server = await startServer({ deployment, env, plugins: defaultPlugins() });
  const base = env.PUBLIC_URL ?? `http://localhost:${server.port}`;
  const halls = deployment.halls.map((h) => `${h.id} (${h.name.zh})`).join(', ');
  console.log(`OneWindow is serving ${halls} on ${base}  [store: ${server.registry.store.kind}, config: ${configFile}]`);
  console.log(`  pages       ${base}/`);
  const clerk = deployment.halls[0]?.windows[0]?.id ?? '1';
  for (const [name, path] of [
    ['wall', '/wall'],
    ['triage', '/triage'],
    ['kiosk', '/kiosk'],
    ['clerk', `/clerk/${clerk}`],
    ['backoffice', '/backoffice'],
    ['dashboard', '/dashboard'],
    ['book', '/book'],
  ] as const)
    console.log(`  ${name.padEnd(11)} ${base}${path}`);
  console.log(`  API         ${base}/api/hall   OpenAPI ${base}/api/openapi.json`);
  console.log(`  health      ${base}/healthz`);
  if (deployment.tokens.some((t) => t.token.startsWith('demo-')))
    console.log('  demo tokens demo-admin, demo-triage, demo-kiosk, demo-display, demo-approver, demo-clerk-<window id>');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await server.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
