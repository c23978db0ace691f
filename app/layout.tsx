import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import { siteUrl } from "@/lib/site";
import "./globals.css";

export const metadata: Metadata = {
  metadataBase: new URL(siteUrl()),
  title: { default: "Sourceline", template: "%s · Sourceline" },
  description: "A timeline of record for a developing news story: who said what, when, and how solid it is.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#0b0f19" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request, so that Next puts this request's CSP nonce (proxy.ts) on
  // its scripts. A page prerendered at build time (/api, the 404 page) would carry the build's
  // nonce, and the browser would block its scripts.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen bg-white font-sans text-zinc-900 antialiased dark:bg-[#0b0f19] dark:text-zinc-100">
        {children}
      </body>
    </html>
  );
}
