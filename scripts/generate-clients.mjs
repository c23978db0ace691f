// Generates both Prisma clients (SQLite and PostgreSQL). @prisma/client's own postinstall
// generates only one; the app picks between them at run time from DATABASE_URL.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const prisma = path.join(root, "node_modules", ".bin", "prisma");
const base = { ...process.env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" };

for (const [schema, url] of [
  ["prisma/sqlite/schema.prisma", "file:./prisma/dev.db"],
  // generating needs a syntactically valid URL only; nothing connects to it
  ["prisma/postgresql/schema.prisma", "postgresql://generate:only@localhost:5432/generate"],
]) {
  execFileSync(prisma, ["generate", "--schema", schema], {
    cwd: root,
    stdio: "inherit",
    env: { ...base, DATABASE_URL: url },
  });
}
