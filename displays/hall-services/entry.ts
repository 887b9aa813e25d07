// Entry of the hall-services bundle: every page element it serves.
import '../book/ow-book.ts';
import '../backoffice/ow-backoffice.ts';
