/** Small statistics and reporting helpers shared by the benchmarks. */
import { availableParallelism, cpus, platform, release, totalmem } from "node:os";

/** The p-quantile (0–1) of a list of numbers, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;
}

/** Median of a list of numbers. */
export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

/** Round for reports: enough digits to compare, no noise. */
export function round(x: number, digits = 3): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** The machine a result was measured on, so numbers from different runs can be told apart. */
export function machineInfo() {
  const list = cpus();
  return {
    cpuModel: list[0]?.model ?? "unknown",
    cores: list.length,
    availableParallelism: availableParallelism(),
    totalMemoryGb: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    v8: process.versions.v8,
    platform: `${platform()} ${release()}`,
  };
}

/** Megabytes, for memory reports. */
export function mb(bytes: number): number {
  return Math.round(bytes / 2 ** 20);
}

/** A fixed-width text table: first row is the header. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length))) ?? [];
  const line = (r: readonly string[]) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join("  ");
  const [head, ...body] = rows;
  return [line(head ?? []), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

let gcFunction: (() => void) | undefined | null = null;

/**
 * Run a full garbage collection if V8 lets us, so heap figures measure live data rather than garbage. The flag
 * is set at run time because workers and `npm run` scripts cannot pass --expose-gc portably.
 */
export async function collectGarbage(): Promise<boolean> {
  if (gcFunction === null) {
    const { setFlagsFromString } = await import("node:v8");
    const { runInNewContext } = await import("node:vm");
    setFlagsFromString("--expose-gc");
    gcFunction = runInNewContext("gc") as (() => void) | undefined;
  }
  if (!gcFunction) return false;
  gcFunction();
  return true;
}
