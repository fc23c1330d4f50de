/** What every rule reads: the deal, each party and owner as screened, and the goods recognised. */
import goodsTable from "../../resources/defence-systems.json" with { type: "json" };
import type { NameIndex } from "../match/name-index.ts";
import type { Hit } from "../match/types.ts";
import { countryCode } from "../names/countries.ts";
import { normalizeName } from "../names/normalize.ts";
import { jurisdictionNamed } from "../scan/jurisdictions.ts";
import type { Deal, DealParty, FindingEntry, PartyRole } from "./types.ts";

/** A weapon system the goods table knows. */
export interface DefenceSystem {
  system: string;
  aliases: string[];
  category: string;
  makers: string[];
  exporter: string;
  country: string;
}

/** A party or owner with the list entries it matched (score at or above the threshold). */
export interface ScreenedSubject {
  name: string;
  role: PartyRole | "owner";
  /** ISO code of the country given in the deal. */
  country?: string;
  matches: Hit[];
  /** For an owner: the party it owns a share of, and the share. */
  owns?: { party: DealParty; share: number };
}

/** Everything the rules need. */
export interface RuleContext {
  deal: Deal;
  index: NameIndex;
  threshold: number;
  parties: ScreenedSubject[];
  owners: ScreenedSubject[];
  systems: { system: DefenceSystem; goods: string }[];
}

const SYSTEMS = goodsTable.systems as DefenceSystem[];

/** Weapon systems named in a goods description (S-400, Su-35…), matched as whole words. */
export function systemsIn(description: string): DefenceSystem[] {
  const text = ` ${normalizeName(description)} `;
  return SYSTEMS.filter((s) => s.aliases.some((a) => text.includes(` ${normalizeName(a)} `)));
}

/**
 * ISO code of a country as a deal gives it: a country name or code, or a sanctioned region or city the
 * jurisdiction table knows (Crimea → UA-43); undefined when it is neither.
 */
export function countryOf(text: string | undefined): string | undefined {
  if (!text) return undefined;
  return countryCode(text) ?? jurisdictionNamed(text)?.code;
}

/** A hit as a finding cites it. */
export function entryOf(hit: Hit): FindingEntry {
  return {
    id: hit.id,
    source: hit.source,
    sourceId: hit.sourceId,
    name: hit.name,
    programs: hit.programs,
    score: hit.score,
  };
}

/** Hits on the SDN list or the UN list: parties whose property is blocked or frozen. */
export function blockingHits(subject: ScreenedSubject): Hit[] {
  return subject.matches.filter((h) => h.source === "ofac" || h.source === "un");
}
