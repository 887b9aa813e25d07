// Entry of the assist pages' bundle: every page element it serves.
import './backoffice/ow-backoffice.ts';
import './clerk-assist/ow-clerk-assist.ts';
