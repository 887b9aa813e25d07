// Demo mode: staff accounts seeded into an empty accounts stream when NODE_ENV is not production, so
// `npm start` works with no set-up; and the production check that refuses them.
import type { HallConfig } from '../domain/types.ts';
import { hashPassword } from './password.ts';
import type { Staff } from './staff.ts';
import type { AccountFields, AccountsState } from './types.ts';

export const DEMO_PASSWORD = 'demo1234';

const CLERK_NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄强', '周丽'];

/** 1001… clerks (one per window, in hall order), 2001 triage, 3001 approver, 8001 manager, 9001 admin. */
export function demoAccounts(hall: HallConfig): AccountFields[] {
  const clerks = hall.windows.map((w, i): AccountFields => ({
    staffNumber: String(1001 + i),
    name: CLERK_NAMES[i % CLERK_NAMES.length]!,
    roles: ['clerk'],
    halls: [],
    demo: true,
  }));
  return [
    ...clerks,
    { staffNumber: '2001', name: '孙悦', roles: ['triage'], halls: [], demo: true },
    { staffNumber: '3001', name: '吴刚', roles: ['approver'], halls: [], demo: true },
    { staffNumber: '8001', name: '郑主任', roles: ['manager'], halls: [], demo: true },
    { staffNumber: '9001', name: '值班长', roles: ['admin', 'clerk'], halls: [], demo: true },
  ];
}

/** Seeds the demo accounts when the accounts stream has none (one hash: they share a password). */
export async function seedDemoAccounts(staff: Staff, hall: HallConfig): Promise<void> {
  if (Object.keys(staff.accounts.current.accounts).length > 0) return;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const fields of demoAccounts(hall)) {
    // Another node may seed at the same time: a taken number is theirs, not an error.
    if (staff.accounts.current.byNumber[fields.staffNumber]) continue;
    await staff.account({ type: 'add', ...fields, passwordHash }, { role: 'system', name: 'demo seed' }).catch((err) => {
      if ((err as { code?: string }).code !== 'staff_number_taken') throw err;
    });
  }
}

/**
 * For the production checks: what is unsafe in the accounts. Demo accounts (still enabled) and
 * device tokens are refused in production; each problem says how to fix it.
 */
export function staffProductionProblems(accounts: AccountsState): string[] {
  const demo = Object.values(accounts.accounts).filter((a) => a.demo && !a.disabled);
  if (!demo.length) return [];
  return [`demo staff accounts are present and enabled (${demo.map((a) => a.staffNumber).join(', ')}): disable them with \`npm run staff -- disable --number <n>\` (or start with an empty DATA_DIR / Redis prefix)`];
}

/** SESSION_SECRET: required in production (at least 32 characters); a random one per process otherwise. */
export function sessionSecretProblem(env: Record<string, string | undefined>): string | undefined {
  const secret = env.SESSION_SECRET;
  if (env.NODE_ENV !== 'production') return undefined;
  if (!secret) return 'SESSION_SECRET is not set: set it to a random string of at least 32 characters, the same on every node (e.g. `openssl rand -base64 48`)';
  if (secret.length < 32) return `SESSION_SECRET has ${secret.length} characters: use at least 32 (e.g. \`openssl rand -base64 48\`)`;
  return undefined;
}
