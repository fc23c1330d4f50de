import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { Entity, ListVersion, SourceId } from "../model/entity.ts";
import type { NewListVersion, Store } from "./store.ts";

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
];

interface VersionRow {
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

function toVersion(row: VersionRow): ListVersion {
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
    const insertVersion = this.db.prepare(
      `INSERT INTO list_versions (source, published, imported_at, entities, names, checksums, warnings, note)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertBlob = this.db.prepare("INSERT OR IGNORE INTO entity_blobs (hash, data) VALUES (?, ?)");
    const insertMember = this.db.prepare(
      "INSERT INTO version_entities (version_id, entity_id, hash) VALUES (?, ?, ?)",
    );
    const setCurrent = this.db.prepare(
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
    return toVersion(this.db.prepare("SELECT * FROM list_versions WHERE id = ?").get(id) as VersionRow);
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
        ? this.db.prepare("SELECT * FROM list_versions WHERE source = ? ORDER BY id DESC").all(source)
        : this.db.prepare("SELECT * FROM list_versions ORDER BY id DESC").all()
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

  async close(): Promise<void> {
    this.db.close();
  }
}
