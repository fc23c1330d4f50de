import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { buildServer } from "../src/api/server.ts";
import { Catalog } from "../src/catalog.ts";
import { chunkTask, migrateQueue, runWorker } from "../src/jobs/worker.ts";
import { planImport } from "../src/sources/detect.ts";
import { importJob } from "../src/sources/import.ts";
import { JobStore } from "../src/store/jobs.ts";
import { PostgresStore } from "../src/store/postgres.ts";
import { demoServer } from "./helpers/api.ts";
import { DEMO, redline } from "./helpers/cli.ts";
import { freshDatabase, pgSkip } from "./helpers/pg.ts";
import { start } from "./helpers/serve.ts";
import { tempDir } from "./helpers/tmp.ts";

const NAMES = ["DAESH", "Jane Smith", "Rosoboronexport", "Acme Trading LLC", "Banco Nacional de Cuba"];

/** A CSV of `n` rows cycling through listed and clean names, with one bad row (a control character). */
function customers(n: number, bad?: number): string {
  const rows = Array.from({ length: n }, (_, i) =>
    i + 1 === bad ? '"Bad\u0007Name",XX' : `${NAMES[i % NAMES.length]}${i % 7 === 0 ? "" : ` ${i}`},`,
  );
  return `name,country\n${rows.join("\n")}\n`;
}

/** A fresh database with the demo list imported, an open store and a catalog over it. */
async function demoDatabase() {
  const url = await freshDatabase();
  const store = new PostgresStore(url, { poolSize: 4 });
  for (const job of await planImport([DEMO], "ofac")) await importJob(store, job);
  await migrateQueue(store.pool);
  const catalog = await Catalog.load(store);
  return { url, store, catalog, jobs: new JobStore(store.pool) };
}

