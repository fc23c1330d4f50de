/**
 * Set 1, alias recall: every alias of the 2021 OFAC SDN set, screened against the whole set, must find its own
 * entry; the same for primary names. A top-k success counts ties: the expected entry succeeds when fewer
 * than k hits score strictly higher, because an alias shared word for word by several entries cannot rank
 * one of them above the others.
 */
import type { Entity, NameKind } from "../src/model/entity.ts";
import {
  type EvalContext,
  errorNote,
  loadOfac2021,
  missingFiles,
  nameKey,
  OFAC_2021_DIR,
  primaryName,
  round,
  type SetResult,
  secondsSince,
  skipped,
} from "./common.ts";
import { pct } from "./metrics.ts";
import { type PoolRun, type ScreenJob, type ScreenOutcome, screenMany } from "./pool.ts";

export const NAME = "alias";

const FILES = ["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"].map((f) => `${OFAC_2021_DIR}${f}`);
const MISSES_KEPT = 20;
/** Ties at rank 10 can only be seen with hits beyond the tenth. */
const LIMIT = 50;
/** Rank is about order, not about alerting: low-scoring hits still count when nothing scores higher. */
const RANK_MIN_SCORE = 0;
const TOP10_TARGET = 0.995;

interface NameQuery {
  query: string;
  kind: NameKind;
  entity: Entity;
  /** The name, word for word, belongs to more than one entry. */
  shared: boolean;
}

interface Miss {
  query: string;
  kind: NameKind;
  expected: { id: string; name: string };
  expectedRank: number | null;
  expectedScore: number | null;
  first: { id: string; name: string; score: number } | null;
  error?: string;
}

interface Tally {
  n: number;
  top1: number;
  top10: number;
  alerts: number;
}

function tally(pairs: readonly [NameQuery, ScreenOutcome][]) {
  const t: Tally = { n: 0, top1: 0, top10: 0, alerts: 0 };
  for (const [, o] of pairs) {
    t.n++;
    const rank = o.expected?.rank;
    if (rank !== undefined && rank <= 1) t.top1++;
    if (rank !== undefined && rank <= 10) t.top10++;
    if (o.expected?.match) t.alerts++;
  }
  return {
    ...t,
    top1Rate: t.n ? round(t.top1 / t.n) : null,
    top10Rate: t.n ? round(t.top10 / t.n) : null,
    alertRate: t.n ? round(t.alerts / t.n) : null,
  };
}

function miss(q: NameQuery, o: ScreenOutcome, byId: Map<string, Entity>): Miss {
  const first = o.top[0];
  return {
    query: q.query,
    kind: q.kind,
    expected: { id: q.entity.id, name: primaryName(q.entity) },
    expectedRank: o.expected?.rank ?? null,
    expectedScore: o.expected?.score ?? null,
    first: first
      ? { id: first.id, name: primaryName(byId.get(first.id) as Entity) || first.id, score: first.score }
      : null,
    ...(o.error ? { error: o.error } : {}),
  };
}

function summarize(queries: NameQuery[], run: PoolRun, byId: Map<string, Entity>) {
  const pairs = queries.map((q, i) => [q, run.outcomes[i] as ScreenOutcome] as [NameQuery, ScreenOutcome]);
  const byKind: Record<string, ReturnType<typeof tally>> = {};
  for (const kind of new Set(queries.map((q) => q.kind))) {
    byKind[kind] = tally(pairs.filter(([q]) => q.kind === kind));
  }
  const top10Misses = pairs.filter(([, o]) => !(o.expected && o.expected.rank <= 10));
  const top1Misses = pairs.filter(([, o]) => !(o.expected && o.expected.rank <= 1));
  return {
    ...tally(pairs),
    notFound: pairs.filter(([, o]) => !o.expected).length,
    errors: pairs.filter(([, o]) => o.error).length,
    sharedQueries: queries.filter((q) => q.shared).length,
    shared: tally(pairs.filter(([q]) => q.shared)),
    unshared: tally(pairs.filter(([q]) => !q.shared)),
    byKind,
    seconds: round(run.seconds, 2),
    queriesPerSecond: run.seconds > 0 ? Math.round(queries.length / run.seconds) : null,
    queriesPerSecondPerThread: run.busySeconds > 0 ? Math.round(queries.length / run.busySeconds) : null,
    workers: run.workers,
    indexSeconds: round(run.indexSeconds, 2),
    ...(run.note ? { note: run.note } : {}),
    top10Misses: top10Misses.slice(0, MISSES_KEPT).map(([q, o]) => miss(q, o, byId)),
    top1Misses: top1Misses.slice(0, MISSES_KEPT).map(([q, o]) => miss(q, o, byId)),
  };
}

