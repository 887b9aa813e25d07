// Entry of the ratings bundle (/assets/ratings.js): the rating device page.
import './ow-rating-device.ts';
