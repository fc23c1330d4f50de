import type { Entity } from "../model/entity.ts";
import type { NameIndex, NameRecord } from "./name-index.ts";
import { ofacExplain } from "./ofac-mode.ts";
import {
  ALERT_THRESHOLD,
  candidateRecords,
  DEFAULT_LIMIT,
  DEFAULT_MIN_SCORE,
  listFilter,
  rank,
  toHit,
} from "./screen.ts";
import type { Hit, ScreenOptions, ScreenQuery } from "./types.ts";

/** Candidates are retrieved loosely: OFAC's per-part scoring can rate names that redline's would not. */
const RETRIEVAL_FLOOR = 0.3;

/**
 * Screen with OFAC Sanctions List Search scores: the index retrieves candidates (no list scan), and each
 * name is scored as OFAC's tool would score it; the best name of each entry is its hit.
 */
export function screenOfac(index: NameIndex, query: ScreenQuery, options: ScreenOptions = {}): Hit[] {
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  const threshold = options.threshold ?? ALERT_THRESHOLD;
  const best = new Map<number, { record: NameRecord; score: number; summary: string }>();
  const listed = listFilter(options);
  for (const r of candidateRecords(index, query, RETRIEVAL_FLOOR)) {
    const record = index.record(r);
    if (!listed((index.entities[record.entity] as Entity).source)) continue;
    const current = best.get(record.entity);
    if (current?.record.full === record.full) continue;
    const explained = ofacExplain(query.name, record.full);
    const score = explained.score / 100;
    if (!current || score > current.score)
      best.set(record.entity, { record, score, summary: explained.summary });
  }
  const hits: Hit[] = [];
  for (const [e, { record, score, summary }] of best) {
    if (score < minScore) continue;
    const entity = index.entities[e] as Entity;
    hits.push(
      toHit(entity, record, score, threshold, {
        summary: `OFAC mode: ${summary}`,
        matchedName: record.full,
        matchedNameKind: record.kind,
        pairs: [],
        unmatchedQuery: [],
        unmatchedCandidate: [],
        nameScore: score,
        adjustments: [],
      }),
    );
  }
  return rank(hits, options.limit ?? DEFAULT_LIMIT);
}
