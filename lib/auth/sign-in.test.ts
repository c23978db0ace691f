import { describe, expect, it } from "vitest";
import { uniqueToken } from "../../prisma/factories";
import { getDb } from "../db";
import { signedInUser, TEST_PASSWORD } from "../testing/auth";
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP } from "./rate-limit";
import { sessionUserFrom } from "./session";
import { signInWithPassword } from "./sign-in";
import { createUserWithPassword, findSetPasswordUser, inviteUser, setPasswordWithToken } from "./users";

const fromIp = (ip: string) => new Headers({ "x-forwarded-for": ip });
const email = () => `user-${uniqueToken()}@example.test`;
const ip = () => `10.${[1, 2, 3].map(() => Math.floor(Math.random() * 250)).join(".")}`;

describe("sign-in", () => {
  it("accepts the right password, hashed by Better Auth, and refuses a wrong one without saying which part", async () => {
    const e = email();
    await createUserWithPassword({ email: e, role: "EDITOR", password: TEST_PASSWORD });
    const stored = await getDb().account.findFirstOrThrow({ where: { user: { email: e } } });
    expect(stored.password).not.toContain(TEST_PASSWORD);
    expect(await signInWithPassword(e, TEST_PASSWORD, fromIp(ip()))).toMatchObject({ ok: true });
    expect(await signInWithPassword(e, "wrong password!", fromIp(ip()))).toEqual({
      ok: false,
      limited: false,
      message: "The email or password is incorrect.",
    });
    expect(await signInWithPassword(email(), TEST_PASSWORD, fromIp(ip()))).toMatchObject({
      ok: false,
      message: "The email or password is incorrect.",
    });
  });

  it("locks an account after repeated failures, even with the right password, from any address", async () => {
    const e = email();
    await createUserWithPassword({ email: e, role: "EDITOR", password: TEST_PASSWORD });
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) await signInWithPassword(e, "wrong password!", fromIp(ip()));
    const result = await signInWithPassword(e, TEST_PASSWORD, fromIp(ip()));
    expect(result).toMatchObject({ ok: false, limited: true });
    expect(result.ok === false && result.message).toMatch(/Too many failed sign-in attempts for this account\. Try again in \d+ minutes?\./);
  });

  it("limits one address trying many accounts", async () => {
    const address = ip();
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) await signInWithPassword(email(), "wrong password!", fromIp(address));
    const e = email();
    await createUserWithPassword({ email: e, role: "EDITOR", password: TEST_PASSWORD });
    expect(await signInWithPassword(e, TEST_PASSWORD, fromIp(address))).toMatchObject({ ok: false, limited: true });
    expect(await signInWithPassword(e, TEST_PASSWORD, fromIp(ip()))).toMatchObject({ ok: true });
  });

  it("resolves a session cookie to its user and role; a disabled account has no session", async () => {
    const admin = await signedInUser("ADMIN");
    expect(await sessionUserFrom(new Headers({ cookie: admin.cookie }))).toMatchObject({ id: admin.id, role: "ADMIN" });
    expect(await sessionUserFrom(new Headers())).toBeNull();
    await getDb().user.update({ where: { id: admin.id }, data: { disabled: true } });
    expect(await sessionUserFrom(new Headers({ cookie: admin.cookie }))).toBeNull();
  });

  it("invites with a one-time set-password link", async () => {
    const e = email();
    const { token } = await inviteUser({ email: e, name: "New Editor", role: "EDITOR" });
    expect(await signInWithPassword(e, TEST_PASSWORD, fromIp(ip()))).toMatchObject({ ok: false });
    expect(await findSetPasswordUser(token)).toMatchObject({ email: e });
    await setPasswordWithToken(token, TEST_PASSWORD);
    expect(await signInWithPassword(e, TEST_PASSWORD, fromIp(ip()))).toMatchObject({ ok: true });
    await expect(setPasswordWithToken(token, "another password")).rejects.toThrow(/invalid or has expired/);
  });
});
