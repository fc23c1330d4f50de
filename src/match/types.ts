import type { NameKind, Schema } from "../model/entity.ts";
import type { TokenMatchHow } from "./token-sim.ts";

/** Which kinds of party a query asks for; `undefined` means any. */
export type QueryType = "person" | "organization" | "vessel" | "aircraft";

/** Which scoring a screen uses. */
export type ScoringMode = "redline" | "ofac";

/** A screening request: a name and optional facts that refine the score. */
export interface ScreenQuery {
  name: string;
  type?: QueryType;
  /** Birth date or year (YYYY, YYYY-MM or YYYY-MM-DD). */
  dob?: string;
  /** Country name or ISO 3166 alpha-2 code. */
  country?: string;
  /** An identifier number (passport, IMO, tax ID…). */
  id?: string;
}

export interface ScreenOptions {
  /** Hits below this score are not returned (default 0.7). */
  minScore?: number;
  /** At most this many hits (default 10). */
  limit?: number;
  /** Score at which a hit counts as a match that needs review (default: the engine's alert threshold). */
  threshold?: number;
  /**
   * `redline` (default): redline's own scoring. `ofac`: the score OFAC's Sanctions List Search tool would
   * show (name only, Jaro-Winkler per name part), for users who compare the two.
   */
  mode?: ScoringMode;
  /** Only entries of these lists (sources, e.g. "ofac", "un"); default all loaded lists. */
  includeLists?: string[];
  /** Leave out entries of these lists. */
  excludeLists?: string[];
}

/** One query token set against one list token. */
export interface TokenPair {
  query: string;
  candidate: string;
  similarity: number;
  how: TokenMatchHow;
}

/** Why a hit scored what it did, in terms a reviewer can check. */
export interface Explanation {
  /** One sentence a compliance officer can read. */
  summary: string;
  matchedName: string;
  matchedNameKind: NameKind;
  /** The Latin reading of the list name that matched, when it differs from the name as written. */
  matchedReading?: string;
  /** The Latin reading of the query that matched, when it differs from the query as written. */
  queryReading?: string;
  pairs: TokenPair[];
  unmatchedQuery: string[];
  unmatchedCandidate: string[];
  /** Name score before adjustments. */
  nameScore: number;
  adjustments: { reason: string; delta: number }[];
}

/** A list entry that resembles the query. */
export interface Hit {
  id: string;
  source: string;
  /** The list inside the source, where the source bundles several (US CSL: "SDN", "SSI", "EL"…). */
  list?: string;
  sourceId: string;
  schema: Schema;
  /** The entry's primary name. */
  name: string;
  /** The entry's name (primary or alias) that matched best. */
  matchedName: string;
  score: number;
  /** True when the score reaches the alert threshold. */
  match: boolean;
  programs: string[];
  listVersion?: number;
  explanation: Explanation;
  /** The party this listing belongs to (see `parties` of a screening answer): the id of its first listing. */
  party?: string;
}
