import type { Task } from "graphile-worker";
import type pg from "pg";
import { type Changes, diffResults, unchanged } from "../batch/diff.ts";
import type { ListVersion } from "../model/entity.ts";
import { JobStore } from "../store/jobs.ts";
import { deliver } from "./webhook.ts";
import type { WorkerExtensions } from "./worker.ts";

/** The queue task that compares a finished monitoring run with the one before and posts the changes. */
export const REPORT_TASK = "monitor-report";

/** A monitor: a stored customer file screened again on every list change, with a webhook for the changes. */
export interface Monitor {
  id: number;
  fileId: number;
  name: string;
  webhookUrl: string;
  options: Record<string, unknown>;
  created: string;
  active: boolean;
}

/** One run of a monitor: the job that screened the file, the lists it was for, and its report. */
export interface MonitorRun {
  job: number;
  lists: Record<string, number>;
  created: string;
  report: MonitorReport | null;
  delivered: string | null;
}

/** What a run found compared with the run before it (none for the first run: the baseline). */
export interface MonitorReport {
  baseline: boolean;
  previousJob: number | null;
  previousLists: Record<string, number> | null;
  lists: Record<string, number>;
  changes: Changes;
}

interface MonitorRow {
  id: number;
  file_id: number;
  name: string;
  webhook_url: string;
  secret: string;
  options: string;
  created: string;
  active: boolean;
}

function toMonitor(row: MonitorRow): Monitor {
  return {
    id: row.id,
    fileId: row.file_id,
    name: row.name,
    webhookUrl: row.webhook_url,
    options: JSON.parse(row.options),
    created: row.created,
    active: row.active,
  };
}

/** The versions in service as a stable key: source → version id, sources sorted. */
export function listsKey(versions: readonly ListVersion[]): string {
  const sorted = [...versions].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  return JSON.stringify(Object.fromEntries(sorted.map((v) => [v.source, v.id])));
}

/** Check a webhook address: http or https, nothing else. */
export function webhookProblem(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:"
      ? undefined
      : "the webhook must be an http(s) URL";
  } catch {
    return "the webhook is not a URL";
  }
}

/** Monitors and their runs on PostgreSQL. */
export class Monitors {
  private readonly jobs: JobStore;
  constructor(readonly pool: pg.Pool) {
    this.jobs = new JobStore(pool);
  }

