import { isIP } from "node:net";
import { fileURLToPath } from "node:url";
import { buildServer } from "../../api/server.ts";
import { Catalog, listsHeader } from "../../catalog.ts";
import { DataError, UsageError } from "../../errors.ts";
import { migrateQueue } from "../../jobs/worker.ts";
import { planImport } from "../../sources/detect.ts";
import { DownloadError } from "../../sources/download.ts";
import { importJob } from "../../sources/import.ts";
import { UPDATABLE_SOURCES, updateSource } from "../../sources/update.ts";
import { JobStore } from "../../store/jobs.ts";
import { PostgresStore } from "../../store/postgres.ts";
import type { Store } from "../../store/store.ts";
import { dataDir, openStore, say } from "../context.ts";
import { describeVersion } from "./lists.ts";
import { runUpdate, updateOptions } from "./update.ts";

export const DEMO_NOTE = "DEMO DATA: a few well-known listings, not the official lists";
const DEMO_DIR = fileURLToPath(new URL("../../../resources/demo/", import.meta.url));

/** Load the built-in demo list, for a first start without network. */
export async function loadDemo(store: Store): Promise<void> {
  for (const job of await planImport([DEMO_DIR], "ofac")) await importJob(store, job, { note: DEMO_NOTE });
}

async function bootstrap(store: Store, dir: string): Promise<void> {
  say("no lists loaded yet: trying `redline update` to fetch the official lists…");
  // One quick attempt each: an offline machine should reach the demo data in seconds, not minutes.
  const opts = { ...(await updateOptions(dir)), retries: 0, timeoutMs: 10_000, idleTimeoutMs: 20_000 };
  const [first, ...rest] = UPDATABLE_SOURCES;
  try {
    if (first) say(`updated ${describeVersion(await updateSource(store, first, opts))}`);
    await runUpdate(store, rest, opts);
  } catch (error) {
    // When the first publisher is out of reach the machine is most likely offline: don't wait on the others.
    if (!(error instanceof DownloadError && error.network)) throw error;
    say(`offline? ${error.message}`);
  }
  if ((await store.currentVersions()).length > 0) return;
  await loadDemo(store);
  say("");
  say("*** DEMO DATA LOADED: the official lists could not be downloaded. ***");
  say("*** Results are NOT fit for compliance decisions.                  ***");
  say("Load the real lists with `redline update` (online) or `redline import FILE...` (offline,");
  say("e.g. sdn.csv alt.csv add.csv sdn_comments.csv from OFAC, consolidated.xml from the UN).");
  say("");
}

/**
 * Keep a catalog on the versions in service when the store announces changes (PostgreSQL: a version saved
 * by any replica, worker or CLI on the database): each is loaded whole, then swapped in at once.
 */
export async function followLists(
  catalog: Catalog,
  store: Store,
  log: { info: (line: string) => void; warn: (line: string) => void },
  onSwap?: () => void,
): Promise<(() => Promise<void>) | undefined> {
  if (!store.watchLists) return undefined;
  return store.watchLists(() => {
    const before = listsHeader(Object.fromEntries(catalog.versions.map((v) => [v.source, v.id])));
    catalog.reload().then(
      () => {
        const now = listsHeader(Object.fromEntries(catalog.versions.map((v) => [v.source, v.id])));
        if (now !== before) {
          log.info(`lists swapped in: ${now} (was ${before || "none"})`);
          onSwap?.();
        }
      },
      (error: Error) => log.warn(`list reload failed, the previous lists stay in service: ${error.message}`),
    );
  });
}

/** True for an address only this machine can reach. */
export function isLoopback(host: string): boolean {
  if (host === "localhost") return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  return host === "::1" || host === "[::1]";
}

function envNumber(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a whole number of 1 or more`);
  return n;
}

/** `redline serve`: the HTTP API and web page. */
export async function serveCommand(opts: {
  dataDir?: string;
  port?: number;
  host?: string;
  bootstrap: boolean;
  maxListAge?: number;
  rateLimit?: number;
  logLevel?: string;
}): Promise<void> {
  const dir = dataDir(opts.dataDir);
  const host = opts.host ?? process.env.REDLINE_HOST ?? "127.0.0.1";
  const port = opts.port ?? envNumber("REDLINE_PORT") ?? 8080;
  const store = openStore(dir);
  const loopback = isLoopback(host);
  if (!loopback && (await store.activeKeyCount()) === 0) {
    await store.close();
    throw new DataError(
      `refusing to listen on ${host} without API keys: create one with \`redline keys create --scope screen --name NAME\`, or bind to 127.0.0.1`,
    );
  }
  if (opts.bootstrap && (await store.currentVersions()).length === 0) await bootstrap(store, dir);
  const catalog = await Catalog.load(store);
  let jobs: JobStore | undefined;
  if (store instanceof PostgresStore) {
    await migrateQueue(store.pool);
    jobs = new JobStore(store.pool);
  }
  const maxListAgeHours = opts.maxListAge ?? envNumber("REDLINE_MAX_LIST_AGE");
  const rateLimit = opts.rateLimit ?? envNumber("REDLINE_RATE_LIMIT");
  const app = await buildServer(catalog, {
    store,
    allowAnonymous: loopback,
    logLevel: opts.logLevel ?? process.env.REDLINE_LOG_LEVEL ?? "info",
    ...(maxListAgeHours !== undefined ? { maxListAgeHours } : {}),
    ...(rateLimit !== undefined ? { rateLimit } : {}),
    ...(jobs ? { jobs } : {}),
    updateLists: async () => {
      await runUpdate(store, UPDATABLE_SOURCES, await updateOptions(dir));
    },
  });
  const unwatch = await followLists(catalog, store, {
    info: (line) => app.log.info(line),
    warn: (line) => app.log.warn(line),
  });
  const address = await app.listen({ port, host });
  for (const v of catalog.versions) {
    say(`serving ${v.source} version ${v.id} (${v.entities} entries)${v.note ? ` [${v.note}]` : ""}`);
  }
  if (catalog.versions.length === 0) say("no lists loaded: run `redline update` or `redline import FILE`");
  say(`redline listening on ${address} (data in ${dir})`);
  const stop = async () => {
    await unwatch?.();
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
