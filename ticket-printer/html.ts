// The same ticket layout as an HTML page (GET /api/tickets/:id/ticket.html): what the desk would
// print, for a kiosk screen, a phone, or a browser's own print dialog on an ordinary printer.
import type { LayoutBlock } from './layout.ts';

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export async function renderTicketHtml(blocks: LayoutBlock[], title = 'Ticket'): Promise<string> {
  const body: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'text': {
        const cls = [`size-${b.size}`, `align-${b.align}`, b.bold ? 'bold' : '', b.role ? `role-${b.role}` : ''].filter(Boolean).join(' ');
        body.push(`<p class="${cls}">${esc(b.text)}</p>`);
        break;
      }
      case 'rule':
        body.push('<hr>');
        break;
      case 'qr': {
        // qrcode (and pngjs) load on the first ticket page asked for, not at start (memory, issue 15).
        const { default: QRCode } = await import('qrcode');
        const svg = await QRCode.toString(b.data, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
        body.push(`<figure class="qr" data-payload="${esc(b.data)}">${svg}${b.caption ? `<figcaption>${esc(b.caption)}</figcaption>` : ''}</figure>`);
        break;
      }
      case 'feed':
        break;
      case 'cut':
        body.push('<div class="cut" aria-hidden="true"></div>');
        break;
    }
  }
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title>
<style>
  body{margin:0;background:#eee;font-family:"WenQuanYi Zen Hei","Noto Sans CJK SC","PingFang SC",sans-serif}
  .ticket{width:80mm;max-width:100%;margin:1rem auto;padding:4mm;background:#fff;box-sizing:border-box;font-size:12px;line-height:1.4}
  p{margin:0;white-space:pre-wrap}
  .size-tall{font-size:18px}.size-double{font-size:48px;line-height:1.1}
  .bold{font-weight:bold}.align-center{text-align:center}.align-right{text-align:right}
  hr{border:0;border-top:1px dashed #000}
  .qr{margin:2mm auto;text-align:center}.qr svg{width:36mm;height:36mm}
  .cut{border-top:2px dotted #999;margin-top:4mm}
  @media print{body{background:#fff}.ticket{margin:0}}
</style></head>
<body><main class="ticket">
${body.join('\n')}
</main></body></html>
`;
}
