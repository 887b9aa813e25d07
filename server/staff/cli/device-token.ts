// npm run device-token -- add kiosk-1 --role kiosk [--hall district] [--desk kiosk] [--windows 3]
//                         list | revoke kiosk-1
// Prints a new token once (32 random bytes); the store keeps only its sha-256.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { hashDeviceToken, newDeviceToken } from '../device-token.ts';
import { DEVICE_ROLES } from '../types.ts';
import { list, main, run, UsageError, withAccounts } from './common.ts';

const USAGE = `usage: npm run device-token -- add <name> --role ${DEVICE_ROLES.join('|')} [--hall h] [--desk d] [--windows 1,2]
       npm run device-token -- list
       npm run device-token -- revoke <name>`;

main(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { role: { type: 'string' }, hall: { type: 'string' }, desk: { type: 'string' }, windows: { type: 'string' } },
  });
  const [verb, name] = positionals;
  if (verb === 'list')
    return withAccounts(async (accounts) => {
      for (const d of Object.values(accounts.current.devices))
        console.log(`${d.name}\t${d.role}\t${d.hall ?? '*'}\t${d.revokedAt ? `revoked ${new Date(d.revokedAt).toISOString()}` : 'active'}`);
    });
  if (!name || !/^[A-Za-z0-9_-]{1,40}$/.test(name)) throw new UsageError(USAGE);
  if (verb === 'add') {
    const role = z.enum(DEVICE_ROLES).safeParse(values.role);
    if (!role.success) throw new UsageError(USAGE);
    const token = newDeviceToken();
    return withAccounts(async (accounts) => {
      await run(accounts, {
        type: 'addDevice',
        name,
        role: role.data,
        ...(values.hall ? { hall: values.hall } : {}),
        ...(values.desk ? { desk: values.desk } : {}),
        ...(values.windows ? { windows: list(values.windows) } : {}),
        hash: hashDeviceToken(token),
      });
      console.error(`device token for ${name} (${role.data}); shown once, keep it on the device:`);
      console.log(token);
    });
  }
  if (verb === 'revoke')
    return withAccounts(async (accounts) => {
      const live = Object.values(accounts.current.devices).filter((d) => d.name === name && !d.revokedAt);
      if (!live.length) throw new UsageError(`no active device token named ${name}`);
      for (const d of live) await run(accounts, { type: 'revokeDevice', id: d.id });
      console.log(`revoked ${name}`);
    });
  throw new UsageError(USAGE);
});
