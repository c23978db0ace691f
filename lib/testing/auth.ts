import { uniqueToken } from "../../prisma/factories";
import { getAuth } from "../auth/auth";
import type { Role } from "../auth/roles";
import { createUserWithPassword } from "../auth/users";

export const TEST_PASSWORD = "correct horse battery staple";

/** A new account with the role, signed in through Better Auth: its id and a Cookie header. */
export async function signedInUser(role: Role): Promise<{ id: string; email: string; cookie: string }> {
  const email = `${role.toLowerCase()}-${uniqueToken()}@example.test`;
  const user = await createUserWithPassword({ email, role, password: TEST_PASSWORD, name: `Test ${role}` });
  const response = await getAuth(false).api.signInEmail({
    body: { email, password: TEST_PASSWORD },
    asResponse: true,
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  if (!cookie.includes("session_token")) throw new Error(`Sign-in failed: ${response.status}`);
  return { id: user.id, email, cookie };
}
