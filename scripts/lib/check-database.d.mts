export function sqliteFileOf(url: string, cwd?: string): string;
export function checkDatabaseUrl(url: string, cwd?: string): Promise<string | null>;
