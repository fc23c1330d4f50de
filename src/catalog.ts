import { NameIndex } from "./match/name-index.ts";
import { screen } from "./match/screen.ts";
import type { Hit, ScreenOptions, ScreenQuery } from "./match/types.ts";
import type { Entity, ListVersion } from "./model/entity.ts";
import type { Store } from "./store/store.ts";

/** The answer to one screening request, as the CLI's --json and the API return it. */
export interface ScreenAnswer {
  query: ScreenQuery;
  hits: Hit[];
}

/** A list version as the CLI (`lists --json`) and the API (`GET /v1/lists`) show it. */
export function listSummary(v: ListVersion) {
  return {
    source: v.source,
    version: v.id,
    published: v.published ?? null,
    importedAt: v.importedAt,
    entities: v.entities,
    names: v.names,
    checksums: v.checksums,
    warnings: v.warnings,
    ...(v.note ? { note: v.note } : {}),
  };
}

/** An immutable snapshot: the list versions in service and the index built from them. */
export interface Snapshot {
  versions: ListVersion[];
  index: NameIndex;
}

/**
 * Holds the index of the list versions in service. `reload` builds a complete new snapshot before it swaps
 * it in, so requests are always answered from one whole set of versions, never a half-built one.
 */
export class Catalog {
  private snapshot: Snapshot;

  private constructor(
    private readonly store: Store,
    snapshot: Snapshot,
  ) {
    this.snapshot = snapshot;
  }

  /** Build a catalog from the versions currently in service in a store. */
  static async load(store: Store): Promise<Catalog> {
    return new Catalog(store, await Catalog.build(store));
  }

  private static async build(store: Store): Promise<Snapshot> {
    const versions = await store.currentVersions();
    const entities: Entity[] = [];
    for (const version of versions) entities.push(...(await store.loadEntities(version.id)));
    return { versions, index: new NameIndex(entities) };
  }

  /** Rebuild from the store and swap atomically. */
  async reload(): Promise<void> {
    this.snapshot = await Catalog.build(this.store);
  }

  get versions(): ListVersion[] {
    return this.snapshot.versions;
  }

  get entityCount(): number {
    return this.snapshot.index.entities.length;
  }

  /** Screen one query against every list in service. */
  screen(query: ScreenQuery, options?: ScreenOptions): ScreenAnswer {
    return { query, hits: screen(this.snapshot.index, query, options) };
  }
}
