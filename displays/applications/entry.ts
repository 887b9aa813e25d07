// Entry of the applications pages' bundle: every page element it serves.
import './status/ow-application-status.ts';
import './backoffice/ow-application-list.ts';
import './pickup/ow-pickup-desk.ts';
