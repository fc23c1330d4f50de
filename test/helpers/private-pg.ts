import { execFile } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";
import { promisify } from "node:util";

const run = promisify(execFile);

function binDir(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (existsSync(join(root, v, "bin", "initdb"))) return join(root, v, "bin");
  return undefined;
}

const BIN = binDir();
const AS_ROOT = process.getuid?.() === 0;

/** False when a private PostgreSQL cluster can be made here; else why the tests that need one skip. */
export const privatePgSkip: string | false = !BIN
  ? "initdb not found under /usr/lib/postgresql: no private PostgreSQL cluster for the restart test"
  : AS_ROOT && !existsSync("/usr/sbin/runuser")
    ? "running as root without runuser: cannot run PostgreSQL as the postgres user"
    : false;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A PostgreSQL cluster of the test's own (temp dir, free port), not the machine's shared server. */
export interface PrivateCluster {
  url: string;
  restart: () => Promise<void>;
  stop: () => Promise<void>;
}

async function pg(tool: string, args: string[]): Promise<void> {
  const bin = join(BIN as string, tool);
  if (AS_ROOT) await run("/usr/sbin/runuser", ["-u", "postgres", "--", bin, ...args]);
  else await run(bin, args);
}

/** initdb a cluster in a temp dir, start it on a free loopback port; stopped and removed when the file ends. */
export async function privateCluster(): Promise<PrivateCluster> {
  const dir = mkdtempSync(join(tmpdir(), "redline-pg-"));
  if (AS_ROOT) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: gid } = await run("id", ["-g", "postgres"]);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  chmodSync(dir, 0o700);
  const data = join(dir, "data");
  const port = await freePort();
  await pg("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"]);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const start = () => pg("pg_ctl", ["-D", data, "-o", opts, "-l", join(dir, "log"), "-w", "start"]);
  const stop = () => pg("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
  await start();
  let running = true;
  after(async () => {
    if (running) await stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: async () => {
      await stop();
      // A moment with no server at all, as in a real restart or failover.
      await new Promise((r) => setTimeout(r, 1000));
      await start();
    },
    stop: async () => {
      running = false;
      await stop();
    },
  };
}
