// The accounts decider: staff accounts and device tokens, deployment-wide. Pure: password hashes
// are computed before decide (argon2 is slow by design) and arrive in the command.
import { noResult, type Decider, type DecideContext, type SnapshotPolicy, type Stored } from '../engine/stream-engine.ts';
import { own } from '../domain/own.ts';
import { StaffError } from './errors.ts';
import type { Account, AccountCommand, AccountEvent, AccountsState } from './types.ts';

type Body = Pick<AccountEvent, 'type' | 'data'>;

export function accountOf(s: AccountsState, id: string): Account {
  const a = own(s.accounts, id);
  if (!a) throw new StaffError(404, 'unknown_staff', `no staff account "${id}"`);
  return a;
}

export function accountByNumber(s: AccountsState, staffNumber: string): Account | undefined {
  const id = own(s.byNumber, staffNumber);
  return id ? own(s.accounts, id) : undefined;
}

export function decideAccounts(s: AccountsState, c: AccountCommand, ctx: DecideContext): Body[] {
  switch (c.type) {
    case 'add': {
      if (accountByNumber(s, c.staffNumber)) throw new StaffError(409, 'staff_number_taken', `staff number ${c.staffNumber} is taken`);
      const { type: _t, ...fields } = c;
      return [{ type: 'staff:added', data: { account: { id: ctx.newId(), ...fields, createdAt: ctx.now } } }];
    }
    case 'edit':
      accountOf(s, c.id);
      return [{ type: 'staff:changed', data: { id: c.id, changes: c.changes } }];
    case 'setPassword':
      accountOf(s, c.id);
      return [{ type: 'staff:password-changed', data: { id: c.id, passwordHash: c.passwordHash } }];
    case 'disable':
      return accountOf(s, c.id).disabled ? [] : [{ type: 'staff:disabled', data: { id: c.id } }];
    case 'enable':
      return accountOf(s, c.id).disabled ? [{ type: 'staff:enabled', data: { id: c.id } }] : [];
    case 'failSignIn': {
      const a = accountOf(s, c.id);
      if (a.locked) return [];
      const out: Body[] = [{ type: 'staff:sign-in-failed', data: { id: a.id } }];
      if (a.failures + 1 >= c.lockAfter) out.push({ type: 'staff:locked', data: { id: a.id, failures: a.failures + 1 } });
      return out;
    }
    case 'succeedSignIn':
      return accountOf(s, c.id).failures > 0 ? [{ type: 'staff:sign-in-succeeded', data: { id: c.id } }] : [];
    case 'unlock': {
      const a = accountOf(s, c.id);
      return a.locked || a.failures > 0 ? [{ type: 'staff:unlocked', data: { id: a.id } }] : [];
    }
    case 'addDevice': {
      if (own(s.byHash, c.hash)) throw new StaffError(409, 'device_token_taken', 'that token is in use');
      if (Object.values(s.devices).some((d) => d.name === c.name && !d.revokedAt))
        throw new StaffError(409, 'device_name_taken', `a device "${c.name}" has a token; revoke it first`);
      const { type: _t, ...fields } = c;
      return [{ type: 'device:added', data: { device: { id: ctx.newId(), ...fields, createdAt: ctx.now } } }];
    }
    case 'revokeDevice': {
      const d = own(s.devices, c.id);
      if (!d) throw new StaffError(404, 'unknown_device', `no device token "${c.id}"`);
      return d.revokedAt ? [] : [{ type: 'device:revoked', data: { id: d.id } }];
    }
  }
}

// In place, like the other feature streams: the engine holds the only reference to the state.
export function evolveAccounts(s: AccountsState, e: Stored<AccountEvent>): AccountsState {
  s.lastAt = Math.max(s.lastAt, e.at);
  const patch = (id: string, f: (a: Account) => Partial<Account>) => {
    const a = s.accounts[id];
    if (a) s.accounts[id] = { ...a, ...f(a) };
    return s;
  };
  switch (e.type) {
    case 'staff:added': {
      const a = e.data.account;
      s.accounts[a.id] = { ...a, passwordChangedAt: e.at, disabled: false, locked: false, failures: 0 };
      s.byNumber[a.staffNumber] = a.id;
      return s;
    }
    case 'staff:changed':
      // An empty photo removes it (JSON keeps no undefined, so removal must be a value).
      return patch(e.data.id, (a) => {
        const next = { ...a, ...e.data.changes };
        return next.photo === '' ? { ...next, photo: undefined } : next;
      });
    case 'staff:password-changed':
      return patch(e.data.id, () => ({ passwordHash: e.data.passwordHash, passwordChangedAt: e.at }));
    case 'staff:disabled':
      return patch(e.data.id, () => ({ disabled: true }));
    case 'staff:enabled':
      return patch(e.data.id, () => ({ disabled: false }));
    case 'staff:sign-in-failed':
      return patch(e.data.id, (a) => ({ failures: a.failures + 1 }));
    case 'staff:sign-in-succeeded':
      return patch(e.data.id, () => ({ failures: 0 }));
    case 'staff:locked':
      return patch(e.data.id, () => ({ locked: true }));
    case 'staff:unlocked':
      return patch(e.data.id, () => ({ locked: false, failures: 0 }));
    case 'device:added':
      s.devices[e.data.device.id] = e.data.device;
      s.byHash[e.data.device.hash] = e.data.device.id;
      return s;
    case 'device:revoked': {
      const d = s.devices[e.data.id];
      if (d) {
        s.devices[d.id] = { ...d, revokedAt: e.at };
        delete s.byHash[d.hash];
      }
      return s;
    }
  }
}

export const accountsSnapshots: SnapshotPolicy<AccountsState> = {
  every: 500,
  size: (s) => Object.keys(s.accounts).length + Object.keys(s.devices).length,
  // The encoded state's shape: bump when it changes (SnapshotPolicy.format).
  format: 1,
};

export const accountsDecider: Decider<AccountsState, AccountCommand, AccountEvent, void> = {
  initial: () => ({ accounts: {}, byNumber: {}, devices: {}, byHash: {}, lastAt: 0 }),
  decide: noResult(decideAccounts),
  evolve: evolveAccounts,
  clockFloor: (s) => s.lastAt,
};
