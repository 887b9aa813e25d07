// The browser entry: defines every page element. Each page's HTML holds one of them.
import './elements/ow-wall.ts';
import './elements/ow-window-led.ts';
import './elements/ow-triage.ts';
import './elements/ow-clerk.ts';
import './elements/ow-kiosk.ts';
import './elements/ow-ticket-status.ts';
import './staff-admin/ow-staff-admin.ts';
