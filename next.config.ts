import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // A separate build folder lets a second build (for example a benchmark's) run beside the main one.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  typedRoutes: false,
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
