// npm run staff -- add --number 1001 --name 张三 --roles clerk --halls district [--password …]
//                  passwd --number 1001 [--password …] | disable|enable|unlock --number 1001 | list
// Appends to the accounts stream of the configured store (STORE, REDIS_URL, DATA_DIR); a running
// server picks the change up through the store's watch. Without --password it is asked for.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { accountByNumber } from '../accounts-domain.ts';
import { hashPassword, passwordProblem } from '../password.ts';
import { STAFF_ROLES } from '../types.ts';
import { list, main, readPassword, run, UsageError, withAccounts } from './common.ts';

const USAGE = `usage: npm run staff -- add --number <工号> --name <name> --roles clerk[,triage,approver,manager,admin] [--halls h1,h2] [--services s1,s2] [--photo url] [--password pw]
       npm run staff -- passwd --number <工号> [--password pw]
       npm run staff -- disable|enable|unlock --number <工号>
       npm run staff -- list`;

main(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      number: { type: 'string' },
      name: { type: 'string' },
      roles: { type: 'string' },
      halls: { type: 'string' },
      services: { type: 'string' },
      photo: { type: 'string' },
      password: { type: 'string' },
    },
  });
  const [verb] = positionals;
  if (verb === 'list') return withAccounts(async (accounts) => printList(Object.values(accounts.current.accounts)));
  if (!verb || !['add', 'passwd', 'disable', 'enable', 'unlock'].includes(verb) || !values.number) throw new UsageError(USAGE);
  const number = values.number;
  if (verb === 'add') {
    if (!values.name || !values.roles) throw new UsageError(USAGE);
    const roles = z.array(z.enum(STAFF_ROLES)).min(1).safeParse(list(values.roles));
    if (!roles.success) throw new UsageError(`--roles: each of ${STAFF_ROLES.join(', ')}`);
    const passwordHash = await newPasswordHash(values.password);
    return withAccounts(async (accounts) => {
      await run(accounts, {
        type: 'add',
        staffNumber: number,
        name: values.name!,
        roles: roles.data,
        halls: list(values.halls) ?? [],
        ...(values.services ? { services: list(values.services) } : {}),
        ...(values.photo ? { photo: values.photo } : {}),
        passwordHash,
      });
      console.log(`added ${number} ${values.name} (${roles.data.join(', ')})`);
    });
  }
  const passwordHash = verb === 'passwd' ? await newPasswordHash(values.password) : undefined;
  await withAccounts(async (accounts) => {
    const a = accountByNumber(accounts.current, number);
    if (!a) throw new UsageError(`no staff account with number ${number}`);
    if (verb === 'passwd') await run(accounts, { type: 'setPassword', id: a.id, passwordHash: passwordHash! });
    else await run(accounts, { type: verb as 'disable' | 'enable' | 'unlock', id: a.id });
    console.log(`${verb}: ${number} ${a.name}`);
  });
});

async function newPasswordHash(given: string | undefined): Promise<string> {
  const password = await readPassword(given, 'new password: ');
  const problem = passwordProblem(password);
  if (problem) throw new UsageError(problem);
  return hashPassword(password);
}

function printList(accounts: { staffNumber: string; name: string; roles: string[]; halls: string[]; disabled: boolean; locked: boolean; demo?: boolean }[]) {
  for (const a of accounts.sort((x, y) => x.staffNumber.localeCompare(y.staffNumber))) {
    const flags = [a.disabled && 'disabled', a.locked && 'locked', a.demo && 'demo'].filter(Boolean).join(' ');
    console.log(`${a.staffNumber}\t${a.name}\t${a.roles.join(',')}\t${a.halls.join(',') || '*'}\t${flags}`);
  }
}
