// /admin/staff: staff accounts and device tokens, for administrators. Signs in with 工号 and
// password (session cookie) or an admin token; lists, adds, disables and enables accounts, unlocks
// them, resets passwords; makes device tokens (shown once) and revokes them.
import { LitElement, css, html, nothing } from 'lit';
import { api, errorText, tokenRefused } from '../live/api.ts';
import { TokenController, consoleScope } from '../live/console-token.ts';
import { StaffSessionController } from '../live/staff-session.ts';
import { consoleChrome } from '../parts/console-styles.ts';
import { consoleTheme } from '../parts/theme.ts';
import { consoleHeader, messageLine, personBadge, signInError, signInScreen, type Message } from '../parts/console-parts.ts';
import { ROLE_LABELS, accountState, addAccountBody, sortAccounts, type AccountRow, type DeviceRow } from './logic.ts';
import { checkToken } from '../live/token-check.ts';

const DEVICE_ROLES = ['kiosk', 'display', 'triage', 'clerk', 'approver', 'admin'];

export class OwStaffAdmin extends LitElement {
  static properties = { hall: { type: String }, accounts: { state: true }, devices: { state: true }, message: { state: true }, newToken: { state: true } };
  hall = '';
  accounts: AccountRow[] = [];
  devices: DeviceRow[] = [];
  message?: Message;
  /** A device token just made: shown once. */
  newToken?: { name: string; token: string };
  private auth = new TokenController(this, () => consoleScope(this.hall, 'admin'), (t) => checkToken(this.hall, t, { console: 'admin' }));
  private session = new StaffSessionController(this, () => this.hall || undefined);

  static styles = [
    consoleTheme,
    consoleChrome,
    css`
      main { padding: 16px 28px; display: grid; gap: 20px; }
      section { background: var(--ow-card); border-radius: 12px; padding: 16px 20px; }
      table { border-collapse: collapse; width: 100%; font-size: 16px; }
      th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--ow-line); }
      .locked, .disabled { color: var(--ow-red); }
      form { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; font-size: 16px; }
      input, select { font-size: 16px; padding: 6px 8px; }
      button { font-size: 15px; padding: 5px 10px; cursor: pointer; }
      .token { font-family: monospace; background: #fff7d6; padding: 8px; word-break: break-all; }
    `,
  ];

  private get signedIn() {
    return !!this.auth.value || !!this.session.person;
  }

  private async call<T>(path: string, method = 'GET', body?: unknown): Promise<T | undefined> {
    try {
      return (await api<T>(path, { hall: this.hall || undefined, method, body, token: this.auth.value })).data;
    } catch (err) {
      if (tokenRefused(err)) this.signOut('登录已失效 · Signed out');
      else this.message = { kind: 'error', text: errorText(err) };
      return undefined;
    }
  }

  async load() {
    const staff = await this.call<{ staff: AccountRow[] }>('/staff');
    const devices = await this.call<{ devices: DeviceRow[] }>('/devices');
    if (staff) this.accounts = sortAccounts(staff.staff);
    if (devices) this.devices = devices.devices;
  }

  updated(changed: Map<string, unknown>) {
    super.updated(changed);
    if (this.signedIn && !this.loaded) {
      this.loaded = true;
      void this.load();
    }
  }
  private loaded = false;

  private signOut(reason = '') {
    this.auth.clear();
    if (this.session.person) void this.session.signOut();
    this.loaded = false;
    this.message = reason ? { kind: 'error', text: reason } : undefined;
  }

  private async act(a: AccountRow, action: 'disable' | 'enable' | 'unlock' | 'password') {
    let body: unknown;
    if (action === 'password') {
      const password = prompt(`${a.name}（${a.staffNumber}）的新密码 · New password (8+)`);
      if (!password) return;
      body = { password };
    }
    if (await this.call(`/staff/${a.id}/${action}`, 'POST', body)) this.message = { kind: 'ok', text: `${a.staffNumber} ${a.name}: ${action} 完成 done` };
    await this.load();
  }

  private async addAccount(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const { body, problem } = addAccountBody({
      staffNumber: String(data.get('staffNumber') ?? ''),
      name: String(data.get('name') ?? ''),
      roles: data.getAll('roles').map(String),
      halls: String(data.get('halls') ?? ''),
      password: String(data.get('password') ?? ''),
    });
    if (problem) return void (this.message = { kind: 'error', text: problem });
    if (await this.call('/staff', 'POST', body)) {
      this.message = { kind: 'ok', text: `已添加 ${body!.staffNumber} · Added` };
      form.reset();
    }
    await this.load();
  }

