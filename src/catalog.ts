import { createHash } from "node:crypto";
import { type AssessOptions, assess } from "./assess/assess.ts";
import type { Assessment, Deal } from "./assess/types.ts";
import { NameIndex } from "./match/name-index.ts";
import { groupHits, type Party, PartyIndex, partyOf } from "./match/parties.ts";
import { ALERT_THRESHOLD, DEFAULT_LIMIT, DEFAULT_MIN_SCORE, screen } from "./match/screen.ts";
import type { Hit, ScreenOptions, ScreenQuery } from "./match/types.ts";
import { type Entity, type ListVersion, SOURCE_IDS } from "./model/entity.ts";
import { type ScanOptions, type ScanResult, scan } from "./scan/scan.ts";
import { sourceTitle } from "./sources/download.ts";
import { BUILTIN_SOURCES, ensureBuiltinLists } from "./sources/lsp.ts";
import { type AuditEntry, ENGINE_VERSION } from "./store/audit.ts";
import type { Store } from "./store/store.ts";

/** Who asked for a screening, as the audit trail records it. */
export interface Requester {
  actor: string;
  channel: string;
  ref?: string;
}

/**
 * The answer to one screening request, as the CLI's --json and the API return it: the hits, best first, each with
 * the id of its party, and the parties, each with every listing the loaded lists hold of it.
 */
export interface ScreenAnswer {
  query: ScreenQuery;
  hits: Hit[];
  parties: Party[];
}

/** Official lists first in their usual order, built-in ones after. */
export function sortVersions(versions: ListVersion[]): ListVersion[] {
  const rank = (v: ListVersion) =>
    (BUILTIN_SOURCES.includes(v.source) ? 100 : 0) + Math.max(0, SOURCE_IDS.indexOf(v.source));
  return [...versions].sort((a, b) => rank(a) - rank(b) || b.id - a.id);
}

