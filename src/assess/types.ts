/** The shapes of a deal to assess and of the assessment (plain types, no behaviour). */
import type { Hit, QueryType } from "../match/types.ts";

/** What a party does in the deal. */
export type PartyRole =
  | "buyer"
  | "seller"
  | "manufacturer"
  | "intermediary"
  | "end-user"
  | "bank"
  | "carrier"
  | "other";

/** Someone who owns a share of a party. */
export interface DealOwner {
  name: string;
  /** Percentage of the party owned, 0–100. */
  share: number;
  type?: QueryType;
  country?: string;
}

/** One party to the deal. */
export interface DealParty {
  name: string;
  role: PartyRole;
  type?: QueryType;
  /** Country name or ISO code. */
  country?: string;
  identifiers?: string[];
  owners?: DealOwner[];
}

/** Goods or services the deal moves. */
export interface DealGoods {
  description: string;
  category?: "defence" | "dual-use" | "energy" | "finance" | "other";
  hs?: string;
  eccn?: string;
}

/** A proposed transaction. */
export interface Deal {
  parties: DealParty[];
  goods?: DealGoods[];
  value?: { amount: number; currency: string };
  /** ISO date of the deal. */
  date?: string;
}

/** How bad a finding is; the verdict is the worst finding's. */
export type Severity = "prohibited" | "high" | "review" | "info";

/** The overall answer. */
export type Verdict = "prohibited" | "high" | "review" | "clear";

/** A list entry a finding rests on. */
export interface FindingEntry {
  id: string;
  source: string;
  sourceId: string;
  name: string;
  programs: string[];
  score?: number;
}

/** One rule's conclusion about the deal. */
export interface Finding {
  rule:
    | "caatsa-231"
    | "blocked-party"
    | "ownership-50"
    | "embargo"
    | "sectoral"
    | "caatsa-iran"
    | "caatsa-dprk";
  severity: Severity;
  title: string;
  /** Deal parties concerned, by name and role. */
  parties: { name: string; role: PartyRole | "owner" }[];
  entries: FindingEntry[];
  reasoning: string;
  citations: string[];
  /** For CAATSA §231: the §235 menu, the waiver and delay paths, the precedents. */
  details?: Record<string, unknown>;
}

/** The screening of one party (and its owners) as the assessment used it. */
export interface ScreenedParty {
  name: string;
  role: PartyRole | "owner";
  country?: string;
  hits: Hit[];
}

/** The whole assessment. */
export interface Assessment {
  verdict: Verdict;
  findings: Finding[];
  screened: ScreenedParty[];
  assumptions: string[];
  disclaimer: string;
}
