// `npm run user:create -- --email you@example.org --role admin [--name "Your Name"]`
// Creates an account (the first admin, typically). The password is prompted for without echo on
// a terminal, or read from the first line of standard input when piped (for scripts and tests).
import { parseArgs } from "node:util";
import { disconnectDb } from "../lib/db";
import { DomainError } from "../lib/errors";
import { ROLES, type Role } from "../lib/auth/roles";
import { createUserWithPassword } from "../lib/auth/users";

function readHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stdout.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding("utf8");
    let value = "";
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off("data", onData);
          process.stdout.write("\n");
          resolve(value);
          return;
        }
        if (ch === "\u0003") {
          stdin.setRawMode(false);
          reject(new Error("Cancelled."));
          return;
        }
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on("data", onData);
  });
}

async function readPiped(): Promise<string> {
  let data = "";
  for await (const chunk of process.stdin) data += chunk;
  return data.split(/\r?\n/)[0] ?? "";
}

async function main() {
  const { values } = parseArgs({
    options: { email: { type: "string" }, role: { type: "string", default: "editor" }, name: { type: "string" } },
  });
  const role = (values.role ?? "editor").toUpperCase();
  if (!values.email) throw new DomainError("Usage: npm run user:create -- --email you@example.org --role admin|editor [--name NAME]");
  if (!(ROLES as readonly string[]).includes(role)) throw new DomainError(`--role must be one of: ${ROLES.join(", ").toLowerCase()}`);
  let password: string;
  if (process.stdin.isTTY) {
    password = await readHidden("Password: ");
    const again = await readHidden("Repeat the password: ");
    if (password !== again) throw new DomainError("The two passwords differ.");
  } else {
    password = await readPiped();
  }
  const user = await createUserWithPassword({ email: values.email, name: values.name, role: role as Role, password });
  console.log(`Created ${user.role.toLowerCase()} ${user.email}. Sign in at /editor/sign-in.`);
}

main()
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  .finally(() => disconnectDb());
