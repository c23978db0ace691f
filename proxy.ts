import { NextResponse, type NextRequest } from "next/server";
import { securityHeaders } from "./lib/security/headers";

// Next 16's proxy (formerly middleware): a fresh CSP nonce per request. Next reads the policy from
// the request headers and puts the nonce on its own scripts; the same policy goes on the response
// with the other security headers. /embed/* and /api/oembed may be framed by any site; nothing
// else may be framed.

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? request.nextUrl.protocol.replace(":", "");
  const headers = securityHeaders(request.nextUrl.pathname, nonce, {
    secure: proto === "https",
    dev: process.env.NODE_ENV === "development",
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  for (const [name, value] of headers) if (name === "Content-Security-Policy") requestHeaders.set(name, value);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of headers) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    // Everything but static build assets and the favicon.
    { source: "/((?!_next/static|_next/image|favicon.ico).*)" },
  ],
};
