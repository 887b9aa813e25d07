// Entry of the appointments pages' bundle: every page element it serves.
import './book/ow-book.ts';
import './check-in/ow-check-in.ts';
