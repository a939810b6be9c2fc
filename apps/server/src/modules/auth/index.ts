/** The auth module as the rest of the server uses it: who a presented session or token belongs to. */
export { authenticate } from './auth.service';
