// Stands in for the `server-only` package under Vitest, where importing the real one throws
// (it only resolves to an empty module under Next's "react-server" condition).
export {};
