/** The demo seed as the command line uses it: a realistic office to try Kalendaryo with. */
export { DEMO_PASSWORD, seedDemo } from './demo';
