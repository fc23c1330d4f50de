/**
 * What changed between two versions of one list: entries added, entries removed, and entries whose names,
 * programs or identifiers changed. Entries are matched by their redline id (the publisher's own id). Pure.
 */
import { primaryName } from "./match/screen.ts";
import type { Entity, ListVersion } from "./model/entity.ts";

/** Values one side has and the other lacks. */
export interface SetChange {
  added: string[];
  removed: string[];
}

/** An entry in a diff: who it is, and for a changed entry what changed. */
export interface DiffEntry {
  id: string;
  name: string;
  programs: string[];
  names?: SetChange;
  programsChanged?: SetChange;
  identifiers?: SetChange;
}

/** The differences between two versions of one list. */
export interface ListDiff {
  source: string;
  from: VersionInfo;
  to: VersionInfo;
  counts: { added: number; removed: number; changed: number; unchanged: number };
  added: DiffEntry[];
  removed: DiffEntry[];
  changed: DiffEntry[];
}

interface VersionInfo {
  version: number;
  published: string | null;
  importedAt: string;
  entities: number;
}

function info(v: ListVersion): VersionInfo {
  return { version: v.id, published: v.published ?? null, importedAt: v.importedAt, entities: v.entities };
}

/** A name as the diff shows it: the primary name as written, others with their kind ("X (aka)"). */
function nameKeys(e: Entity): string[] {
  return e.names.map((n) => (n.kind === "primary" ? n.full : `${n.full} (${n.kind})`));
}

function identifierKeys(e: Entity): string[] {
  return e.identifiers.map((i) => `${i.label} ${i.number}${i.country ? ` (${i.country})` : ""}`);
}

function compare(before: string[], after: string[]): SetChange | undefined {
  const a = new Set(before);
  const b = new Set(after);
  const added = [...b].filter((x) => !a.has(x));
  const removed = [...a].filter((x) => !b.has(x));
  return added.length || removed.length ? { added, removed } : undefined;
}

function entry(e: Entity): DiffEntry {
  return { id: e.id, name: primaryName(e), programs: e.programs };
}

/** Compare two versions of one list entry by entry. */
export function diffVersions(
  from: ListVersion,
  fromEntities: Entity[],
  to: ListVersion,
  toEntities: Entity[],
): ListDiff {
  const before = new Map(fromEntities.map((e) => [e.id, e]));
  const after = new Map(toEntities.map((e) => [e.id, e]));
  const added: DiffEntry[] = [];
  const removed: DiffEntry[] = [];
  const changed: DiffEntry[] = [];
  let unchanged = 0;
  for (const [id, e] of after) {
    const old = before.get(id);
    if (!old) {
      added.push(entry(e));
      continue;
    }
    const names = compare(nameKeys(old), nameKeys(e));
    const programsChanged = compare(old.programs, e.programs);
    const identifiers = compare(identifierKeys(old), identifierKeys(e));
    if (!names && !programsChanged && !identifiers) {
      unchanged++;
      continue;
    }
    changed.push({
      ...entry(e),
      ...(names ? { names } : {}),
      ...(programsChanged ? { programsChanged } : {}),
      ...(identifiers ? { identifiers } : {}),
    });
  }
  for (const [id, e] of before) if (!after.has(id)) removed.push(entry(e));
  const byId = (a: DiffEntry, b: DiffEntry) => a.id.localeCompare(b.id, "en", { numeric: true });
  return {
    source: to.source,
    from: info(from),
    to: info(to),
    counts: { added: added.length, removed: removed.length, changed: changed.length, unchanged },
    added: added.sort(byId),
    removed: removed.sort(byId),
    changed: changed.sort(byId),
  };
}
