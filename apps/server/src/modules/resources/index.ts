/**
 * The resources module as other modules use it: loading resources with their booking rules,
 * presenting them, and who manages and approves them.
 */
export { canApprove, isManager, seesAllBookings } from './resources.policy';
export {
  createResource,
  findResourcePage,
  loadResource,
  loadResources,
  presentResource,
  type ResourceRecord,
} from './resources.service';
