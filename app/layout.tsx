import type { Metadata, Viewport } from "next";
import Link from "next/link";
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

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-white font-sans text-zinc-900 antialiased dark:bg-[#0b0f19] dark:text-zinc-100">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-zinc-900"
        >
          Skip to content
        </a>
        <header className="border-b border-zinc-200 dark:border-zinc-800">
          <div className="mx-auto flex max-w-4xl items-baseline justify-between gap-4 px-4 py-3">
            <Link href="/" className="font-serif text-xl font-bold tracking-tight">
              Sourceline
            </Link>
            <p className="hidden text-sm text-zinc-600 sm:block dark:text-zinc-400">
              A timeline of record: who said what, when, and how solid it is
            </p>
          </div>
        </header>
        <main id="main" className="mx-auto max-w-4xl px-4 py-6">
          {children}
        </main>
        <footer className="mx-auto max-w-4xl border-t border-zinc-200 px-4 py-6 text-sm text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
          <p>
            Status labels follow the record: <strong>on the record</strong>, <strong>officially confirmed</strong>,{" "}
            <strong>media-reported, not officially confirmed</strong>, <strong>denied</strong>,{" "}
            <strong>declined to confirm</strong>, <strong>disputed</strong>, <strong>retracted</strong>.
          </p>
        </footer>
      </body>
    </html>
  );
}
