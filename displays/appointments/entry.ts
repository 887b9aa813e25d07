// Entry of the hall-services bundle: every page element it serves.
import './book/ow-book.ts';
import '../assist/backoffice/ow-backoffice.ts';
import '../assist/clerk-assist/ow-clerk-assist.ts';
import './check-in/ow-check-in.ts';
