// Types for scripts/lib/shared-cache.mjs (plain Node, no build step), for the benchmark.
export declare const NGINX: string;
export declare function ensureNginx(): void;
export declare function nginxConfig(options: { prefix: string; port: number; upstreams: string[]; staticDir?: string }): string;
export declare function startSharedCache(options: {
  databaseUrl: string;
  port: number;
  appPorts: number[];
  pageCacheSeconds: number;
  prefix?: string;
  staticDir?: string;
  env?: Record<string, string>;
}): Promise<{ url: string; pids: number[]; stop(): Promise<void> }>;
