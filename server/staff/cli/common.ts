// What the staff and device-token commands share: the configured store (STORE, REDIS_URL, DATA_DIR
// as the server reads them), the accounts stream engine over it, and reading a password.
import { createInterface } from 'node:readline';
import { openStore } from '../../store/open.ts';
import { StaffError } from '../errors.ts';
import { accountsEngine, type AccountsEngine } from '../staff.ts';
import type { AccountCommand } from '../types.ts';

export const CLI_ACTOR = { role: 'admin', name: `cli:${process.env.USER ?? 'unknown'}` };

/** Opens the store, runs `work` with the accounts engine, and closes everything. */
export async function withAccounts<T>(work: (accounts: AccountsEngine) => Promise<T>): Promise<T> {
  const store = await openStore(process.env);
  const accounts = accountsEngine(store);
  try {
    await accounts.start();
    return await work(accounts);
  } finally {
    await accounts.stop().catch(() => {});
    await store.close();
  }
}

export async function run(accounts: AccountsEngine, cmd: AccountCommand) {
  return accounts.execute(cmd, CLI_ACTOR);
}

/** --password, or a line read from the terminal (not echoed) or from stdin. */
export async function readPassword(given: string | undefined, prompt = 'password: '): Promise<string> {
  if (given !== undefined) return given;
  const rl = createInterface({ input: process.stdin, output: process.stdin.isTTY ? process.stderr : undefined, terminal: process.stdin.isTTY });
  if (process.stdin.isTTY) {
    process.stderr.write(prompt);
    // Mute the echo: readline writes what is typed through _writeToOutput.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
  }
  const line = await new Promise<string>((resolve) => rl.once('line', resolve).once('close', () => resolve('')));
  rl.close();
  if (process.stdin.isTTY) process.stderr.write('\n');
  return line;
}

/** Runs a command's main: a refusal prints its message and exits 1; usage errors exit 2. */
export function main(fn: () => Promise<void>) {
  fn().then(
    () => process.exit(0),
    (err) => {
      if (err instanceof UsageError) {
        console.error(err.message);
        process.exit(2);
      }
      console.error(err instanceof StaffError ? `refused (${err.code}): ${err.message}` : err);
      process.exit(1);
    },
  );
}

export class UsageError extends Error {}

export const list = (s: string | undefined) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : undefined);
