import { resolve } from "node:path";
import { UsageError } from "../errors.ts";
import { isPostgresUrl, PostgresStore } from "../store/postgres.ts";
import { SqliteStore } from "../store/sqlite.ts";
import type { Store } from "../store/store.ts";

/** Where redline keeps its database: --data-dir, else REDLINE_DATA_DIR, else ./.redline. */
export function dataDir(option?: string): string {
  return resolve(option ?? process.env.REDLINE_DATA_DIR ?? ".redline");
}

/** Open the store: PostgreSQL when DATABASE_URL is a postgres:// address, else SQLite in the data directory. */
export function openStore(dir: string, env: NodeJS.ProcessEnv = process.env): Store {
  const url = env.DATABASE_URL;
  if (url !== undefined && url !== "" && !isPostgresUrl(url)) {
    throw new UsageError("DATABASE_URL must be a postgres:// or postgresql:// address (unset it for SQLite)");
  }
  return isPostgresUrl(url) ? new PostgresStore(url) : SqliteStore.open(dir);
}

/** Print a line to stderr (messages for people; stdout stays for data). */
export function say(line: string): void {
  process.stderr.write(`${line}\n`);
}
