// Runs once per server process, before Next handles its first request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // Screens every request before Next sees it (unusual methods, undecodable paths, forwarded
    // headers from untrusted clients): lib/http/install-request-guard.ts.
    const { installRequestGuard } = await import("./lib/http/install-request-guard");
    installRequestGuard();
    // On PostgreSQL, hears other instances' changes (page cache, live streams): lib/live/notify.ts.
    const { startChangeListener } = await import("./lib/live/notify");
    void startChangeListener();
  }
}
