import type { RowResult } from "./rows.ts";

/** One hit that appeared or went away between two screenings of a row. */
export interface HitChange {
  row: number;
  name: string;
  id: string;
  hitName: string;
  score: number;
  match: boolean;
}

/** A hit whose score moved past the alert threshold, up (now a match) or down (no longer one). */
export interface Crossing {
  row: number;
  name: string;
  id: string;
  hitName: string;
  before: number;
  after: number;
  direction: "up" | "down";
}

/** What changed between two screenings of the same file: only the differences. */
export interface Changes {
  newHits: HitChange[];
  goneHits: HitChange[];
  crossed: Crossing[];
}

type Best = Map<string, { score: number; match: boolean; name: string }>;

function best(result: RowResult): Best {
  const map: Best = new Map();
  for (const h of result.hits) {
    const seen = map.get(h.id);
    if (!seen || h.score > seen.score) map.set(h.id, { score: h.score, match: h.match, name: h.name });
  }
  return map;
}

function hitChange(
  row: RowResult,
  id: string,
  hit: { score: number; match: boolean; name: string },
): HitChange {
  return { row: row.row, name: row.name, id, hitName: hit.name, score: hit.score, match: hit.match };
}

/**
 * Compare two screenings of one file row by row (both in row order): hits that are new, hits that are
 * gone, and hits whose score crossed the threshold. Rows that did not change are left out.
 */
export function diffResults(before: Iterable<RowResult>, after: Iterable<RowResult>): Changes {
  const changes: Changes = { newHits: [], goneHits: [], crossed: [] };
  const old = new Map<number, RowResult>();
  for (const r of before) old.set(r.row, r);
  for (const now of after) {
    const was = best(old.get(now.row) ?? { row: now.row, name: now.name, hits: [] });
    const is = best(now);
    for (const [id, hit] of is) {
      const prev = was.get(id);
      if (!prev) {
        changes.newHits.push(hitChange(now, id, hit));
      } else if (prev.match !== hit.match) {
        changes.crossed.push({
          row: now.row,
          name: now.name,
          id,
          hitName: hit.name,
          before: prev.score,
          after: hit.score,
          direction: hit.match ? "up" : "down",
        });
      }
    }
    for (const [id, hit] of was) {
      if (!is.has(id)) {
        changes.goneHits.push(hitChange(now, id, hit));
      }
    }
  }
  return changes;
}

/** True when nothing changed. */
export function unchanged(changes: Changes): boolean {
  return changes.newHits.length === 0 && changes.goneHits.length === 0 && changes.crossed.length === 0;
}