async function waitDone(jobs: JobStore, id: number, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await jobs.status(id);
    if (job?.status === "done" || job?.status === "failed") return job;
    assert.ok(Date.now() < deadline, `job ${id} did not finish: ${JSON.stringify(job)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test("CLI: jobs submit splits a file into chunks, worker processes screen them, results come back in input order", {
  skip: pgSkip,
  timeout: 120_000,
}, async () => {
  const url = await freshDatabase();
  const env = { DATABASE_URL: url, REDLINE_DATA_DIR: tempDir() };
  assert.equal((await redline(["import", DEMO], env)).code, 0);
  const dir = tempDir();
  const input = join(dir, "customers.csv");
  writeFileSync(input, customers(230, 17));
  const workers = [start(["worker"], env), start(["worker"], env)];
  for (const w of workers) await w.waitFor(/worker: ready/);

  const submitted = await redline(
    [
      "jobs",
      "submit",
      input,
      "--chunk-size",
      "40",
      "--idempotency-key",
      "nightly-1",
      "--wait",
      "--output",
      join(dir, "out.jsonl"),
    ],
    env,
  );
  assert.equal(submitted.code, 0, submitted.stderr);
  const id = Number(submitted.stdout.trim());
  assert.match(submitted.stderr, new RegExp(`job ${id}: 230 rows in 6 chunks`));
  const lines = readFileSync(join(dir, "out.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    lines.map((l) => l.row),
    Array.from({ length: 230 }, (_, i) => i + 1),
  );
  assert.equal(lines[0].hits[0].id, "ofac:8759", "row 1 (DAESH) hits the listed party");
  assert.equal(lines[1].hits.length, 0, "row 2 (Jane Smith 1) is clean");
  assert.equal(lines[16].line, 18);
  assert.match(lines[16].error, /control characters/);

  // The same file with the same key is the same job; another file with that key is refused.
  const again = await redline(["jobs", "submit", input, "--idempotency-key", "nightly-1"], env);
  assert.equal(again.stdout.trim(), String(id));
  assert.match(again.stderr, /already submitted/);
  writeFileSync(join(dir, "other.csv"), customers(5));
  const other = await redline(
    ["jobs", "submit", join(dir, "other.csv"), "--idempotency-key", "nightly-1"],
    env,
  );
  assert.equal(other.code, 2);
  assert.match(other.stderr, /idempotency key "nightly-1" was used for job \d+ with a different file/);

  const status = JSON.parse((await redline(["jobs", "status", String(id), "--json"], env)).stdout);
  assert.equal(status.status, "done");
  assert.equal(status.rowsDone, 230);
  assert.equal(status.chunksDone, 6);
  assert.equal(status.badRows, 1);
  // One set of versions for the whole job: the imported OFAC list (and the built-in LSP beside it).
  assert.equal(status.lists.length, 1);
  assert.equal(status.lists[0].ofac, 1);
  const csv = await redline(["jobs", "results", String(id), "--output", join(dir, "out.csv")], env);
  assert.equal(csv.code, 0, csv.stderr);
  const csvLines = readFileSync(join(dir, "out.csv"), "utf8").trim().split("\n");
  assert.match(csvLines[0] as string, /^row,name,error,rank,score/);
  assert.match(csvLines[1] as string, /^1,DAESH,,1,1,true,ofac,8759/);

  // One audit record per answered row, all in one chain with the CLI's.
  const verify = await redline(["audit", "verify"], env);
  assert.match(verify.stdout, /intact: 229 records/);
  const missing = await redline(["jobs", "submit", join(dir, "nope.csv")], env);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nope\.csv: cannot read the file/);
  const noHeader = join(dir, "bad.csv");
  writeFileSync(noHeader, "person\nX\n");
  const refused = await redline(["jobs", "submit", noHeader], env);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /bad\.csv, line 1, field name: the header has no name column/);
  for (const w of workers) await w.stop();
});

test("jobs need PostgreSQL: the CLI says how, the API answers 501", async () => {
  const env = { REDLINE_DATA_DIR: tempDir(), DATABASE_URL: "" };
  const cli = await redline(["jobs", "status", "1"], env);
  assert.equal(cli.code, 1);
  assert.match(cli.stderr, /need PostgreSQL: set DATABASE_URL/);
  const { app, store } = await demoServer();
  const r = await app.inject({ method: "GET", url: "/v1/jobs/1" });
  assert.equal(r.statusCode, 501);
  await app.close();
  await store.close();
});

test("API: POST /v1/jobs with a CSV upload or a stored file, progress, idempotency, results as JSONL and CSV", {
  skip: pgSkip,
  timeout: 60_000,
}, async () => {
  const { store, catalog, jobs } = await demoDatabase();
  const app = await buildServer(catalog, { store, allowAnonymous: true, jobs });
  const upload = (body: string, key?: string) =>
    app.inject({
      method: "POST",
      url: "/v1/jobs?chunkSize=25&name=march.csv",
      headers: { "content-type": "text/csv", ...(key ? { "idempotency-key": key } : {}) },
      payload: body,
    });
  const first = await upload(customers(60), "march");
  assert.equal(first.statusCode, 202, first.body);
  const job = first.json();
  assert.equal(job.chunks, 3);
  assert.equal(job.rows, 60);
  assert.equal(job.status, "queued");
  assert.equal(first.headers.location, `/v1/jobs/${job.id}`);
  const repeat = await upload(customers(60), "march");
  assert.equal(repeat.statusCode, 200);
  assert.equal(repeat.json().id, job.id);
  assert.equal((await upload(customers(61), "march")).statusCode, 409);
  const early = await app.inject({ method: "GET", url: `/v1/jobs/${job.id}/results` });
  assert.equal(early.statusCode, 409);
  assert.match(early.json().detail, /no results yet/);

  const worker = await runWorker({ pool: store.pool, catalog, log: () => undefined, staleSeconds: 5 });
  await waitDone(jobs, job.id);
  const progress = (await app.inject({ method: "GET", url: `/v1/jobs/${job.id}` })).json();
  assert.equal(progress.status, "done");
  assert.equal(progress.progress, 1);
  const jsonl = await app.inject({ method: "GET", url: `/v1/jobs/${job.id}/results` });
  assert.equal(jsonl.statusCode, 200);
  assert.match(jsonl.headers["content-type"] as string, /ndjson/);
  const rows = jsonl.body
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    rows.map((r) => r.row),
    Array.from({ length: 60 }, (_, i) => i + 1),
  );
  const csv = await app.inject({ method: "GET", url: `/v1/jobs/${job.id}/results?format=csv` });
  assert.match(csv.body, /^row,name,error/);

  // A stored customer file is screened by naming it.
  const file = await app.inject({
    method: "POST",
    url: "/v1/files?name=book.csv",
    headers: { "content-type": "text/csv" },
    payload: customers(10),
  });
  assert.equal(file.statusCode, 201, file.body);
  const byFile = await app.inject({ method: "POST", url: "/v1/jobs", payload: { file: file.json().id } });
  assert.equal(byFile.statusCode, 202, byFile.body);
  assert.equal((await waitDone(jobs, byFile.json().id)).rowsDone, 10);
  assert.equal(
    (await app.inject({ method: "POST", url: "/v1/jobs", payload: { file: 999 } })).statusCode,
    404,
  );

  // A monitor of the stored file: its first screening starts at once; bad webhooks and files are refused.
  const monitor = (payload: Record<string, unknown>) =>
    app.inject({ method: "POST", url: "/v1/monitors", payload });
  const secret = "0123456789abcdef";
  assert.equal((await monitor({ file: file.json().id, webhook: "ftp://x", secret })).statusCode, 400);
  assert.equal((await monitor({ file: 999, webhook: "http://127.0.0.1:9/h", secret })).statusCode, 404);
  assert.equal(
    (await monitor({ file: file.json().id, webhook: "http://127.0.0.1:9/h", secret: "short" })).statusCode,
    400,
  );
  const made = await monitor({ file: file.json().id, webhook: "http://127.0.0.1:9/h", secret });
  assert.equal(made.statusCode, 201, made.body);
  assert.equal(typeof made.json().firstJob, "number");
  assert.equal(made.json().secret, undefined);
  const shown = (await app.inject({ method: "GET", url: `/v1/monitors/${made.json().id}` })).json();
  assert.deepEqual(
    shown.runs.map((r: { job: number }) => r.job),
    [made.json().firstJob],
  );

  const bad = await app.inject({
    method: "POST",
    url: "/v1/jobs?name=bad.csv",
    headers: { "content-type": "text/csv" },
    payload: "who\nX\n",
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().detail, /bad\.csv, line 1, field name: the header has no name column/);
  assert.equal((await app.inject({ method: "GET", url: "/v1/jobs/4242" })).statusCode, 404);
  await worker.stop();
  await app.close();
  await store.close();
});

test("a retried chunk writes its results and audit records once", { skip: pgSkip }, async () => {
  const { store, catalog, jobs } = await demoDatabase();
  const { Readable } = await import("node:stream");
  const { submitCsv } = await import("../src/jobs/service.ts");
  const { id } = await submitCsv(jobs, Readable.from([customers(30)]), {
    name: "retry.csv",
    options: {},
    actor: "cli",
    chunkSize: 10,
  });
  const task = chunkTask(jobs, catalog, { yieldEvery: 5 });
  const helpers = (attempts: number) =>
    ({ job: { attempts, max_attempts: 8, locked_by: "test-worker" } }) as unknown as Parameters<
      typeof task
    >[1];
  // The same chunk run twice (a worker lost before the queue heard it finish), and concurrently.
  await task({ job: id, chunk: 1 }, helpers(1));
  await Promise.all([task({ job: id, chunk: 1 }, helpers(2)), task({ job: id, chunk: 0 }, helpers(1))]);
  await Promise.all([task({ job: id, chunk: 2 }, helpers(1)), task({ job: id, chunk: 2 }, helpers(1))]);
  const done = await jobs.status(id);
  assert.equal(done?.status, "done");
  assert.equal(done?.rowsDone, 30);
  assert.deepEqual(await store.verifyAudit(), { ok: true, records: 30 });
  const rows: number[] = [];
  for await (const chunk of jobs.results(id)) rows.push(...chunk.map((r) => r.row));
  assert.deepEqual(
    rows,
    Array.from({ length: 30 }, (_, i) => i + 1),
  );
  await store.close();
});

test("API: a job and its results are seen by the key that submitted it and by administrators only", {
  skip: pgSkip,
}, async () => {
  const { store, catalog, jobs } = await demoDatabase();
  const app = await buildServer(catalog, { store, allowAnonymous: true, jobs });
  await store.createKey({ name: "payments", scopes: ["screen"], key: "key-a" });
  await store.createKey({ name: "trade", scopes: ["screen"], key: "key-b" });
  await store.createKey({ name: "ops", scopes: ["admin"], key: "key-admin" });
  const submitted = await app.inject({
    method: "POST",
    url: "/v1/jobs",
    headers: { "content-type": "text/csv", "x-api-key": "key-a" },
    payload: customers(3),
  });
  assert.equal(submitted.statusCode, 202, submitted.body);
  const id = submitted.json().id;
  const as = (key: string, url: string) => app.inject({ method: "GET", url, headers: { "x-api-key": key } });
  assert.equal((await as("key-a", `/v1/jobs/${id}`)).statusCode, 200);
  assert.equal((await as("key-b", `/v1/jobs/${id}`)).statusCode, 404);
  assert.equal((await as("key-b", `/v1/jobs/${id}/results`)).statusCode, 404);
  assert.equal((await as("key-admin", `/v1/jobs/${id}`)).statusCode, 200);
  assert.equal((await app.inject({ method: "GET", url: `/v1/jobs/${id}` })).statusCode, 401);
  await app.close();
  await store.close();
});