  private async addDevice(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const made = await this.call<{ token: string; device: DeviceRow }>('/devices', 'POST', { name: String(data.get('name') ?? '').trim(), role: String(data.get('role')) });
    if (made) {
      this.newToken = { name: made.device.name, token: made.token };
      form.reset();
    }
    await this.load();
  }

  private async revoke(d: DeviceRow) {
    if (!confirm(`吊销 ${d.name} 的令牌？ Revoke?`)) return;
    await this.call(`/devices/${d.id}/revoke`, 'POST');
    await this.load();
  }

  render() {
    if (!this.signedIn)
      return signInScreen({
        heading: '人员与设备管理 · Staff and devices',
        hint: '管理员工号和密码（演示：9001 / demo1234，或令牌 demo-admin）',
        error: this.auth.refusal || signInError(this.message),
        onSignIn: (token) => void this.auth.signIn(token),
        onStaffSignIn: ({ staffNumber, password }) =>
          void this.session.signIn(staffNumber, password).catch((err) => (this.message = { kind: 'error', text: errorText(err) })),
      });
    return html`${consoleHeader({ title: '人员与设备 · Staff and devices', after: personBadge(this.auth.value ? undefined : this.session.person), connected: true, onSignOut: () => this.signOut() })}
      ${messageLine(this.message)}
      <main>${this.renderAccounts()} ${this.renderDevices()}</main>`;
  }

  private renderAccounts() {
    return html`<section>
      <h2>人员 Staff</h2>
      <table data-test="accounts">
        <thead><tr><th>工号</th><th>姓名 Name</th><th>角色 Roles</th><th>大厅 Halls</th><th>状态 State</th><th></th></tr></thead>
        <tbody>
          ${this.accounts.map((a) => {
            const st = accountState(a);
            return html`<tr data-test="account-${a.staffNumber}">
              <td>${a.staffNumber}</td>
              <td>${a.name}${a.demo ? html` <small>(演示 demo)</small>` : nothing}</td>
              <td>${a.roles.map((r) => ROLE_LABELS[r] ?? r).join('、')}</td>
              <td>${a.halls.join('、') || '全部 all'}</td>
              <td class=${st.key} data-test="state">${st.label}</td>
              <td>
                ${a.disabled ? html`<button @click=${() => this.act(a, 'enable')}>启用 Enable</button>` : html`<button @click=${() => this.act(a, 'disable')}>停用 Disable</button>`}
                ${a.locked || a.failures ? html`<button data-test="unlock" @click=${() => this.act(a, 'unlock')}>解锁 Unlock</button>` : nothing}
                <button @click=${() => this.act(a, 'password')}>重置密码 Reset password</button>
              </td>
            </tr>`;
          })}
        </tbody>
      </table>
      <h3>添加人员 Add a person</h3>
      <form @submit=${this.addAccount} data-test="add-account">
        <input name="staffNumber" placeholder="工号 Staff number" />
        <input name="name" placeholder="姓名 Name" />
        ${Object.entries(ROLE_LABELS).map(([r, label]) => html`<label><input type="checkbox" name="roles" value=${r} />${label}</label>`)}
        <input name="halls" placeholder="大厅（空=全部）Halls" />
        <input name="password" type="password" placeholder="初始密码 Password" autocomplete="new-password" />
        <button type="submit">添加 Add</button>
      </form>
    </section>`;
  }

  private renderDevices() {
    return html`<section>
      <h2>设备令牌 Device tokens</h2>
      ${this.newToken
        ? html`<p>新令牌（只显示这一次，请配置到设备 ${this.newToken.name}）· New token, shown once:</p>
            <div class="token" data-test="new-token">${this.newToken.token}</div>`
        : nothing}
      <table data-test="devices">
        <thead><tr><th>设备 Device</th><th>角色 Role</th><th>大厅 Hall</th><th>状态 State</th><th></th></tr></thead>
        <tbody>
          ${this.devices.map(
            (d) => html`<tr data-test="device-${d.name}">
              <td>${d.name}</td><td>${d.role}</td><td>${d.hall ?? '—'}</td>
              <td>${d.revokedAt ? '已吊销 Revoked' : '有效 Active'}</td>
              <td>${d.revokedAt ? nothing : html`<button @click=${() => this.revoke(d)}>吊销 Revoke</button>`}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      <form @submit=${this.addDevice} data-test="add-device">
        <input name="name" placeholder="设备名 kiosk-1" />
        <select name="role">${DEVICE_ROLES.map((r) => html`<option value=${r}>${r}</option>`)}</select>
        <button type="submit">生成令牌 Create token</button>
      </form>
    </section>`;
  }
}
customElements.define('ow-staff-admin', OwStaffAdmin);
