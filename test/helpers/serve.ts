import { type ChildProcess, spawn } from "node:child_process";
import { after } from "node:test";
import { BIN, ROOT } from "./cli.ts";

/** A `redline` process that runs until stopped: serve, worker. */
export interface Running {
  child: ChildProcess;
  /** Everything it wrote to stderr so far. */
  stderr: () => string;
  /** Resolves with the first match of `pattern` in stderr (rejects if the process ends first). */
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpExecArray>;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

/** Start `redline ARGS` as its own process; it is killed when the test file ends if still running. */
export function start(args: string[], env: Record<string, string>): Running {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: "1", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  child.stderr?.on("data", (d) => {
    err += d;
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  after(() => stop("SIGKILL"));
  const waitFor = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const m = pattern.exec(err);
        if (m) {
          done();
          resolve(m);
        }
      };
      const onExit = () => {
        done();
        reject(new Error(`redline ${args[0]} exited before ${pattern}: ${err}`));
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for ${pattern}: ${err}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        child.stderr?.off("data", check);
        child.off("exit", onExit);
      };
      child.stderr?.on("data", check);
      child.once("exit", onExit);
      check();
    });
  return { child, stderr: () => err, waitFor, stop };
}

/** Start `redline serve` on a free loopback port; resolves with its address once it listens. */
export async function serve(
  env: Record<string, string>,
  extra: string[] = [],
): Promise<Running & { url: string }> {
  const running = start(["serve", "--port", "0", "--no-bootstrap", "--log-level", "warn", ...extra], env);
  const m = await running.waitFor(/listening on (http:\/\/\S+)/);
  return { ...running, url: m[1] as string };
}
