// The browser entry: defines every page element. Each page's HTML holds one of them.
import './pages/wall/ow-wall.ts';
import './pages/window-led/ow-window-led.ts';
import './pages/triage/ow-triage.ts';
import './pages/clerk/ow-clerk.ts';
import './pages/kiosk/ow-kiosk.ts';
import './pages/ticket-status/ow-ticket-status.ts';
import './staff/ow-staff-admin.ts';
