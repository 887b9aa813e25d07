// Reads a hall file (YAML or JSON; one hall, or `halls:` for many) and validates it.
// Any problem becomes a ConfigError whose message names the file, the path and the problem.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
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
  const deployment = parseDeployment(raw, file);
  return { ...deployment, kbDir: knowledgeBaseDir(file, deployment.kb) };
}

/**
 * The knowledge base belongs to the hall file: the folder it names (`kb:`, relative to the file), or
 * `kb` beside it. A named folder that is missing is an error; a missing default means no entries yet
 * (the materials then come from the hall file's services).
 */
function knowledgeBaseDir(file: string, named: string | undefined): string {
  const dir = resolve(dirname(file), named ?? 'kb');
  if (named !== undefined && !(existsSync(dir) && statSync(dir).isDirectory()))
    throw new ConfigError(`${file}: kb: the knowledge-base folder "${named}" (${dir}) does not exist`);
  return dir;
}

export function parseDeployment(raw: unknown, source = 'config'): DeploymentConfig {
  const single = isSingleHall(raw);
  const result = deploymentSchema.safeParse(single ? singleHallToDeployment(raw) : raw);
  if (!result.success) {
    // A one-hall file has no `halls:`: its problems are named by the paths written in it.
    const written = (path: PropertyKey[]) => (single && path[0] === 'halls' && path[1] === 0 ? path.slice(2) : path);
    const lines = result.error.issues.map((i) => `  ${written(i.path).map(String).join('.') || '(top)'}: ${i.message}`);
    throw new ConfigError(`${source}: invalid hall configuration\n${lines.join('\n')}`);
  }
  return result.data;
}

function isSingleHall(raw: unknown): raw is Record<string, unknown> {
  return typeof raw === 'object' && raw !== null && !('halls' in raw) && 'services' in raw;
}

function singleHallToDeployment(raw: Record<string, unknown>) {
  const { tokens, kb, ...hall } = raw;
  return { halls: [hall], tokens, kb };
}
