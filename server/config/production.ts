// What `NODE_ENV=production` refuses to start with. Every check runs and every problem is reported
// at once (a hall's IT staff should fix the whole list in one go, not one restart per mistake),
// each with what is wrong and how to fix it. main.ts prints them and exits with code 2;
// startServer throws ProductionConfigError so no other entry point can skip them.
//
// To add a check (staff accounts, device tokens, …): write a `ProductionCheck` and add it to
// PRODUCTION_CHECKS below. A check is pure: it reads the environment and the validated hall file
// and returns its problems ([] when all is well); it never prints or exits.
import type { DeploymentConfig } from './schema.ts';

export type Env = Record<string, string | undefined>;

export interface Problem {
  /** What is wrong, naming the variable or the hall-file entry. Never the secret itself. */
  problem: string;
  /** What to do about it. */
  fix: string;
}

export type ProductionCheck = (env: Env, deployment: DeploymentConfig) => Problem[];

export class ProductionConfigError extends Error {
  override name = 'ProductionConfigError';
  constructor(readonly problems: Problem[]) {
    super(formatProblems(problems));
  }
}

/** Minimum length of every token and secret: 32 characters (`openssl rand -base64 32` gives 44). */
export const MIN_SECRET_LENGTH = 32;
const GENERATE = '`openssl rand -base64 32`';

/** Tokens from the demo hall file and the examples in the docs: public, so never valid in production. */
export const KNOWN_DEMO_TOKENS: ReadonlySet<string> = new Set([
  'demo-admin', 'demo-triage', 'demo-kiosk', 'demo-display', 'demo-approver', 'demo-approver-estate',
  ...Array.from({ length: 9 }, (_, i) => `demo-clerk-${i + 1}`),
  ...Array.from({ length: 9 }, (_, i) => `demo-rater-${i + 1}`),
  'changeme', 'change-me', 'secret', 'password', 'admin-token', 'example-token',
]);

/** Words people pick when asked for a secret; a token made mostly of them is guessable. */
const WEAK_WORDS = [
  'password', 'passwd', 'admin', 'secret', 'changeme', 'change', 'letmein', 'qwerty', 'asdf', 'welcome',
  'onewindow', 'token', 'demo', 'test', 'default', 'clerk', 'kiosk', 'triage', 'display', 'hall', 'window',
  '0123456789', '123456789', '12345678', '1234567', '123456', 'abcdefghijklmnopqrstuvwxyz', 'abcdef', 'abc123', 'iloveyou',
];

/**
 * Why a secret is too weak, or undefined when it is fine. Catches short secrets, secrets with few
 * distinct characters ("aaaa…", "abab…", "1111…"), and secrets that are mostly common words and
 * counting sequences ("admin-password-123456-admin-password"). It cannot prove randomness; it stops
 * the secrets people type by hand.
 */
export function weakness(secret: string): string | undefined {
  const length = Buffer.byteLength(secret, 'utf8');
  if (length < MIN_SECRET_LENGTH) return `only ${length} bytes long (at least ${MIN_SECRET_LENGTH})`;
  if (new Set(secret).size < 6) return `made of only ${new Set(secret).size} different characters`;
  // Repetition ("abab…", "1212…") shows as low entropy per character; a random hex or base64 secret of
  // 32+ characters carries well over 100 bits even when, by chance, few hex digits repeat.
  const bits = Math.round(estimatedBits(secret));
  if (bits < 80) return `too regular: about ${bits} bits of randomness (at least 80)`;
  let rest = secret.toLowerCase();
  for (const w of WEAK_WORDS) rest = rest.split(w).join('');
  rest = rest.replace(/[^a-z0-9]/g, '');
  if (rest.length < 20) return 'made mostly of common words, counting sequences or punctuation';
  return undefined;
}

/** Length × the Shannon entropy of the characters' frequencies: a rough measure of randomness. */
function estimatedBits(secret: string): number {
  const counts = new Map<string, number>();
  for (const ch of secret) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const n = [...secret].length;
  let perChar = 0;
  for (const c of counts.values()) perChar -= (c / n) * Math.log2(c / n);
  return perChar * n;
}