/** A list version as the CLI (`lists --json`) and the API (`GET /v1/lists`) show it. */
export function listSummary(v: ListVersion) {
  return {
    source: v.source,
    title: sourceTitle(v.source),
    builtin: BUILTIN_SOURCES.includes(v.source),
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

/** The list versions an answer was drawn from as `source=id` pairs (the `X-Redline-Lists` header). */
export function listsHeader(lists: Record<string, number>): string {
  return Object.entries(lists)
    .map(([source, id]) => `${source}=${id}`)
    .join(",");
}

/** The audit entry of one answered request: who asked, what, from which list versions, and the entries hit. */
function auditEntry(
  snapshot: Snapshot,
  who: Requester,
  query: ScreenQuery,
  options: Record<string, unknown>,
  hits: readonly Hit[],
): AuditEntry {
  // One entry per list entry, at its best score, in the order first met.
  const best = new Map<string, number>();
  for (const h of hits) best.set(h.id, Math.max(best.get(h.id) ?? 0, h.score));
  return {
    actor: who.actor,
    channel: who.channel,
    ...(who.ref !== undefined ? { ref: who.ref } : {}),
    query,
    lists: Object.fromEntries(snapshot.versions.map((v) => [v.source, v.id])),
    options,
    hits: [...best].map(([id, score]) => ({ id, score })),
    engine: ENGINE_VERSION,
  };
}

/** An immutable snapshot: the list versions in service, the index built from them and its parties. */
export interface Snapshot {
  versions: ListVersion[];
  index: NameIndex;
  parties: PartyIndex;
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

  /**
   * Build a catalog from the versions currently in service in a store; the built-in lists are stored first when
   * the store lacks them or holds an older table than this redline ships.
   */
  static async load(store: Store): Promise<Catalog> {
    await ensureBuiltinLists(store);
    return new Catalog(store, await Catalog.build(store));
  }

  private static async build(store: Store): Promise<Snapshot> {
    const versions = sortVersions(await store.currentVersions());
    const entities: Entity[] = [];
    for (const version of versions) entities.push(...(await store.loadEntities(version.id)));
    const index = new NameIndex(entities);
    return { versions, index, parties: PartyIndex.build(index) };
  }

  private building: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;

  /**
   * Rebuild from the store and swap atomically. Rebuilds run one at a time, so an older build can never
   * finish after a newer one and swap an old version back in; calls made while one runs share the next,
   * which starts after them and so sees what they were told of. Unchanged versions are not rebuilt.
   */
  reload(): Promise<void> {
    if (this.queued) return this.queued;
    const next = this.building
      .catch(() => undefined)
      .then(async () => {
        this.queued = undefined;
        // In the snapshot's order, so that the same versions compare as the same.
        const versions = sortVersions(await this.store.currentVersions());
        const same = (a: ListVersion[], b: ListVersion[]) =>
          a.length === b.length && a.every((v, i) => v.id === b[i]?.id);
        if (same(versions, this.snapshot.versions)) return;
        const built = await Catalog.build(this.store);
        this.snapshot = built;
      });
    this.queued = next;
    this.building = next;
    return next;
  }

  /** A catalog that keeps answering from the versions in service now, whatever is swapped in later. */
  pinned(): Catalog {
    return new Catalog(this.store, this.snapshot);
  }

  get versions(): ListVersion[] {
    return this.snapshot.versions;
  }

  get entityCount(): number {
    return this.snapshot.index.entities.length;
  }

  /** Screen one query against every list in service. */
  screen(query: ScreenQuery, options?: ScreenOptions): ScreenAnswer {
    return answer(this.snapshot, query, options);
  }

  /** The listings of the same party as an entry (itself included), when the lists hold more than one. */
  partyOf(id: string): ReturnType<typeof partyOf> {
    return partyOf(id, this.snapshot.parties, this.snapshot.index);
  }

  /** How many parties have listings on more than one list. */
  get groupedParties(): number {
    return this.snapshot.parties.size;
  }

  /** Scan a document and describe it as an audit entry: the document's digest, size, and every party hit. */
  scanAudited(
    input: string,
    options: ScanOptions,
    who: Requester,
  ): { result: ScanResult; entry: AuditEntry } {
    const snapshot = this.snapshot;
    const result = scan(snapshot.index, input, options);
    const digest = createHash("sha256").update(input).digest("hex");
    const entry = auditEntry(
      snapshot,
      who,
      { name: `scan of ${input.length} characters (${result.format}), sha256 ${digest}` },
      {
        threshold: options.threshold ?? ALERT_THRESHOLD,
        format: result.format,
        ...(options.includeLists ? { includeLists: options.includeLists } : {}),
        ...(options.excludeLists ? { excludeLists: options.excludeLists } : {}),
      },
      result.mentions.flatMap((m) => (m.kind === "party" ? m.hits : [])),
    );
    return { result, entry };
  }

  /** Assess a deal and describe it as an audit entry: the parties, the verdict and every list entry cited. */
  assessAudited(
    deal: Deal,
    options: AssessOptions,
    who: Requester,
  ): { result: Assessment; entry: AuditEntry } {
    const snapshot = this.snapshot;
    const result = assess(snapshot.index, deal, options);
    const entry = auditEntry(
      snapshot,
      who,
      { name: `assess: ${deal.parties.map((p) => `${p.name} (${p.role})`).join("; ")}`.slice(0, 2000) },
      {
        threshold: options.threshold ?? ALERT_THRESHOLD,
        verdict: result.verdict,
        rules: result.findings.map((f) => f.rule),
      },
      result.screened.flatMap((s) => s.hits),
    );
    return { result, entry };
  }

  /** Screen one query and describe it as an audit entry, both drawn from one snapshot. */
  screenAudited(
    query: ScreenQuery,
    options: ScreenOptions,
    who: Requester,
  ): { answer: ScreenAnswer; entry: AuditEntry } {
    const snapshot = this.snapshot;
    const result = answer(snapshot, query, options);
    const entry = auditEntry(
      snapshot,
      who,
      query,
      {
        limit: options.limit ?? DEFAULT_LIMIT,
        minScore: options.minScore ?? DEFAULT_MIN_SCORE,
        threshold: options.threshold ?? ALERT_THRESHOLD,
        mode: options.mode ?? "redline",
      },
      result.hits,
    );
    return { answer: result, entry };
  }
}

/** Screen against a snapshot and group the hits by party. */
function answer(snapshot: Snapshot, query: ScreenQuery, options?: ScreenOptions): ScreenAnswer {
  const grouped = groupHits(screen(snapshot.index, query, options), snapshot.parties, snapshot.index);
  return { query, ...grouped };
}
