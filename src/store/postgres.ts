import { createHash } from "node:crypto";
import pg from "pg";
import type { Entity, ListVersion, SourceId } from "../model/entity.ts";
import {
  type AuditEntry,
  type AuditRecord,
  type AuditVerdict,
  auditBody,
  auditHash,
  ChainChecker,
  type StoredAuditRow,
  toAuditRecord,
} from "./audit.ts";
import { type MigrationResult, migrate } from "./migrate.ts";
import { hashKey, type KeyRow, toApiKey, toVersion, type VersionRow } from "./sqlite.ts";
import type { ApiKey, AuditQueryOptions, NewApiKey, NewListVersion, Store } from "./store.ts";

/** The channel on which a saved list version is announced to every process on the database. */
export const LISTS_CHANNEL = "redline_lists";

// Rows go in as arrays through unnest(): one statement per slice instead of one per entry.
const SLICE = 2000;

/** A database address fit for messages: the password is left out. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "an invalid address";
  }
}

/** True for a `postgres://` or `postgresql://` address. */
export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//i.test(url);
}

// bigint (audit seq, counts) as numbers: a JavaScript number holds 2^53, far beyond any trail.
const TYPES = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

/** A connection pool whose idle connections may drop (a restarted server) without ending the process. */
export function createPool(url: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, types: TYPES, connectionTimeoutMillis: 10_000 });
  pool.on("error", () => {
    // An idle connection was closed by the server: the pool drops it and opens another when needed.
  });
  pool.on("connect", (client) => {
    // A connection lost while checked out fails the query in hand; the event itself must not end the process.
    client.on("error", () => undefined);
  });
  return pool;
}

/** Run `work` in one transaction on a connection of the pool. */
export async function transaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Append entries to the chain inside the caller's transaction: the head row is locked first, so writers in
 * any number of processes queue on it and each reads the hash the previous one wrote.
 */
