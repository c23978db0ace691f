"use client";

import { useEffect } from "react";
import { thaw } from "@/lib/reader/frozen";

// See lib/reader/frozen.ts. On the server this renders the HTML kept under `frozenKey`; in the
// browser, during hydration, the same HTML is already in the page, and React is given exactly
// that, so it keeps it as it is, and remembers it: Back to this page from a client-side navigation
// renders the same keys again, once the page has left the document. A client-side navigation or
// refresh to another render brings keys with no HTML in this document: the browser then loads the
// address as a document, which carries its HTML. Links into such pages are plain `<a>`s, so that
// this stays the exception.

/** The HTML this document was loaded with, by key. */
const loaded = new Map<string, string>();
/** A page has several frozen parts, each finding its HTML missing at once: the page loads once. */
let reloading = false;

function fromPage(frozenKey: string): string | null {
  if (typeof document === "undefined") return null;
  const known = loaded.get(frozenKey);
  if (known !== undefined) return known;
  const el = document.querySelector(`[data-frozen="${CSS.escape(frozenKey)}"]`);
  if (!el) return null;
  loaded.set(frozenKey, el.innerHTML);
  return el.innerHTML;
}

export function FrozenHtml({ frozenKey, className }: { frozenKey: string; className?: string }) {
  const html = typeof window === "undefined" ? thaw(frozenKey) : fromPage(frozenKey);
  useEffect(() => {
    if (html !== null || reloading) return;
    reloading = true;
    window.location.reload();
  }, [html]);
  return <div data-frozen={frozenKey} className={className} dangerouslySetInnerHTML={{ __html: html ?? "" }} />;
}
