import { readdirSync, readFileSync } from "node:fs";
import type pg from "pg";

const DIR = new URL("./migrations/", import.meta.url);
// Any fixed number: the advisory lock that keeps two processes starting at once from migrating twice.
const MIGRATION_LOCK = 72_616_401;

/** One versioned migration: `NNNN_name.sql` in src/store/migrations. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The migrations shipped with this redline, in order. */
export function migrations(): Migration[] {
  return readdirSync(DIR)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file.slice(5, -4),
      sql: readFileSync(new URL(file, DIR), "utf8"),
    }));
}

/** What a migration run did: the versions it applied and the schema version after it. */
export interface MigrationResult {
  applied: Migration[];
  version: number;
}

/**
 * Bring a PostgreSQL database to this redline's schema: each migration not yet in `schema_migrations` runs
 * in its own transaction, under an advisory lock so replicas starting together apply it once.
 */
export async function migrate(pool: pg.Pool): Promise<MigrationResult> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await client.query(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           version integer PRIMARY KEY,
           name text NOT NULL,
           applied_at timestamptz NOT NULL DEFAULT now()
         )`,
      );
      const done = new Set(
        (await client.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map(
          (r) => r.version,
        ),
      );
      const known = migrations();
      const newest = Math.max(0, ...known.map((m) => m.version));
      const ahead = [...done].filter((v) => v > newest);
      if (ahead.length > 0) {
        throw new Error(
          `the database schema is at version ${Math.max(...ahead)}, newer than this redline knows (${newest}): upgrade redline`,
        );
      }
      const applied: Migration[] = [];
      for (const m of known) {
        if (done.has(m.version)) continue;
        await client.query("BEGIN");
        try {
          await client.query(m.sql);
          await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [
            m.version,
            m.name,
          ]);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw new Error(`migration ${m.version} (${m.name}) failed: ${(error as Error).message}`);
        }
        applied.push(m);
      }
      return { applied, version: newest };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
