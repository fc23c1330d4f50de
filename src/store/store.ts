import type { Entity, ListVersion, SourceId } from "../model/entity.ts";
import type { AuditEntry, AuditRecord, AuditVerdict } from "./audit.ts";

/** What an import hands the store: one complete list version. */
export interface NewListVersion {
  source: SourceId;
  published?: string;
  checksums: Record<string, string>;
  warnings: string[];
  entities: Entity[];
  /** Marks a version that is not an official list (the built-in demo data). */
  note?: string;
}

/** Who may call the API, and for what. */
export type Scope = "screen" | "admin";

/** A stored API key: never the key itself, only who it is and what it may do. */
export interface ApiKey {
  id: number;
  name: string;
  scopes: Scope[];
  created: string;
  revoked?: string;
}

/** A key to store: the secret is hashed before it is written. */
export interface NewApiKey {
  name: string;
  scopes: Scope[];
  key: string;
}

/** Which audit records to read: forward from a time and/or a sequence number, or the latest `limit`. */
export interface AuditQueryOptions {
  since?: string;
  after?: number;
  limit: number;
  /** The latest `limit` records (still filtered by `since` and `after`), newest first. */
  newest?: boolean;
}

/**
 * Persistence for list versions and their entries. Implementations must make `saveListVersion`
 * all-or-nothing: until it resolves, readers keep seeing the previous version.
 */
export interface Store {
  /** Store a complete version and make it the current one for its source, atomically. */
  saveListVersion(version: NewListVersion): Promise<ListVersion>;
  /** The version currently in service for each source. */
  currentVersions(): Promise<ListVersion[]>;
  /** Every stored version, newest first, optionally of one source. */
  listVersions(source?: SourceId): Promise<ListVersion[]>;
  /** Every entry of one version. */
  loadEntities(versionId: number): Promise<Entity[]>;
  /** One entry of the current version of its source. */
  getEntity(id: string): Promise<Entity | undefined>;
  /** Every stored version an entry appears in, oldest first. */
  entityVersions(id: string): Promise<ListVersion[]>;
  /** Append one record to the hash-chained audit trail; throws when it cannot be written. */
  appendAudit(entry: AuditEntry): Promise<AuditRecord>;
  /** Append several records in one transaction, in order. */
  appendAuditBatch(entries: AuditEntry[]): Promise<AuditRecord[]>;
  /** Audit records in order, from a time (`since`, ISO) and/or after a sequence number; or the newest first. */
  auditRecords(opts: AuditQueryOptions): Promise<AuditRecord[]>;
  /** Check the whole chain and name the first record that breaks it. */
  verifyAudit(): Promise<AuditVerdict>;
  /** Store a new API key (hashed). */
  createKey(key: NewApiKey): Promise<ApiKey>;
  /** Every key, revoked ones included. */
  listKeys(): Promise<ApiKey[]>;
  /** Revoke a key; false when there is no such active key. */
  revokeKey(id: number): Promise<boolean>;
  /** The active key with this secret, if any. */
  findKey(key: string): Promise<ApiKey | undefined>;
  /** How many keys are not revoked. */
  activeKeyCount(): Promise<number>;
  /**
   * Call `onChange` whenever a list version is saved by any process sharing this store (optional: only
   * stores that several machines share announce changes). Resolves with a function that stops watching.
   */
  watchLists?(onChange: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
