"use client";

import { useEffect } from "react";
import { thaw } from "@/lib/reader/frozen";

// See lib/reader/frozen.ts. On the server this renders the HTML kept under `frozenKey`; in the
// browser, during hydration, the same HTML is already in the page, and React is given exactly
// that, so it keeps it as it is. A client-side navigation or refresh brings a key with no HTML in
// this page: the browser then loads the address as a document, which carries its HTML.

function fromPage(frozenKey: string): string | null {
  if (typeof document === "undefined") return null;
  const el = document.querySelector(`[data-frozen="${CSS.escape(frozenKey)}"]`);
  return el ? el.innerHTML : null;
}

export function FrozenHtml({ frozenKey, className }: { frozenKey: string; className?: string }) {
  const html = typeof window === "undefined" ? thaw(frozenKey) : fromPage(frozenKey);
  useEffect(() => {
    if (html === null) window.location.reload();
  }, [html]);
  return <div data-frozen={frozenKey} className={className} dangerouslySetInnerHTML={{ __html: html ?? "" }} />;
}
