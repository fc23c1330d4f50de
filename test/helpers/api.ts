import { buildServer, type ServerOptions } from "../../src/api/server.ts";
import { Catalog } from "../../src/catalog.ts";
import { planImport } from "../../src/sources/detect.ts";
import { importJob } from "../../src/sources/import.ts";
import { SqliteStore } from "../../src/store/sqlite.ts";
import { DEMO } from "./cli.ts";
import { tempDir } from "./tmp.ts";

/** A data directory with the demo OFAC list imported, and its open store. */
export async function demoStore(): Promise<{ dir: string; store: SqliteStore }> {
  const dir = tempDir();
  const store = SqliteStore.open(dir);
  for (const job of await planImport([DEMO], "ofac")) await importJob(store, job);
  return { dir, store };
}

/** A server over the demo list; anonymous access unless told otherwise. */
export async function demoServer(opts: Partial<ServerOptions> = {}) {
  const { dir, store } = await demoStore();
  const catalog = await Catalog.load(store);
  const app = await buildServer(catalog, { store, allowAnonymous: true, ...opts });
  return { dir, store, catalog, app };
}
