import type { Role } from '@kalendaryo/contract';

export const roleLabels: Record<Role, string> = {
  admin: 'Administrator',
  coordinator: 'Coordinator',
  staff: 'Staff',
  viewer: 'Viewer',
};
