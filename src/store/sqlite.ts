import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { Entity, ListVersion, SourceId } from "../model/entity.ts";
import {
  type AuditEntry,
  type AuditRecord,
  type AuditVerdict,
  auditBody,
  auditHash,
  ChainChecker,
  GENESIS_HASH,
  type StoredAuditRow,
  toAuditRecord,
} from "./audit.ts";
import type { ApiKey, AuditQueryOptions, NewApiKey, NewListVersion, Store } from "./store.ts";

const MIGRATIONS: string[] = [
  `CREATE TABLE list_versions (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     source TEXT NOT NULL,
     published TEXT,
     imported_at TEXT NOT NULL,
     entities INTEGER NOT NULL,
     names INTEGER NOT NULL,
     checksums TEXT NOT NULL,
     warnings TEXT NOT NULL,
     note TEXT
   );
   -- Entries are stored once per distinct content, so unchanged entries cost nothing in a new version.
   CREATE TABLE entity_blobs (hash TEXT PRIMARY KEY, data TEXT NOT NULL);
   CREATE TABLE version_entities (
     version_id INTEGER NOT NULL REFERENCES list_versions(id),
     entity_id TEXT NOT NULL,
     hash TEXT NOT NULL REFERENCES entity_blobs(hash),
     PRIMARY KEY (version_id, entity_id)
   ) WITHOUT ROWID;
   CREATE TABLE current_versions (
     source TEXT PRIMARY KEY,
     version_id INTEGER NOT NULL REFERENCES list_versions(id)
   );`,
  // The audit trail is append-only: the triggers stop honest mistakes, the hash chain exposes the rest.
  `CREATE TABLE audit (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     time TEXT NOT NULL,
     actor TEXT NOT NULL,
     body TEXT NOT NULL,
     prev_hash TEXT NOT NULL,
     hash TEXT NOT NULL
   );
   CREATE INDEX audit_time ON audit(time);
   CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
     BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
   CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
     BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;`,
  `CREATE TABLE api_keys (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     name TEXT NOT NULL,
     scopes TEXT NOT NULL,
     key_hash TEXT NOT NULL UNIQUE,
     created TEXT NOT NULL,
     revoked TEXT
   );`,
  // Finds every version an entry appears in without a scan of all versions' members.
  "CREATE INDEX version_entities_entity ON version_entities(entity_id);",
];

export interface VersionRow {
  id: number;
  source: string;
  published: string | null;
  imported_at: string;
  entities: number;
  names: number;
  checksums: string;
  warnings: string;
  note: string | null;
}

type AuditRow = StoredAuditRow;

export interface KeyRow {
  id: number;
  name: string;
  scopes: string;
  created: string;
  revoked: string | null;
}

export function toApiKey(row: KeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    scopes: JSON.parse(row.scopes),
    created: row.created,
    ...(row.revoked ? { revoked: row.revoked } : {}),
  };
}

/** SHA-256 of an API key: only this is stored, so a copy of the database does not leak usable keys. */
export function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function toVersion(row: VersionRow): ListVersion {
  return {
    id: row.id,
    source: row.source as SourceId,
    ...(row.published ? { published: row.published } : {}),
    importedAt: row.imported_at,
    entities: row.entities,
    names: row.names,
    checksums: JSON.parse(row.checksums),
    warnings: JSON.parse(row.warnings),
    ...(row.note ? { note: row.note } : {}),
  };
}

