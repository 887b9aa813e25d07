// Entry of the virtual printer's page bundle (/assets/printer.js).
import './ow-printer-slips.ts';