function describeToken(t: DeploymentConfig['tokens'][number], i: number): string {
  return `tokens[${i}] (role ${t.role}${t.name ? `, "${t.name}"` : ''}${t.windows?.length ? `, windows ${t.windows.join(',')}` : ''})`;
}

/** Demo tokens are public: anyone who read the README could drive the hall. */
export const demoTokens: ProductionCheck = (_env, deployment) =>
  deployment.tokens.flatMap((t, i) =>
    t.token.startsWith('demo-') || KNOWN_DEMO_TOKENS.has(t.token.toLowerCase())
      ? [{ problem: `${describeToken(t, i)} is the demo token "${t.token}"`, fix: `replace it in the hall file with a random token: ${GENERATE}` }]
      : [],
  );

/** A token that can be guessed is no token. Demo tokens are reported once, by demoTokens. */
export const weakTokens: ProductionCheck = (_env, deployment) =>
  deployment.tokens.flatMap((t, i) => {
    if (t.token.startsWith('demo-') || KNOWN_DEMO_TOKENS.has(t.token.toLowerCase())) return [];
    const why = weakness(t.token);
    return why ? [{ problem: `${describeToken(t, i)} has a weak token: ${why}`, fix: `replace it in the hall file with a random token: ${GENERATE}` }] : [];
  });

function requiredSecret(name: string, purpose: string): ProductionCheck {
  return (env) => {
    const value = env[name];
    if (!value) return [{ problem: `${name} is not set (${purpose})`, fix: `set ${name} to a random secret of at least ${MIN_SECRET_LENGTH} bytes, e.g. ${GENERATE}, the same on every node` }];
    const why = weakness(value);
    return why ? [{ problem: `${name} is weak: ${why}`, fix: `set ${name} to a random secret: ${GENERATE}` }] : [];
  };
}

/** Signs the staff sign-in cookies (the sessions use it). */
export const sessionSecret = requiredSecret('SESSION_SECRET', 'it signs the sign-in sessions');
/** Keys the hashes of client addresses and SMS codes kept in the log (server/appointments/client-key.ts). */
export const clientHashKey = requiredSecret('CLIENT_HASH_KEY', 'it keys the hashes of visitors’ addresses kept in the log; the default is guessable');

/** Keys the hashes of visitors' ID numbers kept in the log (server/http/visitor-id.ts). */
export const idHashKey = requiredSecret('ID_HASH_KEY', 'it keys the hashes of visitors’ ID numbers kept in the log; the default is guessable');

/** METRICS_TOKEN is optional (without it /metrics is off in production), but if set it must be strong. */
export const metricsToken: ProductionCheck = (env) => {
  const why = env.METRICS_TOKEN ? weakness(env.METRICS_TOKEN) : undefined;
  return why ? [{ problem: `METRICS_TOKEN is weak: ${why}`, fix: `set METRICS_TOKEN to a random token: ${GENERATE}` }] : [];
};

/** Every check production runs, in the order their problems are printed. Add new checks here. */
export const PRODUCTION_CHECKS: readonly ProductionCheck[] = [demoTokens, weakTokens, sessionSecret, clientHashKey, idHashKey, metricsToken];

export const isProduction = (env: Env) => env.NODE_ENV === 'production';

/** Every problem the checks find; [] outside production (demo mode keeps working with no set-up). */
export function productionProblems(env: Env, deployment: DeploymentConfig, checks: readonly ProductionCheck[] = PRODUCTION_CHECKS): Problem[] {
  if (!isProduction(env)) return [];
  return checks.flatMap((check) => check(env, deployment));
}

/** Throws ProductionConfigError listing every problem, if there is any. */
export function assertProductionReady(env: Env, deployment: DeploymentConfig, checks?: readonly ProductionCheck[]): void {
  const problems = productionProblems(env, deployment, checks);
  if (problems.length) throw new ProductionConfigError(problems);
}

export function formatProblems(problems: Problem[]): string {
  const lines = problems.map((p, i) => `  ${i + 1}. ${p.problem}\n     fix: ${p.fix}`);
  return `NODE_ENV=production: refusing to start, ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${lines.join('\n')}\nSee docs/deploy.md.`;
}