/** The embedded default store: one SQLite file in the data directory. */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  // Preparing a statement costs more than running it: each SQL text is prepared once per store.
  private readonly statements = new Map<string, Database.Statement>();

  private stmt(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
  private keyCount: { version: number; n: number } | undefined;
  private auditQueue: {
    entries: AuditEntry[];
    resolve: (records: AuditRecord[]) => void;
    reject: (error: unknown) => void;
  }[] = [];

  constructor(readonly file: string) {
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("foreign_keys = ON");
    this.db.pragma("busy_timeout = 5000");
    this.migrate();
  }

  /** Open (or create) the store in a data directory. */
  static open(dataDir: string): SqliteStore {
    mkdirSync(dataDir, { recursive: true });
    return new SqliteStore(join(dataDir, "redline.sqlite"));
  }

  /** The schema version of the file (SQLite's user_version): the number of migrations applied. */
  get schemaVersion(): number {
    return this.db.pragma("user_version", { simple: true }) as number;
  }

  private migrate(): void {
    const current = this.db.pragma("user_version", { simple: true }) as number;
    for (let v = current; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v] as string);
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
  }

  async saveListVersion(version: NewListVersion): Promise<ListVersion> {
    const insertVersion = this.stmt(
      `INSERT INTO list_versions (source, published, imported_at, entities, names, checksums, warnings, note)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertBlob = this.stmt("INSERT OR IGNORE INTO entity_blobs (hash, data) VALUES (?, ?)");
    const insertMember = this.stmt(
      "INSERT INTO version_entities (version_id, entity_id, hash) VALUES (?, ?, ?)",
    );
    const setCurrent = this.stmt(
      `INSERT INTO current_versions (source, version_id) VALUES (?, ?)
       ON CONFLICT(source) DO UPDATE SET version_id = excluded.version_id`,
    );
    const names = version.entities.reduce((n, e) => n + e.names.length, 0);
    const importedAt = new Date().toISOString();
    const id = this.db.transaction(() => {
      const info = insertVersion.run(
        version.source,
        version.published ?? null,
        importedAt,
        version.entities.length,
        names,
        JSON.stringify(version.checksums),
        JSON.stringify(version.warnings),
        version.note ?? null,
      );
      const versionId = Number(info.lastInsertRowid);
      for (const entity of version.entities) {
        const { listVersion: _, ...content } = entity;
        const data = JSON.stringify(content);
        const hash = createHash("sha256").update(data).digest("hex");
        insertBlob.run(hash, data);
        insertMember.run(versionId, entity.id, hash);
      }
      setCurrent.run(version.source, versionId);
      return versionId;
    })();
    return toVersion(this.stmt("SELECT * FROM list_versions WHERE id = ?").get(id) as VersionRow);
  }

  async currentVersions(): Promise<ListVersion[]> {
    const rows = this.db
      .prepare(
        `SELECT v.* FROM current_versions c JOIN list_versions v ON v.id = c.version_id ORDER BY v.source`,
      )
      .all() as VersionRow[];
    return rows.map(toVersion);
  }

  async listVersions(source?: SourceId): Promise<ListVersion[]> {
    const rows = (
      source
        ? this.stmt("SELECT * FROM list_versions WHERE source = ? ORDER BY id DESC").all(source)
        : this.stmt("SELECT * FROM list_versions ORDER BY id DESC").all()
    ) as VersionRow[];
    return rows.map(toVersion);
  }

  async loadEntities(versionId: number): Promise<Entity[]> {
    const rows = this.db
      .prepare(
        `SELECT b.data FROM version_entities m JOIN entity_blobs b ON b.hash = m.hash
         WHERE m.version_id = ? ORDER BY m.entity_id`,
      )
      .all(versionId) as { data: string }[];
    return rows.map((r) => ({ ...JSON.parse(r.data), listVersion: versionId }));
  }

  async getEntity(id: string): Promise<Entity | undefined> {
    const row = this.db
      .prepare(
        `SELECT b.data, m.version_id FROM current_versions c
         JOIN version_entities m ON m.version_id = c.version_id
         JOIN entity_blobs b ON b.hash = m.hash
         WHERE m.entity_id = ?`,
      )
      .get(id) as { data: string; version_id: number } | undefined;
    return row ? { ...JSON.parse(row.data), listVersion: row.version_id } : undefined;
  }

  async entityVersions(id: string): Promise<ListVersion[]> {
    const rows = this.db
      .prepare(
        `SELECT v.* FROM version_entities m JOIN list_versions v ON v.id = m.version_id
         WHERE m.entity_id = ? ORDER BY v.id`,
      )
      .all(id) as VersionRow[];
    return rows.map(toVersion);
  }

  async appendAudit(entry: AuditEntry): Promise<AuditRecord> {
    return this.appendAuditBatch([entry]).then((records) => records[0] as AuditRecord);
  }

  async appendAuditBatch(entries: AuditEntry[]): Promise<AuditRecord[]> {
    // Appends made in the same turn of the event loop share one commit (one fsync): each caller still
    // waits for its own records to be durable, and a failed commit fails every caller in it.
    return new Promise((resolve, reject) => {
      this.auditQueue.push({ entries, resolve, reject });
      if (this.auditQueue.length === 1) setImmediate(() => this.flushAudit());
    });
  }

  private flushAudit(): void {
    const queue = this.auditQueue;
    this.auditQueue = [];
    const last = this.stmt("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1");
    const insert = this.stmt(
      "INSERT INTO audit (time, actor, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?) RETURNING *",
    );
    let results: AuditRecord[][];
    try {
      // IMMEDIATE takes the write lock before reading the last hash, so two processes cannot fork the chain.
      results = this.db
        .transaction(() => {
          let prev = (last.get() as { hash: string } | undefined)?.hash ?? GENESIS_HASH;
          const time = new Date().toISOString();
          return queue.map(({ entries }) =>
            entries.map((entry) => {
              const body = auditBody(time, entry);
              const hash = auditHash(prev, body);
              const row = insert.get(time, entry.actor, body, prev, hash) as AuditRow;
              prev = hash;
              return toAuditRecord(row);
            }),
          );
        })
        .immediate();
    } catch (error) {
      for (const waiter of queue) waiter.reject(error);
      return;
    }
    queue.forEach((waiter, i) => {
      waiter.resolve(results[i] as AuditRecord[]);
    });
  }

  async auditRecords(opts: AuditQueryOptions): Promise<AuditRecord[]> {
    const order = opts.newest ? "DESC" : "";
    const rows = this.db
      .prepare(`SELECT * FROM audit WHERE seq > ? AND time >= ? ORDER BY seq ${order} LIMIT ?`)
      .all(opts.after ?? 0, opts.since ?? "", opts.limit) as AuditRow[];
    return rows.map(toAuditRecord);
  }

  async verifyAudit(): Promise<AuditVerdict> {
    const checker = new ChainChecker();
    for (const row of this.stmt("SELECT * FROM audit ORDER BY seq").iterate() as Iterable<AuditRow>) {
      const broken = checker.add(row);
      if (broken) return broken;
    }
    // AUTOINCREMENT remembers the highest number ever given, which exposes records cut from the end.
    const top = this.stmt("SELECT seq FROM sqlite_sequence WHERE name = 'audit'").get() as
      | { seq: number }
      | undefined;
    return checker.end(top?.seq);
  }

  async createKey(key: NewApiKey): Promise<ApiKey> {
    this.keyCount = undefined;
    const row = this.db
      .prepare("INSERT INTO api_keys (name, scopes, key_hash, created) VALUES (?, ?, ?, ?) RETURNING *")
      .get(key.name, JSON.stringify(key.scopes), hashKey(key.key), new Date().toISOString()) as KeyRow;
    return toApiKey(row);
  }

  async listKeys(): Promise<ApiKey[]> {
    return (this.stmt("SELECT * FROM api_keys ORDER BY id").all() as KeyRow[]).map(toApiKey);
  }

  async revokeKey(id: number): Promise<boolean> {
    this.keyCount = undefined;
    const info = this.db
      .prepare("UPDATE api_keys SET revoked = ? WHERE id = ? AND revoked IS NULL")
      .run(new Date().toISOString(), id);
    return info.changes > 0;
  }

  async findKey(key: string): Promise<ApiKey | undefined> {
    const row = this.stmt("SELECT * FROM api_keys WHERE key_hash = ? AND revoked IS NULL").get(
      hashKey(key),
    ) as KeyRow | undefined;
    return row ? toApiKey(row) : undefined;
  }

  async activeKeyCount(): Promise<number> {
    // Asked on every anonymous request: the count is kept until this store changes the keys or another
    // connection commits anything (SQLite's data_version moves), so a key created by the CLI counts at once.
    const version = this.stmt("PRAGMA data_version").pluck().get() as number;
    if (this.keyCount === undefined || this.keyCount.version !== version) {
      const n = (this.stmt("SELECT count(*) AS n FROM api_keys WHERE revoked IS NULL").get() as { n: number })
        .n;
      this.keyCount = { version, n };
    }
    return this.keyCount.n;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
