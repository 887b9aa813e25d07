// Whether a token fits the console it is typed into, from what GET /api/whoami says about it: a
// pure function (tested without a DOM) so each console refuses a wrong token at its sign-in form,
// in Chinese first, instead of showing the console and failing at the first press.

/** What GET /api/whoami answers. */
export interface Whoami {
  hall: string;
  role: string;
  roles: string[];
  name: string;
  windows: string[];
}

/** The console a token is typed into; window consoles name their window. */
export type ConsoleKind =
  | { console: 'clerk'; window: string }
  | { console: 'rater'; window: string }
  | { console: 'kiosk' }
  | { console: 'triage' }
  | { console: 'check-in' }
  | { console: 'admin' };

const ROLE_ZH: Record<string, string> = {
  admin: '管理员',
  clerk: '窗口',
  triage: '咨询台',
  kiosk: '自助取号机',
  display: '显示屏',
  approver: '后台审批',
  rater: '评价器',
};

const CONSOLE_ZH: Record<ConsoleKind['console'], [zh: string, en: string]> = {
  clerk: ['叫号台', 'clerk console'],
  rater: ['评价器', 'rating device'],
  kiosk: ['自助取号机', 'kiosk'],
  triage: ['咨询台', 'triage desk'],
  'check-in': ['预约签到', 'check-in desk'],
  admin: ['管理页面', 'admin page'],
};

/** The roles that may drive each console (an admin may drive any). */
const ROLES: Record<ConsoleKind['console'], string[]> = {
  clerk: ['clerk'],
  rater: ['rater'],
  kiosk: ['kiosk'],
  triage: ['triage'],
  'check-in': ['kiosk', 'triage'],
  admin: [],
};

/** Why the token cannot sign in at this console, Chinese first; undefined when it can. */
export function tokenRefusal(who: Whoami, at: ConsoleKind): string | undefined {
  if (who.roles.includes('admin')) return undefined;
  const fits = who.roles.some((r) => ROLES[at.console].includes(r));
  const [zh, en] = CONSOLE_ZH[at.console];
  if (!fits) {
    const role = who.roles.map((r) => ROLE_ZH[r] ?? r).join('、');
    return `此令牌是${role}令牌，不能登录${zh} · This is a ${who.roles.join('/')} token, not one for the ${en}`;
  }
  if ((at.console === 'clerk' || at.console === 'rater') && !who.windows.includes(at.window)) {
    if (!who.windows.length) return `此令牌没有指定窗口，不能在 ${at.window} 号窗口登录 · This token names no window`;
    const mine = who.windows.join('、');
    return `此令牌属于 ${mine} 号窗口，不能在 ${at.window} 号窗口登录 · This token is for window ${who.windows.join(', ')}, not window ${at.window}`;
  }
  return undefined;
}

/** What the sign-in form says when the server refused to say who a token is (401, 403, offline). */
export function whoamiRefusal(code: string, zhEn: string): string {
  if (code === 'unauthorized') return '令牌无效，请核对后重新输入 · Unknown token; check it and try again';
  return `无法登录：${zhEn}`;
}
