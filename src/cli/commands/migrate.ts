import { migrateQueue } from "../../jobs/worker.ts";
import { PostgresStore } from "../../store/postgres.ts";
import { SqliteStore } from "../../store/sqlite.ts";
import { dataDir, openStore, say } from "../context.ts";

/** `redline migrate`: bring the database schema up to date (every command also does so on start). */
export async function migrateCommand(opts: { dataDir?: string }): Promise<void> {
  const store = openStore(dataDir(opts.dataDir));
  try {
    if (store instanceof PostgresStore) {
      const { applied, version } = await store.ready;
      for (const m of applied) say(`applied migration ${m.version} (${m.name})`);
      say(`PostgreSQL schema at version ${version}${applied.length === 0 ? ", already up to date" : ""}`);
      await migrateQueue(store.pool);
      say("job queue schema (graphile_worker) up to date");
    } else if (store instanceof SqliteStore) {
      say(`SQLite store ${store.file}: schema at version ${store.schemaVersion}`);
    }
  } finally {
    await store.close();
  }
}
