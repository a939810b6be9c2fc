/**
 * The users module as other modules use it: creating and looking up users, their presentation,
 * and password hashing (the users table holds the hashes). Lookups take a `Queryable` so they
 * can run inside the caller's transaction.
 */
export { ensureFirstAdmin } from './bootstrap';
export { burnVerification, hashPassword, needsRehash, verifyPassword } from './password';
export { assertStrongPassword } from './password-policy';
export {
  findUserByEmail,
  findUserById,
  presentUser,
  touchSignIn,
  type UserRow,
} from './users.repository';
export {
  countUsers,
  createFirstAdmin,
  createUser,
  getUser,
  listUsers,
  needsSetup,
  setPasswordHash,
  updateSelf,
} from './users.service';
