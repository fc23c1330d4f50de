import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import Database from "better-sqlite3";
import { SqliteStore } from "../src/store/sqlite.ts";
import { demoServer, demoStore } from "./helpers/api.ts";
import { redline } from "./helpers/cli.ts";

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

/** A store with five chained records, closed, and a raw handle with the guard triggers dropped (as a tamperer would). */
async function tamperable(): Promise<{ dir: string; db: Database.Database }> {
  const { dir, store } = await demoStore();
  for (const name of ["A", "B", "C", "D", "E"]) await store.appendAudit(entry(name));
  assert.deepEqual(await store.verifyAudit(), { ok: true, records: 5 });
  await store.close();
  const db = new Database(join(dir, "redline.sqlite"));
  db.exec("DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;");
  return { dir, db };
}

async function verdict(dir: string) {
  const store = SqliteStore.open(dir);
  try {
    return await store.verifyAudit();
  } finally {
    await store.close();
  }
}

test("records chain: each holds the previous hash; the database refuses updates and deletes", async () => {
  const { store } = await demoStore();
  const a = await store.appendAudit(entry("A"));
  const [b, c] = await store.appendAuditBatch([entry("B"), entry("C")]);
  assert.equal(a.prevHash, "0".repeat(64));
  assert.equal(b?.prevHash, a.hash);
  assert.equal(c?.prevHash, b?.hash);
  assert.deepEqual(
    (await store.auditRecords({ after: a.seq, limit: 10 })).map((r) => r.query.name),
    ["B", "C"],
  );
  const raw = new Database(store.file);
  assert.throws(() => raw.exec("UPDATE audit SET actor = 'x'"), /append-only/);
  assert.throws(() => raw.exec("DELETE FROM audit"), /append-only/);
  raw.close();
  await store.close();
});

test("verify finds an edited record", async () => {
  const { dir, db } = await tamperable();
  db.prepare('UPDATE audit SET body = replace(body, \'"name":"C"\', \'"name":"Z"\') WHERE seq = 3').run();
  db.close();
  const v = await verdict(dir);
  assert.equal(v.ok, false);
  assert.equal(!v.ok && v.seq, 3);
  assert.match(!v.ok ? v.reason : "", /edited/);
});

test("verify finds an edited record even when its hash was recomputed (the next link breaks)", async () => {
  const { dir, db } = await tamperable();
  db.prepare("UPDATE audit SET actor = 'someone', hash = 'f' || substr(hash, 2) WHERE seq = 2").run();
  db.close();
  const v = await verdict(dir);
  assert.equal(!v.ok && v.seq, 2);
});

test("verify finds a deleted record, in the middle and at the end", async () => {
  const middle = await tamperable();
  middle.db.prepare("DELETE FROM audit WHERE seq = 3").run();
  middle.db.close();
  const v = await verdict(middle.dir);
  assert.equal(!v.ok && v.seq, 4);
  assert.match(!v.ok ? v.reason : "", /deleted/);

  const tail = await tamperable();
  tail.db.prepare("DELETE FROM audit WHERE seq = 5").run();
  tail.db.close();
  const t = await verdict(tail.dir);
  assert.equal(!t.ok && t.seq, 5);
  assert.match(!t.ok ? t.reason : "", /deleted from the end/);
});

test("verify finds reordered records", async () => {
  const { dir, db } = await tamperable();
  db.exec(
    "UPDATE audit SET seq = 100 WHERE seq = 2; UPDATE audit SET seq = 2 WHERE seq = 3; UPDATE audit SET seq = 3 WHERE seq = 100;",
  );
  db.close();
  const v = await verdict(dir);
  assert.equal(!v.ok && v.seq, 2);
  assert.match(!v.ok ? v.reason : "", /reordered/);
});

