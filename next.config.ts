import type { NextConfig } from "next";
import { HTML_LIMITED_BOT_UA_RE } from "next/dist/shared/lib/router/utils/html-bots";
import { PAGE_FILL_USER_AGENT } from "./lib/cache/fill-agent";

const nextConfig: NextConfig = {
  // A separate build folder lets a second build (for example a benchmark's) run beside the main one.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  typedRoutes: false,
  // Next's own list of crawlers that get a page's metadata in its head, plus the page cache's
  // render requests (lib/cache/fill-agent.ts).
  htmlLimitedBots: new RegExp(`${HTML_LIMITED_BOT_UA_RE.source}|${PAGE_FILL_USER_AGENT}`, "i"),
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          // Framing (X-Frame-Options, CSP frame-ancestors), the CSP nonce and HSTS are set per
          // request by proxy.ts, which lets /embed/* and /api/oembed be framed.
        ],
      },
    ];
  },
};

export default nextConfig;
