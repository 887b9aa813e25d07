// The HTML around each page's element, and the index of a hall's pages (server-rendered, so it
// works even before the script loads).
import type { HallConfig } from '../../server/domain/types.ts';

export interface PageSpec {
  title: string;
  tag: string;
  attrs: Record<string, string>;
  /** display: wall screens; led: window bars; console: desks; kiosk: touch; phone: status page. */
  kind: 'display' | 'led' | 'console' | 'kiosk' | 'phone';
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** CJK first: WenQuanYi on Debian, Noto/Source Han elsewhere, then platform fonts. */
export const FONT_STACK =
  '"WenQuanYi Zen Hei", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Hiragino Sans GB", sans-serif';

const BASE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html,body{margin:0;height:100%;background:#0b1320;color:#fff;font-family:${FONT_STACK};-webkit-font-smoothing:antialiased}
body.console{background:#eef2f7;color:#0f1b2d}
body.phone{background:#f3f5f9;color:#0f1b2d}
body.led{background:#000}
`;

export function pageHtml(p: PageSpec): string {
  const attrs = Object.entries(p.attrs)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => ` ${k}="${esc(v)}"`)
    .join('');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1${p.kind === 'kiosk' ? ', user-scalable=no' : ''}">
<title>${esc(p.title)}</title>
<style>${BASE_CSS}</style>
<script type="module" src="/assets/app.js"></script>
</head>
<body class="${p.kind}">
<${p.tag}${attrs}></${p.tag}>
</body>
</html>`;
}

export function indexHtml(hall: HallConfig, explicitHall: string | undefined, halls: { id: string; name: { zh: string; en: string } }[]): string {
  const q = explicitHall ? `?hall=${encodeURIComponent(explicitHall)}` : '';
  const link = (href: string, zh: string, en: string, note = '') =>
    `<a class="card" href="${esc(href)}"><b>${esc(zh)}</b><span>${esc(en)}</span>${note ? `<small>${esc(note)}</small>` : ''}</a>`;
  const windows = hall.windows
    .map(
      (w) =>
        `<li><span class="w">${esc(w.name.zh)}</span>
<a href="/clerk/${esc(w.id)}${q}">叫号台 Clerk</a>
<a href="/window/${esc(w.id)}${q}">窗口屏 Display</a>
<a href="/window/${esc(w.id)}${q ? `${q}&` : '?'}w=192&amp;h=32">LED 192×32</a></li>`,
    )
    .join('\n');
  const otherHalls =
    halls.length > 1
      ? `<h2>其他大厅 Other halls</h2><ul class="halls">${halls.map((h) => `<li><a href="/?hall=${esc(h.id)}">${esc(h.name.zh)} · ${esc(h.name.en)}</a></li>`).join('')}</ul>`
      : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(hall.name.zh)} · OneWindow</title>
<style>${BASE_CSS}
html,body{background:#eef2f7;color:#0f1b2d;height:auto;min-height:100%}
body{padding:32px 48px}
@media (max-width:700px){body{padding:20px 16px}li{flex-wrap:wrap;gap:6px 18px}li .w{min-width:100%}}
h1{font-size:36px;margin:0 0 4px}
.sub{color:#4a5a70;font-size:18px;margin-bottom:28px}
h2{font-size:22px;margin:32px 0 12px;color:#1d3557}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:16px}
.card{display:flex;flex-direction:column;gap:4px;padding:20px 22px;border-radius:12px;background:#fff;color:#0f1b2d;text-decoration:none;box-shadow:0 1px 3px #0002;border-left:6px solid #c8102e}
.card:hover,.card:focus{outline:3px solid #1d6fd6}
.card b{font-size:24px}.card span{color:#4a5a70}.card small{color:#8090a0}
ul{list-style:none;padding:0;margin:0}
li{display:flex;gap:18px;align-items:center;padding:10px 0;border-bottom:1px solid #d5dde8;font-size:18px}
li .w{min-width:220px;font-weight:bold}
li a{color:#1d6fd6}
</style></head><body>
<h1>${esc(hall.name.zh)}</h1>
<div class="sub">${esc(hall.name.en)} · OneWindow</div>
<div class="cards">
${link(`/wall${q}`, '综合屏', 'Wall display', '1920×1080')}
${link(`/triage${q}`, '咨询台', 'Triage desk', 'token: triage')}
${link(`/kiosk${q}`, '自助取号机', 'Self-service kiosk', '1080×1920 / landscape')}
${link(`/book${q}`, '预约办事', 'Book an appointment', 'phone-sized')}
${link(`/check-in${q}`, '预约签到', 'Appointment check-in', 'token: kiosk or triage')}
${link(`/backoffice${q}`, '后台审批', 'Back office', 'token: approver')}
${link(`/dashboard${q}`, '零等待看板', 'Zero-wait dashboard', 'hall manager')}
${link(`/api/openapi.json`, '接口文档', 'API (OpenAPI)')}
</div>
<h2>窗口 Windows</h2>
<ul>${windows}</ul>
<h2>排号查询 Ticket status</h2>
<p>取号后扫描小票上的二维码打开 <code>/t/&lt;ticket id&gt;</code> · Scan the QR code on a ticket to follow it.</p>
${otherHalls}
</body></html>`;
}