test("CLI: screen writes a record per answer, audit verify and export read them, tampering exits 2", async () => {
  const { dir, store } = await demoStore();
  await store.close();
  const env = { REDLINE_DATA_DIR: dir };
  assert.equal((await redline(["screen", "DAESH", "--json"], env)).code, 0);
  const ok = await redline(["audit", "verify"], env);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /intact: 1 records/);
  const jsonl = await redline(["audit", "export", "--since", "2000-01-01"], env);
  assert.equal(jsonl.code, 0, jsonl.stderr);
  const [record] = jsonl.stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.equal(record.actor, "cli");
  assert.equal(record.query.name, "DAESH");
  assert.equal(record.hits[0].id, "ofac:8759");
  // The list versions used: the OFAC list imported and the List of Specified Persons that came with it.
  assert.deepEqual(Object.keys(record.lists), ["lsp", "ofac"]);
  assert.equal(record.options.threshold, 0.85);
  assert.match(record.engine, /^\d+\.\d+\.\d+/);
  const csv = await redline(["audit", "export", "--since", "2000-01-01", "--format", "csv"], env);
  assert.match(csv.stdout, /^seq,time,actor/);
  assert.match(csv.stdout, /ofac:8759=1/);
  const none = await redline(["audit", "export", "--since", "2999-01-01"], env);
  assert.equal(none.stdout, "");
  assert.equal((await redline(["audit", "export", "--since", "yesterday"], env)).code, 1);

  const db = new Database(join(dir, "redline.sqlite"));
  db.exec("DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'nobody'");
  db.close();
  const broken = await redline(["audit", "verify"], env);
  assert.equal(broken.code, 2);
  assert.match(broken.stderr, /audit record 1 is broken/);
});

test("CLI: batch screening writes one record per answered row; an unwritable audit exits 2 with no answer", async () => {
  const { dir, store } = await demoStore();
  await store.close();
  const env = { REDLINE_DATA_DIR: dir };
  const { writeFileSync } = await import("node:fs");
  const input = join(dir, "in.csv");
  writeFileSync(input, "name\nDAESH\nVladimir Putin\n");
  const batch = await redline(["screen", "--input", input], env);
  assert.equal(batch.code, 0, batch.stderr);
  const exported = await redline(["audit", "export", "--since", "2000-01-01"], env);
  const records = exported.stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    records.map((r) => [r.channel, r.ref, r.query.name]),
    [
      ["cli-batch", "1", "DAESH"],
      ["cli-batch", "2", "Vladimir Putin"],
    ],
  );

  const db = new Database(join(dir, "redline.sqlite"));
  db.exec(
    "CREATE TRIGGER audit_broken BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'audit disk full'); END;",
  );
  db.close();
  const single = await redline(["screen", "DAESH", "--json"], env);
  assert.equal(single.code, 2);
  assert.equal(single.stdout, "");
  assert.match(single.stderr, /audit record could not be written \(audit disk full\)/);
  const rows = await redline(["screen", "--input", input], env);
  assert.equal(rows.code, 2);
  assert.equal(rows.stdout, "");
});

test("POST /v1/screen records the answer, and answers 503 when the audit cannot be written", async () => {
  const { app, store } = await demoServer();
  const ok = await app.inject({ method: "POST", url: "/v1/screen", payload: { name: "DAESH" } });
  assert.equal(ok.statusCode, 200);
  const [record] = await store.auditRecords({ limit: 10 });
  assert.equal(record?.actor, "anonymous");
  assert.equal(record?.channel, "api");
  assert.equal(record?.hits[0]?.id, ok.json().hits[0].id);

  const raw = new Database(store.file);
  raw.exec(
    "CREATE TRIGGER audit_broken BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'audit disk full'); END;",
  );
  raw.close();
  const refused = await app.inject({ method: "POST", url: "/v1/screen", payload: { name: "DAESH" } });
  assert.equal(refused.statusCode, 503);
  assert.equal(refused.headers["content-type"], "application/problem+json; charset=utf-8");
  assert.match(refused.json().detail, /audit record could not be written/);
  assert.equal(refused.json().hits, undefined);
  const batch = await app.inject({
    method: "POST",
    url: "/v1/screen/batch",
    payload: { queries: [{ key: "a", name: "DAESH" }] },
  });
  assert.equal(batch.statusCode, 503);
  await app.close();
  await store.close();
});

test("concurrent writers in two processes still make one chain", async () => {
  const { dir, store } = await demoStore();
  await store.close();
  const env = { REDLINE_DATA_DIR: dir };
  const runs = await Promise.all(
    Array.from({ length: 6 }, () => redline(["screen", "DAESH", "--json"], env)),
  );
  for (const r of runs) assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(await verdict(dir), { ok: true, records: 6 });
});
