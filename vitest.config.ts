import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      // `import "server-only"` throws outside Next's react-server condition.
      { find: /^server-only$/, replacement: path.join(root, "lib/testing/server-only-stub.ts") },
      { find: /^@\//, replacement: `${root}/` },
    ],
  },
  test: {
    environment: "node",
    include: ["lib/**/*.test.ts", "prisma/**/*.test.ts", "scripts/**/*.test.ts"],
    // Every test file gets its own temporary database (lib/testing/setup-db.ts); running the files
    // one at a time keeps the PostgreSQL connection count and the load on small machines low.
    fileParallelism: false,
    setupFiles: ["lib/testing/setup-db.ts"],
    // Creating and migrating a PostgreSQL database takes a moment on a small machine, and a busy CI
    // machine may be several times slower than a quiet one: timeouts catch hangs, not slowness.
    hookTimeout: 120_000,
    testTimeout: 120_000,
  },
});
