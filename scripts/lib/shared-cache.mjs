// nginx (the Debian package) with proxy_cache in front of two app instances on one database:
// the set-up README "Speed and caching" describes, started on one machine. Used by
// `npm run start:shared-cache` and by the shared-cache end-to-end tests.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { bin, quietEnv, root, withRequestHold } from "./run.mjs";

export const NGINX = "/usr/sbin/nginx";

/** Installs Debian's nginx when it is missing and this runs as root; otherwise says what to do. */
export function ensureNginx() {
  if (existsSync(NGINX)) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot) throw new Error(`${NGINX} is missing: install Debian's nginx package (apt-get install nginx).`);
  console.log("Installing Debian's nginx package…");
  for (const args of [["update", "-qq"], ["install", "-y", "-qq", "nginx"]]) {
    const r = spawnSync("apt-get", args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed`);
  }
}

/**
 * The nginx configuration. Readers' pages are kept as long as the app's Cache-Control allows
 * (s-maxage: what is left of PAGE_CACHE_SECONDS); a request carrying a session cookie is passed
 * through and never stored; a stale page is served while one request fetches the new one, and
 * when the app answers 503 under overload (stale-if-error).
 */
export function nginxConfig({ prefix, port, upstreams, staticDir }) {
  return `# Written by scripts/lib/shared-cache.mjs.
worker_processes auto;
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${prefix}/client_body;
  proxy_temp_path ${prefix}/proxy_temp;
  fastcgi_temp_path ${prefix}/fastcgi_temp;
  uwsgi_temp_path ${prefix}/uwsgi_temp;
  scgi_temp_path ${prefix}/scgi_temp;
  types { text/html html; }
  default_type application/octet-stream;

  proxy_cache_path ${prefix}/cache levels=1:2 keys_zone=sourceline:16m max_size=512m inactive=10m use_temp_path=off;

  upstream sourceline {
${upstreams.map((u) => `    server ${u};`).join("\n")}
    keepalive 64;
  }

  # A signed-in editor's requests go to the app and their responses are never stored.
  map $http_cookie $sourceline_session {
    default 0;
    "~(^|;\\s*)(__Secure-)?sourceline\\.session_token=" 1;
  }

  server {
    listen 127.0.0.1:${port};

${staticDir ? `    # The benchmark's ceiling: the same bytes as a file.
    location /__static/ { alias ${staticDir}/; types { text/html html; } }

` : ""}    location / {
      proxy_pass http://sourceline;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Host $http_host;

      proxy_cache sourceline;
      proxy_cache_key $scheme$http_host$request_uri;
      proxy_cache_bypass $sourceline_session;
      proxy_no_cache $sourceline_session;
      # Revalidate with the page's validators (a 304 costs the app no body).
      proxy_cache_revalidate on;
      # One request fetches a missing or expired page; the others wait for it, or get the stale
      # copy while it is being fetched or when the app cannot answer.
      proxy_cache_lock on;
      proxy_cache_lock_timeout 5s;
      proxy_cache_use_stale updating error timeout http_500 http_502 http_503 http_504;
      add_header X-Cache-Status $upstream_cache_status always;
    }
  }
}
`;
}

async function waitFor(url, ms) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(url, { headers: { accept: "text/html" } });
      await r.arrayBuffer();
      if (r.status < 500) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > until) throw new Error(`${url} did not answer within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Starts two `next start` instances on appPorts and nginx on port, all on loopback. The app must
 * be built and the database migrated. Returns a stop() that ends all three.
 */
export async function startSharedCache({ databaseUrl, port, appPorts, pageCacheSeconds, prefix = path.join(root, ".data", `shared-cache-${port}`), staticDir, env = {} }) {
  ensureNginx();
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(path.join(prefix, "cache"), { recursive: true });
  const conf = path.join(prefix, "nginx.conf");
  writeFileSync(conf, nginxConfig({ prefix, port, upstreams: appPorts.map((p) => `127.0.0.1:${p}`), staticDir }));
  const secret = process.env.BETTER_AUTH_SECRET || randomBytes(32).toString("base64url");
  const children = [];
  const stop = async () => {
    for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null)));
  };
  try {
    for (const appPort of appPorts) {
      const child = spawn(bin("next"), ["start", "-H", "127.0.0.1", "-p", String(appPort)], {
        cwd: root,
        stdio: ["ignore", "inherit", "inherit"],
        env: {
          ...process.env,
          ...quietEnv,
          ...env,
          DATABASE_URL: databaseUrl,
          PORT: String(appPort),
          // Both instances sign and read the same sessions, behind one proxy.
          BETTER_AUTH_SECRET: secret,
          TRUSTED_PROXY_HOPS: "1",
          PAGE_CACHE_SECONDS: String(pageCacheSeconds),
          NODE_OPTIONS: withRequestHold(),
        },
      });
      children.push(child);
    }
    for (const appPort of appPorts) await waitFor(`http://127.0.0.1:${appPort}/robots.txt`, 60_000);
    const nginx = spawn(NGINX, ["-p", prefix, "-c", conf], { stdio: ["ignore", "inherit", "inherit"] });
    children.push(nginx);
    await waitFor(`http://127.0.0.1:${port}/robots.txt`, 20_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: `http://127.0.0.1:${port}`, pids: children.map((c) => c.pid), stop };
}
