// Reads a hall file (YAML or JSON; one hall, or `halls:` for many) and validates it.
// Any problem becomes a ConfigError whose message names the file, the path and the problem.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { deploymentSchema, type DeploymentConfig } from './schema.ts';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadDeploymentFile(file: string, env: { NODE_ENV?: string } = {}): DeploymentConfig {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${file}: cannot read hall configuration: ${(err as Error).message}`);
  }
  return parseDeployment(raw, file, env);
}

export function parseDeployment(raw: unknown, source = 'config', env: { NODE_ENV?: string } = {}): DeploymentConfig {
  const shaped = isSingleHall(raw) ? singleHallToDeployment(raw) : raw;
  const result = deploymentSchema.safeParse(shaped);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(top)'}: ${i.message}`);
    throw new ConfigError(`${source}: invalid hall configuration\n${lines.join('\n')}`);
  }
  if (env.NODE_ENV === 'production') {
    const demo = result.data.tokens.filter((t) => t.token.startsWith('demo-')).map((t) => t.token);
    if (demo.length)
      throw new ConfigError(`${source}: demo tokens are not allowed with NODE_ENV=production: ${demo.join(', ')}`);
  }
  return result.data;
}

function isSingleHall(raw: unknown): raw is Record<string, unknown> {
  return typeof raw === 'object' && raw !== null && !('halls' in raw) && 'services' in raw;
}

function singleHallToDeployment(raw: Record<string, unknown>) {
  const { tokens, ...hall } = raw;
  return { halls: [hall], tokens };
}
