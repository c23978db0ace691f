// Cross-site writes are refused before anything else runs (proxy.ts). Next checks a server
// action's Origin itself, but answers a mismatch with a 500; this answers it with a 403 first.
// The host compared against is the one the client addressed: X-Forwarded-Host only when a
// trusted proxy wrote it (lib/http/forwarded.ts drops it otherwise), else Host.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isCrossOriginWrite(method: string, headers: Headers): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  const origin = headers.get("origin");
  // Browsers send Origin with every cross-site POST; without one the request is not from a page.
  if (origin === null) return false;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (!host) return true;
  try {
    const parsed = new URL(origin);
    return !/^https?:$/.test(parsed.protocol) || parsed.host.toLowerCase() !== host.toLowerCase();
  } catch {
    // "null" (a sandboxed or privacy-sensitive context) or garbage.
    return true;
  }
}
