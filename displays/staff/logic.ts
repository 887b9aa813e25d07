// The staff admin page as plain functions (tested without a DOM): what the form's fields become,
// and how an account's state reads.

export interface AccountRow {
  id: string;
  staffNumber: string;
  name: string;
  roles: string[];
  halls: string[];
  disabled: boolean;
  locked: boolean;
  failures: number;
  demo?: boolean;
}

export interface DeviceRow {
  id: string;
  name: string;
  role: string;
  hall?: string;
  createdAt: number;
  revokedAt?: number;
}

export const ROLE_LABELS: Record<string, string> = {
  admin: '管理员 admin',
  triage: '咨询台 triage',
  clerk: '综窗 clerk',
  approver: '后台审批 approver',
  manager: '主任 manager',
};

/** "a, b；c" → ["a","b","c"]: commas, Chinese commas, semicolons and spaces all separate. */
export function parseList(text: string): string[] {
  return text
    .split(/[\s,，;；、]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** How an account stands, worst first: disabled, locked, then active. */
export function accountState(a: AccountRow): { key: 'disabled' | 'locked' | 'active'; label: string } {
  if (a.disabled) return { key: 'disabled', label: '已停用 Disabled' };
  if (a.locked) return { key: 'locked', label: '已锁定 Locked' };
  return { key: 'active', label: a.failures ? `正常（${a.failures} 次密码错误）Active` : '正常 Active' };
}

/** The add-account form as the API's body; a message when something is missing. */
export function addAccountBody(f: { staffNumber: string; name: string; roles: string[]; halls: string; password: string }): { body?: Record<string, unknown>; problem?: string } {
  if (!f.staffNumber.trim()) return { problem: '请填写工号 · Staff number is required' };
  if (!f.name.trim()) return { problem: '请填写姓名 · Name is required' };
  if (!f.roles.length) return { problem: '请至少选择一个角色 · Choose at least one role' };
  if (f.password.length < 8) return { problem: '密码至少 8 位 · A password has at least 8 characters' };
  return { body: { staffNumber: f.staffNumber.trim(), name: f.name.trim(), roles: f.roles, halls: parseList(f.halls), password: f.password } };
}

export function sortAccounts(list: AccountRow[]): AccountRow[] {
  return [...list].sort((a, b) => a.staffNumber.localeCompare(b.staffNumber, 'en', { numeric: true }));
}
