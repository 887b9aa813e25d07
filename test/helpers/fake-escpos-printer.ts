// The tests' network thermal printer is the virtual printer the demo runs (ticket-printer/
// virtual-printer.ts): a real TCP server on loopback that decodes the ESC/POS it receives.
export { VirtualPrinter as FakeEscPosPrinter } from '../../ticket-printer/virtual-printer.ts';
export { EscPosDecoder, ticketText, type PrintedLine, type PrintedTicket } from '../../ticket-printer/escpos-decoder.ts';
