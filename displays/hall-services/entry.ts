// Entry of the hall-services bundle: every page element it serves.
import '../book/ow-book.ts';
import '../backoffice/ow-backoffice.ts';
import '../clerk-assist/ow-clerk-assist.ts';
import '../check-in/ow-check-in.ts';
