/**
 * Distributed batch benchmark (`npm run bench:jobs`): a generated customer file (1,000,000 rows unless
 * BENCH_JOBS_ROWS says) screened as a batch job against the 2021 OFAC list, imported into a fresh
 * PostgreSQL database (BENCH_PG, default the machine's own on 127.0.0.1), by 1 and by 2 `redline worker`
 * processes. Reports the time to split and store the file, rows per second of screening (from the job
 * being queued to its last chunk stored, audit records included), the scaling ratio, and checks that the
 * downloaded results have one line per input row. BENCH_JOBS_RUNS repeats each setting (medians shown).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { createRng } from "./rng.ts";
import { randomCompany, randomPerson, renderPerson } from "./synthetic.ts";

const LIST = fileURLToPath(new URL("../../shared/data/lists/ofac_sdn/2021-07_moov_bench/", import.meta.url));
const BIN = fileURLToPath(new URL("../bin/redline.js", import.meta.url));
const ROWS = Number(process.env.BENCH_JOBS_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_JOBS_RUNS ?? 1);
const CHUNK = Number(process.env.BENCH_JOBS_CHUNK ?? 1000);
const ADMIN = process.env.BENCH_PG ?? "postgres://postgres@127.0.0.1:5432/test";
// Listed parties planted among the customers (about 1 row in 200), as a real book has a few.
const LISTED = [
  "Rosoboronexport",
  "Banco Nacional de Cuba",
  "Bank Melli Iran",
  "Mahan Air",
  "Korea Kwangson Banking Corp",
  "Islamic Revolutionary Guard Corps",
  "Joaquin Guzman Loera",
  "Hizballah",
];

function redline(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.on("exit", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`redline ${args.join(" ")} exited ${code}`)),
    );
  });
}

function worker(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "worker"], { env, stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (d) => {
      err += d;
      if (/worker: ready/.test(err)) resolve(child);
    });
    child.on("exit", (code) => reject(new Error(`worker exited ${code}: ${err}`)));
  });
}

async function writeCustomers(file: string): Promise<void> {
  const rng = createRng(2021);
  const out = createWriteStream(file);
  out.write("name,country\n");
  let buffer = "";
  for (let i = 0; i < ROWS; i++) {
    const name = rng.chance(0.005)
      ? rng.pick(LISTED)
      : rng.chance(0.3)
        ? randomCompany(rng)
        : renderPerson(randomPerson(rng), rng.chance(0.5) ? "natural" : "western");
    buffer += `"${name.replaceAll('"', '""')}",\n`;
    if (buffer.length > 1 << 16) {
      if (!out.write(buffer)) await new Promise<void>((r) => out.once("drain", () => r()));
      buffer = "";
    }
  }
  out.end(buffer);
  await new Promise<void>((r) => out.once("finish", () => r()));
}

async function countLines(file: string): Promise<number> {
  let n = 0;
  for await (const _ of createInterface({ input: createReadStream(file) })) n++;
  return n;
}

// Clock ticks a second in /proc/PID/stat (USER_HZ, 100 on Linux).
const TICKS = 100;

/** CPU seconds a process has used so far (user + system), from /proc; 0 where there is no /proc. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return 0;
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

if (!existsSync(LIST)) {
  console.log("bench:jobs: ../shared/data/lists absent; nothing to measure");
  process.exit(0);
}
const name = `redline_bench_${randomBytes(4).toString("hex")}`;
const admin = new pg.Client({ connectionString: ADMIN });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(ADMIN);
url.pathname = `/${name}`;
const dir = mkdtempSync(join(tmpdir(), "redline-bench-jobs-"));
const env = { ...process.env, DATABASE_URL: url.toString(), REDLINE_DATA_DIR: dir };
const db = new pg.Client({ connectionString: url.toString() });
const workers: ChildProcess[] = [];
try {
  await redline(["import", LIST], env);
  await db.connect();
  const input = join(dir, "customers.csv");
  let t = performance.now();
  await writeCustomers(input);
  console.log(
    `generated ${ROWS.toLocaleString("en")} customer rows in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  const results: Record<number, { submit: number[]; rate: number[]; seconds: number[]; perCpu: number[] }> =
    {};
  for (let run = 0; run < RUNS; run++) {
    for (const n of [1, 2]) {
      const entry = results[n] ?? { submit: [], rate: [], seconds: [], perCpu: [] };
      results[n] = entry;
      workers.push(...(await Promise.all(Array.from({ length: n }, () => worker(env)))));
      t = performance.now();
      const id = Number(
        (await redline(["jobs", "submit", input, "--chunk-size", String(CHUNK)], env)).trim(),
      );
      const queued = performance.now();
      const cpuAtStart = workers.reduce((sum, w) => sum + cpuSeconds(w.pid), 0);
      for (;;) {
        const { rows } = await db.query("SELECT status, error FROM batch_jobs WHERE id = $1", [id]);
        if (rows[0]?.status === "failed") throw new Error(`job ${id} failed: ${rows[0].error}`);
        if (rows[0]?.status === "done") break;
        await new Promise((r) => setTimeout(r, 200));
      }
      const seconds = (performance.now() - queued) / 1000;
      // On a shared machine the wall clock depends on what else runs; rows per CPU-second of the workers do not.
      const cpu = workers.reduce((sum, w) => sum + cpuSeconds(w.pid), 0) - cpuAtStart;
      for (const w of workers.splice(0)) {
        w.kill("SIGTERM");
        await new Promise((r) => w.once("exit", r));
      }
      const out = join(dir, `results-${id}.jsonl`);
      const dl = performance.now();
      await redline(["jobs", "results", String(id), "--output", out], env);
      const lines = await countLines(out);
      rmSync(out);
      entry.submit.push((queued - t) / 1000);
      entry.seconds.push(seconds);
      entry.rate.push(ROWS / seconds);
      entry.perCpu.push(ROWS / cpu);
      console.log(
        `run ${run + 1}, ${n} worker(s): split and stored in ${((queued - t) / 1000).toFixed(1)} s, screened in ` +
          `${seconds.toFixed(1)} s = ${(ROWS / seconds).toFixed(0)} rows/s (workers busy ${cpu.toFixed(0)} CPU-s, ` +
          `${(ROWS / cpu).toFixed(0)} rows per worker CPU-second); results ${lines.toLocaleString("en")} ` +
          `lines (${lines === ROWS ? "= input rows" : `≠ ${ROWS} input rows`}) downloaded in ` +
          `${((performance.now() - dl) / 1000).toFixed(1)} s`,
      );
      if (lines !== ROWS) process.exitCode = 1;
    }
  }
  const perCpu1 = median(results[1]?.perCpu ?? []);
  const perCpu2 = median(results[2]?.perCpu ?? []);
  const one = median(results[1]?.rate ?? []);
  const two = median(results[2]?.rate ?? []);
  console.log(
    `median of ${RUNS} run(s): 1 worker ${one.toFixed(0)} rows/s, 2 workers ${two.toFixed(0)} rows/s, ` +
      `scaling ${(two / one).toFixed(2)}× (${ROWS.toLocaleString("en")} rows, chunks of ${CHUNK}, 2021 OFAC list)`,
  );
  console.log(
    `rows per worker CPU-second: 1 worker ${perCpu1.toFixed(0)}, 2 workers ${perCpu2.toFixed(0)} ` +
      `(${(perCpu2 / perCpu1).toFixed(2)}: near 1 means two workers on two free cores would do ${(
        (2 * perCpu2) / perCpu1
      ).toFixed(2)}× the work)`,
  );
} finally {
  for (const w of workers) w.kill("SIGKILL");
  await db.end().catch(() => undefined);
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
}
