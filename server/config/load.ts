// Reads a hall file (YAML or JSON; one hall, or `halls:` for many) and validates it.
// Any problem becomes a ConfigError whose message names the file, the path and the problem.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { deploymentSchema, type DeploymentConfig } from './schema.ts';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

// What production refuses (demo tokens, weak secrets, …) is checked at start, all problems at once:
// server/config/production.ts.
export function loadDeploymentFile(file: string): DeploymentConfig {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${file}: cannot read hall configuration: ${(err as Error).message}`);
  }
  return parseDeployment(raw, file);
}

export function parseDeployment(raw: unknown, source = 'config'): DeploymentConfig {
  const shaped = isSingleHall(raw) ? singleHallToDeployment(raw) : raw;
  const result = deploymentSchema.safeParse(shaped);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(top)'}: ${i.message}`);
    throw new ConfigError(`${source}: invalid hall configuration\n${lines.join('\n')}`);
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
