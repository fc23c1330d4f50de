import { randomBytes } from "node:crypto";
import { after } from "node:test";
import pg from "pg";

/** The server the PostgreSQL tests use: REDLINE_TEST_PG, else the machine's own on 127.0.0.1:5432. */
export const PG_ADMIN_URL = process.env.REDLINE_TEST_PG ?? "postgres://postgres@127.0.0.1:5432/test";

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** False when PostgreSQL tests can run; else the reason they are skipped. */
export const pgSkip: string | false = (await reachable())
  ? false
  : `no PostgreSQL reachable at ${PG_ADMIN_URL} (start it: pg_ctlcluster 15 main start, or set REDLINE_TEST_PG)`;

/** Run SQL on the admin database. */
export async function adminQuery(sql: string, url = PG_ADMIN_URL): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new, empty database (redline_test_<random>), dropped when the test file ends; its URL. */
export async function freshDatabase(): Promise<string> {
  const name = `redline_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  after(async () => {
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
