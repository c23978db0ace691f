// Roles, shared by the server guards and the editor's pages. No server-only imports.

export const ROLES = ["EDITOR", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABEL: Record<Role, string> = { EDITOR: "Editor", ADMIN: "Admin" };

/** An admin can do everything an editor can. */
export function hasRole(actual: Role, required: Role): boolean {
  return required === "EDITOR" ? actual === "EDITOR" || actual === "ADMIN" : actual === "ADMIN";
}

export type SessionUser = { id: string; email: string; name: string; role: Role };
