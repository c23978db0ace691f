import type { SessionUser } from "../auth/roles";
import { signedInUser } from "./auth";

/** A signed-in editor as the editor's write paths take it (revisions name a real account). */
export async function testEditor(): Promise<SessionUser> {
  const u = await signedInUser("EDITOR");
  return { id: u.id, email: u.email, name: "Test Editor", role: "EDITOR" };
}
