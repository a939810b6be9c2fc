/** The communities module as other modules use it: registering communities. */
export { createCommunity } from './communities.service';
