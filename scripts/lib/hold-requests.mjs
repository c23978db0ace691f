// Preloaded into `next start` (NODE_OPTIONS=--import, set by scripts/start.mjs and
// scripts/serve-e2e.mjs) so that no request reaches Next before the request guard
// (lib/http/install-request-guard.ts, installed by instrumentation.ts) can screen it. Next starts
// listening before it loads instrumentation.ts; a request arriving in between (a TRACE, say)
// would skip the guard. Until the guard installs itself here, requests are held (Next would make
// them wait for its start-up anyway), then handed to it in order.
import http from "node:http";

const KEY = Symbol.for("sourceline.requestHold");
if (!globalThis[KEY]) {
  const original = http.Server.prototype.emit;
  const held = [];
  let delegate = null;
  let timer = null;

  const release = (emit) => {
    clearTimeout(timer);
    for (const [server, args] of held.splice(0)) emit.call(server, "request", ...args);
  };

  http.Server.prototype.emit = function (event, ...args) {
    if (delegate) return delegate.call(this, event, ...args);
    if (event !== "request") return original.call(this, event, ...args);
    held.push([this, args]);
    // Should the app never install its guard, serve what was held rather than hang.
    timer ??= setTimeout(() => {
      console.error("request guard: not installed after 60 s; serving held requests unscreened");
      delegate = original;
      release(original);
    }, 60_000);
    return true;
  };

  globalThis[KEY] = {
    original,
    install(guard) {
      delegate = guard;
      release(guard);
    },
  };
}
