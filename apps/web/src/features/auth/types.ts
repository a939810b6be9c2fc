// Mirrors packages/contract/src/users.ts and auth.ts (kept local so the bundle needs no zod).

export const roles = ['admin', 'coordinator', 'staff', 'viewer'] as const;
export type Role = (typeof roles)[number];

export const isRole = (v: unknown): v is Role =>
  typeof v === 'string' && (roles as readonly string[]).includes(v);

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  timeZone?: string;
  createdAt: string;
  lastSignInAt: string | null;
}

export interface Session {
  user: User;
  csrfToken: string | null;
}

export interface SetupStatus {
  needsSetup: boolean;
}
