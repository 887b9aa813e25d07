// The dashboard bundle's entry.
import './ow-dashboard.ts';
