import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import pg from "pg";
import { DEMO, redline } from "./helpers/cli.ts";
import { freshDatabase, pgSkip } from "./helpers/pg.ts";
import { privateCluster, privatePgSkip } from "./helpers/private-pg.ts";
import { start } from "./helpers/serve.ts";
import { tempDir } from "./helpers/tmp.ts";

const NAMES = [
  "DAESH",
  "Jane Smith",
  "Rosoboronexport",
  "Acme Trading LLC",
  "Banco Nacional de Cuba",
  "Li Wei",
];

function customers(n: number): string {
  return `name\n${Array.from({ length: n }, (_, i) => `${NAMES[i % NAMES.length]} ${i + 1}`).join("\n")}\n`;
}

async function query<R extends pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => undefined);
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    assert.ok(Date.now() < deadline, `timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every input row exactly once, in order, in the job's JSONL results; the audit chain whole. */
async function checkResults(
  env: Record<string, string>,
  id: number,
  rows: number,
  dir: string,
): Promise<void> {
  const out = join(dir, `job-${id}.jsonl`);
  const results = await redline(["jobs", "results", String(id), "--output", out], env);
  assert.equal(results.code, 0, results.stderr);
  const got = readFileSync(out, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l).row);
  assert.deepEqual(
    got,
    Array.from({ length: rows }, (_, i) => i + 1),
  );
  const verify = await redline(["audit", "verify"], env);
  assert.equal(verify.code, 0, verify.stderr);
  assert.match(verify.stdout, new RegExp(`intact: ${rows} records`), "one audit record per row, none twice");
}

test("a worker killed in the middle of a chunk: the chunk is retried and every row is in the results once", {
  skip: pgSkip,
  timeout: 180_000,
}, async () => {
  const url = await freshDatabase();
  const dir = tempDir();
  // A worker not heard from for 2 s has its chunks given to the others.
  const env = { DATABASE_URL: url, REDLINE_DATA_DIR: dir, REDLINE_WORKER_STALE_SECONDS: "2" };
  assert.equal((await redline(["import", DEMO], env)).code, 0);
  const input = join(dir, "in.csv");
  const rows = 12_000;
  writeFileSync(input, customers(rows));
  const submitted = await redline(["jobs", "submit", input, "--chunk-size", "3000"], env);
  assert.equal(submitted.code, 0, submitted.stderr);
  const id = Number(submitted.stdout.trim());

  const victim = start(["worker"], env);
  // Wait until the victim holds a chunk whose results are not stored yet: it is in the middle of it.
  const held = await until("the worker to take a chunk", 60_000, async () => {
    const [row] = await query<{ key: string }>(
      url,
      `SELECT j.key FROM graphile_worker.jobs j JOIN queue_workers w ON w.worker_id = j.locked_by
       WHERE w.pid = $1 AND NOT EXISTS (
         SELECT 1 FROM batch_results r WHERE r.job_id = $2 AND 'chunk:' || r.job_id || ':' || r.chunk = j.key)`,
      [victim.child.pid, id],
    );
    return row?.key;
  });
  await victim.stop("SIGKILL");
  const chunk = Number(held.split(":")[2]);
  const survivor = start(["worker"], env);
  const job = await until("the job to finish", 120_000, async () => {
    const [j] = await query<{ status: string }>(url, "SELECT status FROM batch_jobs WHERE id = $1", [id]);
    return j?.status === "done" ? j : undefined;
  });
  assert.equal(job.status, "done");
  const [retried] = await query<{ attempt: number; worker: string }>(
    url,
    "SELECT attempt, worker FROM batch_results WHERE job_id = $1 AND chunk = $2",
    [id, chunk],
  );
  assert.ok((retried?.attempt ?? 0) >= 2, `chunk ${chunk} was finished on a later attempt`);
  assert.match(survivor.stderr(), /released the chunks of stopped workers/);
  await survivor.stop();
  await checkResults(env, id, rows, dir);
});

test("PostgreSQL restarted during a job (a private cluster): the job completes with every row once", {
  skip: pgSkip || privatePgSkip,
  timeout: 240_000,
}, async () => {
  const cluster = await privateCluster();
  const dir = tempDir();
  const env = { DATABASE_URL: cluster.url, REDLINE_DATA_DIR: dir, REDLINE_WORKER_STALE_SECONDS: "5" };
  assert.equal((await redline(["import", DEMO], env)).code, 0);
  const input = join(dir, "in.csv");
  const rows = 8000;
  writeFileSync(input, customers(rows));
  const workers = [start(["worker"], env), start(["worker"], env)];
  for (const w of workers) await w.waitFor(/worker: ready/);
  const submitted = await redline(["jobs", "submit", input, "--chunk-size", "500"], env);
  assert.equal(submitted.code, 0, submitted.stderr);
  const id = Number(submitted.stdout.trim());
  await until("a first chunk", 60_000, async () => {
    const [r] = await query<{ n: number }>(
      cluster.url,
      "SELECT count(*)::int AS n FROM batch_results WHERE job_id = $1",
      [id],
    );
    return r && r.n > 0 ? r : undefined;
  });
  await cluster.restart();
  const [before] = await query<{ n: number }>(
    cluster.url,
    "SELECT count(*)::int AS n FROM batch_results WHERE job_id = $1",
    [id],
  );
  assert.ok((before?.n ?? 0) < 16, "the restart came before the job was done");
  await until("the job to finish after the restart", 180_000, async () => {
    const [j] = await query<{ status: string }>(cluster.url, "SELECT status FROM batch_jobs WHERE id = $1", [
      id,
    ]);
    return j?.status === "done" ? j : undefined;
  });
  for (const w of workers) {
    assert.equal(w.child.exitCode, null, `a worker died: ${w.stderr()}`);
    await w.stop();
  }
  await checkResults(env, id, rows, dir);
});