  /** Create a monitor of a stored customer file. */
  async add(m: {
    fileId: number;
    name: string;
    webhookUrl: string;
    secret: string;
    options: Record<string, unknown>;
  }): Promise<Monitor> {
    const row = (
      await this.pool.query<MonitorRow>(
        `INSERT INTO monitors (file_id, name, webhook_url, secret, options, created)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [m.fileId, m.name, m.webhookUrl, m.secret, JSON.stringify(m.options), new Date().toISOString()],
      )
    ).rows[0] as MonitorRow;
    return toMonitor(row);
  }

  /** A monitor and its runs, newest first. */
  async get(id: number): Promise<{ monitor: Monitor; runs: MonitorRun[] } | undefined> {
    const row = (await this.pool.query<MonitorRow>("SELECT * FROM monitors WHERE id = $1", [id])).rows[0];
    if (!row) return undefined;
    const runs = (
      await this.pool.query(
        "SELECT job_id, lists, created, report, delivered FROM monitor_runs WHERE monitor_id = $1 ORDER BY job_id DESC",
        [id],
      )
    ).rows.map((r) => ({
      job: r.job_id,
      lists: JSON.parse(r.lists),
      created: r.created,
      report: r.report ? JSON.parse(r.report) : null,
      delivered: r.delivered,
    }));
    return { monitor: toMonitor(row), runs };
  }

  /**
   * Start a run of every active monitor whose last run was not against these list versions. Any number of
   * workers may call this on the same change: the run's idempotency key (monitor and versions) makes one job.
   */
  async trigger(versions: readonly ListVersion[]): Promise<number[]> {
    if (versions.length === 0) return [];
    const key = listsKey(versions);
    const due = (
      await this.pool.query<MonitorRow>(
        `SELECT m.* FROM monitors m WHERE m.active AND NOT EXISTS (
           SELECT 1 FROM monitor_runs r WHERE r.monitor_id = m.id AND r.lists = $1)
         ORDER BY m.id`,
        [key],
      )
    ).rows;
    const started: number[] = [];
    for (const m of due) {
      const { id, created } = await this.jobs.submit({
        name: `monitor ${m.id} (${m.name})`,
        fileId: m.file_id,
        options: JSON.parse(m.options),
        actor: `monitor:${m.id}:${m.name}`,
        idempotencyKey: `monitor:${m.id}:${key}`,
        created: async (client, jobId) => {
          await client.query(
            "INSERT INTO monitor_runs (job_id, monitor_id, lists, created) VALUES ($1, $2, $3, $4)",
            [jobId, m.id, key, new Date().toISOString()],
          );
        },
      });
      if (created) started.push(id);
    }
    return started;
  }

  /** Queue the report of a monitoring run, inside the transaction that finished its job. */
  async onJobComplete(client: pg.PoolClient, jobId: number): Promise<void> {
    const run = (await client.query("SELECT 1 FROM monitor_runs WHERE job_id = $1", [jobId])).rows[0];
    if (!run) return;
    await client.query(
      "SELECT graphile_worker.add_job($1, json_build_object('job', $2::int), max_attempts := 10, job_key := 'report:' || $2)",
      [REPORT_TASK, jobId],
    );
  }

  /**
   * Compare a finished run with the monitor's previous finished run, store the report, and post the changes
   * to the webhook (signed); nothing is posted for the first run or when nothing changed.
   */
  async report(jobId: number): Promise<MonitorReport | undefined> {
    const run = (
      await this.pool.query(
        `SELECT r.*, m.webhook_url, m.secret, m.name FROM monitor_runs r JOIN monitors m ON m.id = r.monitor_id
         WHERE r.job_id = $1`,
        [jobId],
      )
    ).rows[0];
    if (!run || run.delivered) return run?.report ? JSON.parse(run.report) : undefined;
    const previous = (
      await this.pool.query(
        `SELECT r.job_id, r.lists FROM monitor_runs r JOIN batch_jobs j ON j.id = r.job_id
         WHERE r.monitor_id = $1 AND r.job_id < $2 AND j.status = 'done' ORDER BY r.job_id DESC LIMIT 1`,
        [run.monitor_id, jobId],
      )
    ).rows[0];
    const lists = JSON.parse(run.lists);
    let report: MonitorReport;
    if (!previous) {
      report = { baseline: true, previousJob: null, previousLists: null, lists, changes: emptyChanges() };
    } else {
      const changes = emptyChanges();
      // Both runs screened the same file in the same chunks: compare them chunk by chunk.
      const before = this.jobs.results(previous.job_id);
      for await (const now of this.jobs.results(jobId)) {
        const was = await before.next();
        const d = diffResults(was.done ? [] : was.value, now);
        changes.newHits.push(...d.newHits);
        changes.goneHits.push(...d.goneHits);
        changes.crossed.push(...d.crossed);
      }
      report = {
        baseline: false,
        previousJob: previous.job_id,
        previousLists: JSON.parse(previous.lists),
        lists,
        changes,
      };
    }
    await this.pool.query("UPDATE monitor_runs SET report = $2 WHERE job_id = $1", [
      jobId,
      JSON.stringify(report),
    ]);
    if (report.baseline || unchanged(report.changes)) return report;
    await deliver(run.webhook_url, run.secret, `monitor-${run.monitor_id}-job-${jobId}`, {
      event: "monitor.changes",
      monitor: { id: run.monitor_id, name: run.name },
      job: jobId,
      ...report,
      counts: {
        newHits: report.changes.newHits.length,
        goneHits: report.changes.goneHits.length,
        crossed: report.changes.crossed.length,
      },
    });
    await this.pool.query("UPDATE monitor_runs SET delivered = $2 WHERE job_id = $1", [
      jobId,
      new Date().toISOString(),
    ]);
    return report;
  }

  /** What a worker adds for monitoring: the report task, and queuing it when a monitoring run finishes. */
  extensions(): WorkerExtensions {
    const report: Task = async (payload) => {
      await this.report((payload as { job: number }).job);
    };
    return {
      tasks: { [REPORT_TASK]: report },
      onJobComplete: (client, jobId) => this.onJobComplete(client, jobId),
    };
  }
}

function emptyChanges(): Changes {
  return { newHits: [], goneHits: [], crossed: [] };
}