export async function appendChain(client: pg.ClientBase, entries: AuditEntry[]): Promise<AuditRecord[]> {
  if (entries.length === 0) return [];
  const head = (
    await client.query<{ seq: number; hash: string }>("SELECT seq, hash FROM audit_head FOR UPDATE")
  ).rows[0];
  if (!head) throw new Error("the audit chain head is missing: run `redline migrate`");
  const time = new Date().toISOString();
  let prev = head.hash;
  let seq = head.seq;
  const rows: StoredAuditRow[] = entries.map((entry) => {
    const body = auditBody(time, entry);
    const hash = auditHash(prev, body);
    const row = { seq: ++seq, time, actor: entry.actor, body, prev_hash: prev, hash };
    prev = hash;
    return row;
  });
  for (let i = 0; i < rows.length; i += SLICE) {
    const slice = rows.slice(i, i + SLICE);
    await client.query(
      `INSERT INTO audit (seq, time, actor, body, prev_hash, hash)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
      [
        slice.map((r) => r.seq),
        slice.map((r) => r.time),
        slice.map((r) => r.actor),
        slice.map((r) => r.body),
        slice.map((r) => r.prev_hash),
        slice.map((r) => r.hash),
      ],
    );
  }
  await client.query("UPDATE audit_head SET seq = $1, hash = $2", [seq, prev]);
  return rows.map(toAuditRecord);
}

interface AuditWaiter {
  entries: AuditEntry[];
  resolve: (records: AuditRecord[]) => void;
  reject: (error: unknown) => void;
}

/**
 * The store for several machines: PostgreSQL, selected by `DATABASE_URL`. The schema is brought up to date
 * (versioned migrations) before the first query; every saved list version is announced on `redline_lists`.
 */
export class PostgresStore implements Store {
  readonly pool: pg.Pool;
  /** Resolves once the schema is migrated; every method waits for it. */
  readonly ready: Promise<MigrationResult>;
  private auditQueue: AuditWaiter[] = [];
  private auditFlushing = false;
  private listeners = new Set<pg.Client>();
  private closed = false;

  constructor(
    readonly url: string,
    opts: { poolSize?: number } = {},
  ) {
    this.pool = createPool(url, opts.poolSize ?? Number(process.env.REDLINE_PG_POOL ?? 10));
    this.ready = migrate(this.pool).catch((error: Error) => {
      throw new Error(`PostgreSQL at ${redact(url)} (DATABASE_URL): ${error.message}`);
    });
    // Whoever calls a method sees the failure; an unobserved one must not end the process on its own.
    this.ready.catch(() => undefined);
  }

  private async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    await this.ready;
    return (await this.pool.query<R>(sql, params)).rows;
  }

  private async tx<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    await this.ready;
    return transaction(this.pool, work);
  }

  async saveListVersion(version: NewListVersion): Promise<ListVersion> {
    const names = version.entities.reduce((n, e) => n + e.names.length, 0);
    const importedAt = new Date().toISOString();
    const members = version.entities.map((entity) => {
      const { listVersion: _, ...content } = entity;
      const data = JSON.stringify(content);
      return { id: entity.id, hash: createHash("sha256").update(data).digest("hex"), data };
    });
    const row = await this.tx(async (client) => {
      const saved = (
        await client.query<VersionRow>(
          `INSERT INTO list_versions (source, published, imported_at, entities, names, checksums, warnings, note)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
          [
            version.source,
            version.published ?? null,
            importedAt,
            version.entities.length,
            names,
            JSON.stringify(version.checksums),
            JSON.stringify(version.warnings),
            version.note ?? null,
          ],
        )
      ).rows[0] as VersionRow;
      for (let i = 0; i < members.length; i += SLICE) {
        const slice = members.slice(i, i + SLICE);
        await client.query(
          `INSERT INTO entity_blobs (hash, data) SELECT * FROM unnest($1::text[], $2::text[])
           ON CONFLICT (hash) DO NOTHING`,
          [slice.map((m) => m.hash), slice.map((m) => m.data)],
        );
        await client.query(
          `INSERT INTO version_entities (version_id, entity_id, hash)
           SELECT $1, * FROM unnest($2::text[], $3::text[])`,
          [saved.id, slice.map((m) => m.id), slice.map((m) => m.hash)],
        );
      }
      await client.query(
        `INSERT INTO current_versions (source, version_id) VALUES ($1, $2)
         ON CONFLICT (source) DO UPDATE SET version_id = excluded.version_id`,
        [version.source, saved.id],
      );
      // Delivered on commit, to every process listening on this database.
      await client.query("SELECT pg_notify($1, $2)", [LISTS_CHANNEL, `${version.source}:${saved.id}`]);
      return saved;
    });
    return toVersion(row);
  }

  async currentVersions(): Promise<ListVersion[]> {
    const rows = await this.query<VersionRow>(
      `SELECT v.* FROM current_versions c JOIN list_versions v ON v.id = c.version_id
       ORDER BY v.source COLLATE "C"`,
    );
    return rows.map(toVersion);
  }

  async listVersions(source?: SourceId): Promise<ListVersion[]> {
    const rows = source
      ? await this.query<VersionRow>("SELECT * FROM list_versions WHERE source = $1 ORDER BY id DESC", [
          source,
        ])
      : await this.query<VersionRow>("SELECT * FROM list_versions ORDER BY id DESC");
    return rows.map(toVersion);
  }

  async loadEntities(versionId: number): Promise<Entity[]> {
    // Byte order, as SQLite sorts, whatever the database's locale.
    const rows = await this.query<{ data: string }>(
      `SELECT b.data FROM version_entities m JOIN entity_blobs b ON b.hash = m.hash
       WHERE m.version_id = $1 ORDER BY m.entity_id COLLATE "C"`,
      [versionId],
    );
    return rows.map((r) => ({ ...JSON.parse(r.data), listVersion: versionId }));
  }

  async getEntity(id: string): Promise<Entity | undefined> {
    const row = (
      await this.query<{ data: string; version_id: number }>(
        `SELECT b.data, m.version_id FROM current_versions c
         JOIN version_entities m ON m.version_id = c.version_id
         JOIN entity_blobs b ON b.hash = m.hash
         WHERE m.entity_id = $1`,
        [id],
      )
    )[0];
    return row ? { ...JSON.parse(row.data), listVersion: row.version_id } : undefined;
  }

  async entityVersions(id: string): Promise<ListVersion[]> {
    const rows = await this.query<VersionRow>(
      `SELECT v.* FROM version_entities m JOIN list_versions v ON v.id = m.version_id
       WHERE m.entity_id = $1 ORDER BY v.id`,
      [id],
    );
    return rows.map(toVersion);
  }

  async appendAudit(entry: AuditEntry): Promise<AuditRecord> {
    return this.appendAuditBatch([entry]).then((records) => records[0] as AuditRecord);
  }

  async appendAuditBatch(entries: AuditEntry[]): Promise<AuditRecord[]> {
    // Appends that arrive while a commit is under way share the next one: each caller still waits for its
    // own records to be durable, and a failed commit fails every caller in it.
    return new Promise((resolve, reject) => {
      this.auditQueue.push({ entries, resolve, reject });
      this.flushAudit();
    });
  }

  private flushAudit(): void {
    if (this.auditFlushing || this.auditQueue.length === 0) return;
    this.auditFlushing = true;
    const queue = this.auditQueue;
    this.auditQueue = [];
    this.tx((client) =>
      appendChain(
        client,
        queue.flatMap((w) => w.entries),
      ),
    )
      .then(
        (records) => {
          let at = 0;
          for (const waiter of queue) {
            waiter.resolve(records.slice(at, at + waiter.entries.length));
            at += waiter.entries.length;
          }
        },
        (error) => {
          for (const waiter of queue) waiter.reject(error);
        },
      )
      .finally(() => {
        this.auditFlushing = false;
        this.flushAudit();
      });
  }

  async auditRecords(opts: AuditQueryOptions): Promise<AuditRecord[]> {
    const order = opts.newest ? "DESC" : "";
    const rows = await this.query<StoredAuditRow>(
      `SELECT * FROM audit WHERE seq > $1 AND time >= $2 ORDER BY seq ${order} LIMIT $3`,
      [opts.after ?? 0, opts.since ?? "", opts.limit],
    );
    return rows.map(toAuditRecord);
  }

  async verifyAudit(): Promise<AuditVerdict> {
    const checker = new ChainChecker();
    // Pages by sequence number: a trail of millions of records is never held in memory at once.
    let after = 0;
    for (;;) {
      const rows = await this.query<StoredAuditRow>(
        "SELECT * FROM audit WHERE seq > $1 ORDER BY seq LIMIT 5000",
        [after],
      );
      for (const row of rows) {
        const broken = checker.add(row);
        if (broken) return broken;
      }
      if (rows.length < 5000) break;
      after = (rows.at(-1) as StoredAuditRow).seq;
    }
    const head = (await this.query<{ seq: number }>("SELECT seq FROM audit_head"))[0];
    return checker.end(head?.seq);
  }

  async createKey(key: NewApiKey): Promise<ApiKey> {
    const row = (
      await this.query<KeyRow>(
        "INSERT INTO api_keys (name, scopes, key_hash, created) VALUES ($1, $2, $3, $4) RETURNING *",
        [key.name, JSON.stringify(key.scopes), hashKey(key.key), new Date().toISOString()],
      )
    )[0] as KeyRow;
    return toApiKey(row);
  }

  async listKeys(): Promise<ApiKey[]> {
    return (await this.query<KeyRow>("SELECT * FROM api_keys ORDER BY id")).map(toApiKey);
  }

  async revokeKey(id: number): Promise<boolean> {
    const rows = await this.query<{ id: number }>(
      "UPDATE api_keys SET revoked = $1 WHERE id = $2 AND revoked IS NULL RETURNING id",
      [new Date().toISOString(), id],
    );
    return rows.length > 0;
  }

  async findKey(key: string): Promise<ApiKey | undefined> {
    const row = (
      await this.query<KeyRow>("SELECT * FROM api_keys WHERE key_hash = $1 AND revoked IS NULL", [
        hashKey(key),
      ])
    )[0];
    return row ? toApiKey(row) : undefined;
  }

  async activeKeyCount(): Promise<number> {
    // Asked on every anonymous request; an indexed count on a small table, so a key made anywhere counts at once.
    const row = (
      await this.query<{ n: number }>("SELECT count(*)::int AS n FROM api_keys WHERE revoked IS NULL")
    )[0];
    return row?.n ?? 0;
  }

  /**
   * Call `onChange` whenever any process saves a list version, and once after a lost connection comes back
   * (announcements made meanwhile were missed). Resolves, with a function that stops watching, once listening.
   */
  async watchLists(onChange: () => void): Promise<() => Promise<void>> {
    await this.ready;
    let stopped = false;
    let current: pg.Client | undefined;
    const connect = async (): Promise<void> => {
      const client = new pg.Client({ connectionString: this.url, types: TYPES });
      client.on("notification", (n) => {
        if (n.channel === LISTS_CHANNEL) onChange();
      });
      const lost = () => {
        if (current !== client) return;
        current = undefined;
        this.listeners.delete(client);
        client.end().catch(() => undefined);
        if (!stopped && !this.closed) void retry();
      };
      client.on("error", lost);
      client.on("end", lost);
      await client.connect();
      await client.query(`LISTEN ${LISTS_CHANNEL}`);
      current = client;
      this.listeners.add(client);
    };
    const retry = async (): Promise<void> => {
      for (let delay = 250; !stopped && !this.closed; delay = Math.min(delay * 2, 5000)) {
        await new Promise((r) => setTimeout(r, delay));
        if (stopped || this.closed) return;
        try {
          await connect();
          onChange();
          return;
        } catch {
          // The server is still away: try again a little later.
        }
      }
    };
    await connect();
    return async () => {
      stopped = true;
      const client = current;
      current = undefined;
      if (client) {
        this.listeners.delete(client);
        await client.end().catch(() => undefined);
      }
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.ready.catch(() => undefined);
    for (const client of this.listeners) await client.end().catch(() => undefined);
    this.listeners.clear();
    await this.pool.end();
  }
}
