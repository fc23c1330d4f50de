import type { Entity, ListVersion, SourceId } from "../model/entity.ts";

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
  close(): Promise<void>;
}
