import { resolve } from "node:path";
import { SqliteStore } from "../store/sqlite.ts";
import type { Store } from "../store/store.ts";

/** Where redline keeps its database: --data-dir, else REDLINE_DATA_DIR, else ./.redline. */
export function dataDir(option?: string): string {
  return resolve(option ?? process.env.REDLINE_DATA_DIR ?? ".redline");
}

/** Open the store of a data directory. */
export function openStore(dir: string): Store {
  return SqliteStore.open(dir);
}

/** Print a line to stderr (messages for people; stdout stays for data). */
export function say(line: string): void {
  process.stderr.write(`${line}\n`);
}
