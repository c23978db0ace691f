import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// DESIGN.md: Prisma needs one provider per schema file, so there are two; they must describe the
// same models. Only the generator's output folder and the datasource block may differ.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const read = (provider: string) => readFileSync(path.join(root, "prisma", provider, "schema.prisma"), "utf8");

/** The schema minus what legitimately differs per provider, with comments and spacing normalised. */
function normaliseSchema(schema: string): string {
  return schema
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .split("\n")
    // a line comment, unless the "//" sits inside a string literal
    .map((line) => line.replace(/^((?:[^"\n/]|"[^"\n]*"|\/(?!\/))*)\/\/.*$/, "$1"))
    .filter((line) => !/^\s*output\s*=/.test(line))
    .join("\n")
    .replace(/datasource\s+\w+\s*\{[^}]*\}/g, "")
    .split("\n")
    .map((line) => line.trim().replace(/\s+/g, " "))
    .filter((line) => line.length > 0)
    .join("\n");
}

function migrationNames(provider: string): string[] {
  return readdirSync(path.join(root, "prisma", provider, "migrations"), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

describe("the SQLite and PostgreSQL schemas", () => {
  const sqlite = read("sqlite");
  const postgres = read("postgresql");

  it("describe identical models once the generator output and the datasource are set aside", () => {
    expect(normaliseSchema(sqlite)).toBe(normaliseSchema(postgres));
  });

  it("really are compared: the normaliser keeps models, enums and attributes", () => {
    const normal = normaliseSchema(sqlite);
    expect(normal).toContain("model Event {");
    expect(normal).toContain("enum ClaimStatus {");
    expect(normal).toContain("slug String @unique");
    expect(normal).not.toMatch(/datasource|provider = "sqlite"|output =/);
  });

  it("would detect drift: a changed field, a changed attribute or a missing enum value", () => {
    const baseline = normaliseSchema(postgres);
    const changedType = sqlite.replace(/(\n\s*headline\s+)String/, "$1String?");
    const changedAttribute = sqlite.replace("approximate     Boolean       @default(false)", "approximate     Boolean       @default(true)");
    const missingEnumValue = sqlite.replace(/\n\s*SUPERSEDED\n/, "\n");
    for (const drifted of [changedType, changedAttribute, missingEnumValue]) {
      expect(drifted).not.toBe(sqlite);
      expect(normaliseSchema(drifted)).not.toBe(baseline);
    }
  });

  it("ignore comments and spacing only", () => {
    const reformatted = sqlite.replace(/model Tag \{/, "// a new comment\nmodel   Tag {  // trailing");
    expect(normaliseSchema(reformatted)).toBe(normaliseSchema(postgres));
  });

  it("have the same migrations, by folder name", () => {
    const names = migrationNames("sqlite");
    expect(names.length).toBeGreaterThan(0);
    expect(migrationNames("postgresql")).toEqual(names);
  });
});
