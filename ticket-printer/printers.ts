// The hall's ticket printers: one print queue per configured printer, found by the desk that issues
// the ticket. The HTTP layer calls printTicket after a ticket is issued; printing never blocks or
// fails the issue itself — the job waits in the queue until the printer is back.
import type { HallConfig, PrinterConfig } from '../server/config/schema.ts';
import { renderEscPos } from './escpos.ts';
import { materialsFor, type KnowledgeBase } from '../server/kb/knowledge-base.ts';
import { ticketLayout, statusUrl, type LayoutInput, type TicketForPrint } from './layout.ts';
import { PrintQueue, type PrintQueueOptions, type PrinterStatus } from './print-queue.ts';
import { TcpPrinterTransport, type PrinterTransport, type TcpTransportOptions } from './tcp-transport.ts';

export interface PrinterPoolOptions extends PrintQueueOptions {
  tcp?: TcpTransportOptions;
  /** Tests hand in their own transport; real deployments get TCP from the printer's url. */
  transportFor?: (printer: PrinterConfig) => PrinterTransport | undefined;
  /** Where the materials to bring come from; the hall file's short lists when absent. */
  knowledgeBase?: KnowledgeBase;
}

export interface PrintRequest {
  ticket: TicketForPrint;
  /** The issuing desk (token.desk ?? token.role). */
  desk: string;
  estimatedWaitMinutes?: number;
  reprint?: boolean;
  /** Base of the status link; the hall's publicUrl when absent. */
  publicUrl?: string;
  /** The ticket's rating key (server/http/ticket-key.ts) for the QR; the server always passes it. */
  ratingKey?: string;
}

export type PrintOutcome =
  | { queued: true; printer: string; jobId: string; status: PrinterStatus }
  | { queued: false; reason: 'no_printer'; message: string };

/** The demo desk that ONEWINDOW_PRINTER points at. */
export const ENV_PRINTER_DESK = 'triage';

/** The hall's printers, with ONEWINDOW_PRINTER=tcp://host:port setting (or adding) the triage desk's printer. */
export function printersFromConfig(hall: HallConfig, env: { ONEWINDOW_PRINTER?: string } = {}): PrinterConfig[] {
  const list = hall.printers.map((p) => ({ ...p }));
  const url = env.ONEWINDOW_PRINTER?.trim();
  if (url) {
    const triage = list.find((p) => p.desk === ENV_PRINTER_DESK);
    if (triage) triage.url = url;
    else list.push({ id: 'triage-desk', desk: ENV_PRINTER_DESK, url, width: 48 });
  }
  return list;
}

/**
 * Printers whose first status probe goes out together, and the pause between such groups. A
 * deployment of a few halls with a printer at every desk (4 × 202) would otherwise open every
 * probe connection in the same instant, while the start is busy replaying the day; spread, the
 * hall's printers are all probed within a second or two and each keeps its own phase after.
 */
export const PROBES_AT_ONCE = 16;
export const PROBE_GROUP_GAP_MS = 100;

export class PrinterPool {
  private readonly queues = new Map<string, PrintQueue>();
  private readonly configs = new Map<string, PrinterConfig>();

  constructor(
    readonly hall: HallConfig,
    printers: PrinterConfig[],
    private readonly opts: PrinterPoolOptions = {},
  ) {
    let probing = 0;
    for (const p of printers) {
      const transport = opts.transportFor ? opts.transportFor(p) : p.url ? new TcpPrinterTransport(p.url, opts.tcp) : undefined;
      const firstProbeAfterMs = transport ? Math.floor(probing++ / PROBES_AT_ONCE) * PROBE_GROUP_GAP_MS : 0;
      this.queues.set(p.id, new PrintQueue(p.id, p.desk, transport, p.url, { ...opts, firstProbeAfterMs }));
      this.configs.set(p.id, p);
    }
  }

  static fromHall(hall: HallConfig, env: { ONEWINDOW_PRINTER?: string } = {}, opts: PrinterPoolOptions = {}): PrinterPool {
    return new PrinterPool(hall, printersFromConfig(hall, env), opts);
  }

  printerForDesk(desk: string): PrinterConfig | undefined {
    return [...this.configs.values()].find((p) => p.desk === desk);
  }

  layoutFor(req: Omit<PrintRequest, 'desk'>): LayoutInput {
    const base = req.publicUrl ?? this.hall.publicUrl ?? 'http://localhost:3000';
    const input: LayoutInput = {
      hall: this.hall,
      ticket: req.ticket,
      statusUrl: statusUrl(base, req.ticket.id, req.ratingKey),
      materials: materialsFor(req.ticket.serviceId, this.hall, this.opts.knowledgeBase),
    };
    if (req.estimatedWaitMinutes !== undefined) input.estimatedWaitMinutes = req.estimatedWaitMinutes;
    if (req.reprint) input.reprint = true;
    return input;
  }

  printTicket(req: PrintRequest): PrintOutcome {
    const cfg = this.printerForDesk(req.desk);
    if (!cfg) return { queued: false, reason: 'no_printer', message: `no printer is configured for desk "${req.desk}"` };
    const queue = this.queues.get(cfg.id)!;
    const data = renderEscPos(ticketLayout(this.layoutFor(req)), { width: cfg.width });
    const job = queue.enqueue(req.ticket.id, data);
    return { queued: true, printer: cfg.id, jobId: job.id, status: queue.status() };
  }

  statuses(): PrinterStatus[] {
    return [...this.queues.values()].map((q) => q.status());
  }

  queue(id: string): PrintQueue | undefined {
    return this.queues.get(id);
  }

  async idle(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.idle()));
  }

  close(): void {
    for (const q of this.queues.values()) q.close();
  }
}
