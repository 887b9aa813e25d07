// Passwords: argon2id through @node-rs/argon2, which hashes and verifies on libuv's thread pool, so
// a sign-in never blocks the event loop. Hashes are PHC strings and carry their own parameters.
import { hash, verify } from '@node-rs/argon2';

/** The rules a new password must meet; a message saying what is wrong, or undefined. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 8) return 'a password has at least 8 characters';
  if (password.length > 200) return 'a password has at most 200 characters';
  return undefined;
}

export function hashPassword(password: string): Promise<string> {
  // argon2id (the library's default), 19 MiB, 2 passes: OWASP's minimum recommendation.
  return hash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verified against when the staff number is unknown, so a wrong number costs as long as a wrong password. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  return (dummy ??= hashPassword('not a real password, only spends the same time'));
}
