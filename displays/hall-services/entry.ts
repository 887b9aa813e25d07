// Entry of the hall-services bundle: every page element it serves.
import '../book/ow-book.ts';
