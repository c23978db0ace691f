import { prepareDatabase } from "./datasets";
const kind = (process.argv[2] ?? "sqlite") as "sqlite" | "postgresql";
const size = Number(process.argv[3] ?? 1000);
const label = size >= 1e6 ? `${size / 1e6}m` : `${size / 1000}k`;
await prepareDatabase(kind, label, [{ slug: `bench-${label}`, events: size, isDefault: true }], { log: console.log });
