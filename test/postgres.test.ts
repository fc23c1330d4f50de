import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import pg from "pg";
import { migrations } from "../src/store/migrate.ts";
import { PostgresStore } from "../src/store/postgres.ts";
import { DEMO, redline } from "./helpers/cli.ts";
import { freshDatabase, pgSkip } from "./helpers/pg.ts";
import { tempDir } from "./helpers/tmp.ts";

function entry(name: string) {
  return {
    actor: "cli",
    channel: "cli",
    query: { name },
    lists: { ofac: 1 },
    options: { limit: 10, minScore: 0.7, threshold: 0.85, mode: "redline" },
    hits: [{ id: "ofac:1", score: 0.9 }],
    engine: "0.0.0",
  };
}

async function sql(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A database with five chained records and the guard triggers dropped, as a tamperer with the owner's rights would. */
async function tamperable(): Promise<string> {
  const url = await freshDatabase();
  const store = new PostgresStore(url, { poolSize: 2 });
  for (const name of ["A", "B", "C", "D", "E"]) await store.appendAudit(entry(name));
  assert.deepEqual(await store.verifyAudit(), { ok: true, records: 5 });
  await store.close();
  await sql(url, "DROP TRIGGER audit_no_change ON audit");
  return url;
}

async function verdict(url: string) {
  const store = new PostgresStore(url, { poolSize: 1 });
  try {
    return await store.verifyAudit();
  } finally {
    await store.close();
  }
}

test("postgres: migrations are versioned in schema_migrations, applied once, and a newer schema is refused", {
  skip: pgSkip,
}, async () => {
  const url = await freshDatabase();
  const first = await redline(["migrate"], { DATABASE_URL: url });
  assert.equal(first.code, 0, first.stderr);
  const newest = Math.max(...migrations().map((m) => m.version));
  assert.match(first.stderr, /applied migration 1 \(lists\)/);
  assert.match(first.stderr, new RegExp(`schema at version ${newest}\\n`));
  const again = await redline(["migrate"], { DATABASE_URL: url });
  assert.match(again.stderr, /already up to date/);
  assert.doesNotMatch(again.stderr, /applied/);

  const store = new PostgresStore(url, { poolSize: 1 });
  assert.deepEqual((await store.ready).applied, []);
  await store.close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query("SELECT version, name FROM schema_migrations ORDER BY version");
  assert.deepEqual(
    rows.map((r) => r.version),
    migrations().map((m) => m.version),
  );
  await client.query("INSERT INTO schema_migrations (version, name) VALUES (9999, 'future')");
  await client.end();
  const refused = await redline(["lists"], { DATABASE_URL: url });
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /schema is at version 9999, newer than this redline knows/);
});

test("postgres: replicas starting together migrate once", { skip: pgSkip }, async () => {
  const url = await freshDatabase();
  const stores = Array.from({ length: 4 }, () => new PostgresStore(url, { poolSize: 1 }));
  const results = await Promise.all(stores.map((s) => s.ready));
  assert.equal(
    results.reduce((n, r) => n + r.applied.length, 0),
    migrations().length,
  );
  for (const s of stores) await s.close();
});

test("postgres: records chain and the database refuses updates, deletes and truncation", {
  skip: pgSkip,
}, async () => {
  const url = await freshDatabase();
  const store = new PostgresStore(url, { poolSize: 2 });
  const a = await store.appendAudit(entry("A"));
  const [b, c] = await store.appendAuditBatch([entry("B"), entry("C")]);
  assert.equal(a.prevHash, "0".repeat(64));
  assert.equal(b?.prevHash, a.hash);
  assert.equal(c?.prevHash, b?.hash);
  assert.deepEqual([a.seq, b?.seq, c?.seq], [1, 2, 3]);
  assert.deepEqual(
    (await store.auditRecords({ after: a.seq, limit: 10 })).map((r) => r.query.name),
    ["B", "C"],
  );
  await assert.rejects(sql(url, "UPDATE audit SET actor = 'x'"), /append-only/);
  await assert.rejects(sql(url, "DELETE FROM audit"), /append-only/);
  await assert.rejects(sql(url, "TRUNCATE audit"), /append-only/);
  // Many appends at once share commits but still make one chain, in order.
  const many = await Promise.all(Array.from({ length: 50 }, (_, i) => store.appendAudit(entry(`N${i}`))));
  assert.deepEqual(
    many.map((r) => r.query.name),
    Array.from({ length: 50 }, (_, i) => `N${i}`),
  );
  assert.deepEqual(await store.verifyAudit(), { ok: true, records: 53 });
  await store.close();
});

test("postgres: verify finds edited, deleted, cut and reordered records", { skip: pgSkip }, async () => {
  const edited = await tamperable();
  await sql(edited, `UPDATE audit SET body = replace(body, '"name":"C"', '"name":"Z"') WHERE seq = 3`);
  const e = await verdict(edited);
  assert.equal(!e.ok && e.seq, 3);
  assert.match(!e.ok ? e.reason : "", /edited/);

  const middle = await tamperable();
  await sql(middle, "DELETE FROM audit WHERE seq = 3");
  const m = await verdict(middle);
  assert.equal(!m.ok && m.seq, 4);
  assert.match(!m.ok ? m.reason : "", /deleted/);

  const tail = await tamperable();
  await sql(tail, "DELETE FROM audit WHERE seq = 5");
  const t = await verdict(tail);
  assert.equal(!t.ok && t.seq, 5);
  assert.match(!t.ok ? t.reason : "", /deleted from the end/);

  const reordered = await tamperable();
  await sql(
    reordered,
    "UPDATE audit SET seq = 100 WHERE seq = 2; UPDATE audit SET seq = 2 WHERE seq = 3; UPDATE audit SET seq = 3 WHERE seq = 100;",
  );
  const r = await verdict(reordered);
  assert.equal(!r.ok && r.seq, 2);
  assert.match(!r.ok ? r.reason : "", /reordered/);
});

test("postgres: writers in several processes make one chain; the CLI works on DATABASE_URL", {
  skip: pgSkip,
}, async () => {
  const url = await freshDatabase();
  const env = { DATABASE_URL: url };
  const imported = await redline(["import", DEMO], env);
  assert.equal(imported.code, 0, imported.stderr);
  const dir = tempDir();
  const input = join(dir, "in.csv");
  writeFileSync(
    input,
    `name\n${Array.from({ length: 250 }, (_, i) => (i % 2 ? "DAESH" : `Person ${i}`)).join("\n")}\n`,
  );
  const runs = await Promise.all([
    ...Array.from({ length: 3 }, () =>
      redline(["screen", "--input", input, "--output", join(dir, "out.jsonl")], env),
    ),
    ...Array.from({ length: 3 }, () => redline(["screen", "DAESH", "--json"], env)),
  ]);
  for (const run of runs) assert.equal(run.code, 0, run.stderr);
  const verify = await redline(["audit", "verify"], env);
  assert.equal(verify.code, 0, verify.stderr);
  assert.match(verify.stdout, /intact: 753 records/);
  const store = new PostgresStore(url, { poolSize: 1 });
  const records = await store.auditRecords({ limit: 1000 });
  assert.deepEqual(
    records.map((r) => r.seq),
    Array.from({ length: 753 }, (_, i) => i + 1),
  );
  await store.close();
});
