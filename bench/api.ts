/**
 * API load benchmark (`npm run bench:api`): the 2021 OFAC list imported into a fresh data directory,
 * `redline serve` started as its own process with the audit trail on, and autocannon on loopback firing
 * single-name screens (50 connections, 30 s; BENCH_API_SECONDS and BENCH_API_CONNECTIONS override).
 * Reports requests per second, p50 and p99 latency and errors, then verifies the audit chain.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

const LIST = fileURLToPath(new URL("../../shared/data/lists/ofac_sdn/2021-07_moov_bench/", import.meta.url));
const BIN = fileURLToPath(new URL("../bin/redline.js", import.meta.url));
const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 30);
const CONNECTIONS = Number(process.env.BENCH_API_CONNECTIONS ?? 50);
// Listed names, misspelt and reordered ones, and clean names that are on no list, in several cultures.
const NAMES = [
  "DAESH",
  "Rosoboronexport",
  "Banco Nacional de Cuba",
  "Joaquin Guzman Loera",
  "Mohammed Ali",
  "Jane Smith",
  "Acme Trading LLC",
  "Kim Jong Un",
  "Bank Melli Iran",
  "Hizballah",
  "Vladimir Vladimirovich Putin",
  "Ayman al-Zawahiri",
  "Zawahri Aiman",
  "Islamic Revolutionary Guard Corps",
  "Al Qaida in the Arabian Peninsula",
  "Hamas",
  "Korea Kwangson Banking Corp",
  "Sberbank of Russia",
  "Ovidio Guzman Lopez",
  "Rafael Caro Quintero",
  "Mahan Air",
  "Tidewater Middle East Co",
  "Petroleos de Venezuela SA",
  "Nicolas Maduro Moros",
  "Bashar al-Assad",
  "Hezbollah International Financing",
  "Muhammad Abdullah",
  "Ahmed Hassan Mohamed",
  "Maria Garcia Lopez",
  "Li Wei",
  "Wang Fang Trading Co Ltd",
  "John Williams",
  "Siemens AG",
  "Deutsche Bank AG",
  "Ocean Star Shipping Company",
  "Global Logistics Group Inc",
  "Abdul Rahman Khan",
  "Olga Ivanova",
  "Sergei Petrov",
  "Fatima Zahra Benali",
  "Nguyen Van Minh",
  "Hong Kong Electronics Limited",
  "Tehran Export Development Bank",
  "Viktor Bout",
  "Alimzhan Tokhtakhounov",
  "Mikhail Fridman",
  "Arkady Rotenberg",
  "Gennady Timchenko",
  "Yevgeny Prigozhin",
  "Wagner Group",
];

function run(args: string[], dataDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "--data-dir", dataDir, ...args], { stdio: "inherit" });
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`redline ${args[0]} exited ${code}`)),
    );
  });
}

if (!existsSync(LIST)) {
  console.log("bench:api: ../shared/data/lists absent; nothing to measure");
  process.exit(0);
}
const dataDir = mkdtempSync(join(tmpdir(), "redline-bench-api-"));
await run(["import", LIST], dataDir);
const server = spawn(
  process.execPath,
  [BIN, "--data-dir", dataDir, "serve", "--port", "0", "--rate-limit", "100000000", "--log-level", "warn"],
  { stdio: ["ignore", "ignore", "pipe"] },
);
const url = await new Promise<string>((resolve, reject) => {
  let err = "";
  server.stderr.on("data", (d) => {
    err += d;
    const m = /listening on (http:\/\/\S+)/.exec(err);
    if (m?.[1]) resolve(m[1]);
  });
  server.on("exit", (code) => reject(new Error(`server exited ${code}: ${err}`)));
});
try {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: NAMES.map((name) => ({
      method: "POST",
      path: "/v1/screen",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name }),
    })),
  });
  const errors = result.errors + result.timeouts + result.non2xx;
  console.log(`redline API on ${url}: 2021 OFAC list, audit on, ${CONNECTIONS} connections for ${SECONDS} s`);
  console.log(
    `requests/s ${result.requests.average.toFixed(0)} (total ${result.requests.total}), ` +
      `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${errors}`,
  );
  console.log("targets: ≥ 3,000 requests/s, p99 ≤ 50 ms, 0 errors");
} finally {
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
}
await run(["audit", "verify"], dataDir);
rmSync(dataDir, { recursive: true, force: true });
