// Roles of API keys, ordered: each role may do everything the roles before it may.
//   viewer  reads
//   editor  also writes data (mutations) and generates briefs
//   admin   also manages API keys, schedules and imports, and reads the audit log
export const roles = ["viewer", "editor", "admin"] as const;
export type Role = (typeof roles)[number];

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** Whether `role` (null: anonymous) may do what `required` may. */
export function atLeast(role: Role | null, required: Role): boolean {
  return role !== null && roles.indexOf(role) >= roles.indexOf(required);
}