/** Run the alias- and primary-name recall set. */
export async function runAliasRecall(ctx: EvalContext): Promise<SetResult> {
  const missing = missingFiles(FILES);
  if (missing.length) return skipped(NAME, missing);
  const start = performance.now();
  const entities = await loadOfac2021();
  const byId = new Map(entities.map((e) => [e.id, e]));

  // Which entries carry each name, whatever its kind, to tell shared names from unique ones.
  const owners = new Map<string, Set<string>>();
  for (const e of entities) {
    for (const n of e.names) {
      const key = nameKey(n.full);
      const set = owners.get(key) ?? new Set<string>();
      set.add(e.id);
      owners.set(key, set);
    }
  }
  const aliases: NameQuery[] = [];
  const primaries: NameQuery[] = [];
  for (const e of entities) {
    // The same alias published twice for one entry is one query, not two.
    const seen = new Set<string>();
    for (const n of e.names) {
      const text = n.full.trim();
      if (!text || seen.has(`${n.kind === "primary"}|${text}`)) continue;
      seen.add(`${n.kind === "primary"}|${text}`);
      const q = { query: text, kind: n.kind, entity: e, shared: (owners.get(nameKey(text))?.size ?? 0) > 1 };
      (n.kind === "primary" ? primaries : aliases).push(q);
    }
  }

  const settings = {
    minScore: RANK_MIN_SCORE,
    limit: LIMIT,
    threshold: ctx.threshold,
    overridden: ctx.overridden,
    keepTop: 1,
  };
  const jobs = (qs: NameQuery[]): ScreenJob[] =>
    qs.map((q) => ({ query: { name: q.query }, expect: q.entity.id }));
  const aliasRun = await screenMany(entities, jobs(aliases), settings, ctx.workers);
  const primaryRun = await screenMany(entities, jobs(primaries), settings, ctx.workers);
  const aliasStats = summarize(aliases, aliasRun, byId);
  const primaryStats = summarize(primaries, primaryRun, byId);

  const sharedTexts = new Set(aliases.filter((a) => a.shared).map((a) => nameKey(a.query))).size;
  const line = (s: ReturnType<typeof summarize>, what: string) =>
    `top-1 ${pct(s.top1Rate)}, top-10 ${pct(s.top10Rate)} of ${s.n.toLocaleString("en")} ${what} ` +
    `(${s.sharedQueries.toLocaleString("en")} shared); alert ${pct(s.alertRate)}; ` +
    `${s.queriesPerSecond ?? "n/a"} q/s (${s.workers} thr)` +
    errorNote(s.errors);
  return {
    name: NAME,
    status: "ok",
    seconds: secondsSince(start),
    rows: [
      {
        set: "1 alias recall (OFAC 2021)",
        figures: line(aliasStats, "aliases"),
        target: "top-10 ≥ 99.5 %",
        met: aliasStats.top10Rate === null ? null : aliasStats.top10Rate >= TOP10_TARGET,
      },
      { set: "1 primary-name recall", figures: line(primaryStats, "names") },
    ],
    details: {
      entities: entities.length,
      settings: { minScore: RANK_MIN_SCORE, limit: LIMIT, tiesIncluded: true, queryType: "none" },
      sharedAliasTexts: sharedTexts,
      aliases: aliasStats,
      primaries: primaryStats,
    },
  };
}
