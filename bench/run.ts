/**
 * `npm run bench`: Kalendaryo's benchmarks. Figures are measurements, printed as tables, not
 * pass/fail tests; run on a quiet machine and compare runs, not single numbers.
 * BENCH_ONLY=http,recurrence,feed,dense-feed,bookings,notifications picks workloads.
 */
import { benchBookings } from './bookings';
import { benchDenseFeed } from './dense-feed';
import { benchFeed } from './feed';
import { benchHttp } from './http';
import { benchNotifications } from './notifications';
import { benchRecurrence } from './recurrence';

const only = process.env.BENCH_ONLY?.split(',');
const want = (name: string) => !only || only.includes(name);

console.log(`Kalendaryo bench — Node ${process.version}, ${new Date().toISOString()}`);
if (want('recurrence')) benchRecurrence();
if (want('feed')) await benchFeed();
if (want('dense-feed')) await benchDenseFeed();
if (want('http')) await benchHttp();
if (want('bookings')) await benchBookings();
if (want('notifications')) await benchNotifications();
