/**
 * Sanctioned jurisdictions in a text: country names, adjectives, capitals, major cities and covered regions
 * in several languages (resources/jurisdictions.json), matched as whole words, longest first. Pure: no I/O.
 */
import table from "../../resources/jurisdictions.json" with { type: "json" };
import { normalizeName } from "../names/normalize.ts";
import type { TextToken } from "./tokens.ts";

/** How far the measures on a jurisdiction reach. */
export type SanctionLevel = "comprehensive" | "broad" | "targeted";

/** One sanctions program that applies to a jurisdiction. */
export interface JurisdictionProgram {
  name: string;
  authority: string;
  citation: string;
}

/** A sanctioned country or region as the table describes it. */
export interface Jurisdiction {
  /** ISO 3166-1 alpha-2, or ISO 3166-2 for a region (UA-43 Crimea). */
  code: string;
  name: string;
  level: SanctionLevel;
  programs: JurisdictionProgram[];
  /** The country a region belongs to. */
  country?: string;
  note?: string;
}

interface Entry extends Jurisdiction {
  terms: Record<string, string[]>;
}

const ENTRIES = table.jurisdictions as unknown as Entry[];
const JURISDICTIONS: Jurisdiction[] = ENTRIES.map(({ terms: _terms, ...j }) => j);

interface TrieNode {
  next: Map<string, TrieNode>;
  jurisdiction?: Jurisdiction;
}

function buildTrie(): TrieNode {
  const root: TrieNode = { next: new Map() };
  ENTRIES.forEach((entry, i) => {
    for (const term of Object.values(entry.terms).flat()) {
      let node = root;
      for (const word of normalizeName(term).split(" ")) {
        let child = node.next.get(word);
        if (!child) {
          child = { next: new Map() };
          node.next.set(word, child);
        }
        node = child;
      }
      node.jurisdiction ??= JURISDICTIONS[i];
    }
  });
  return root;
}
const TRIE = buildTrie();
const BY_CODE = new Map(JURISDICTIONS.map((j) => [j.code, j]));

/** The table entry for an ISO code, if that jurisdiction is sanctioned. */
export function jurisdictionByCode(code: string): Jurisdiction | undefined {
  return BY_CODE.get(code.toUpperCase());
}

/** The sanctioned jurisdiction a whole text names ("Crimea", "so-called DNR", "Pyongyang"), if any. */
export function jurisdictionNamed(text: string): Jurisdiction | undefined {
  let node: TrieNode | undefined = TRIE;
  for (const word of normalizeName(text).split(" ")) {
    node = node?.next.get(word);
    if (!node) return undefined;
  }
  return node?.jurisdiction;
}

/** Every sanctioned jurisdiction the table knows. */
export function allJurisdictions(): readonly Jurisdiction[] {
  return JURISDICTIONS;
}

/** Jurisdiction mentions among a text's words: token ranges [first, last] with the jurisdiction named. */
export function findJurisdictions(
  tokens: readonly TextToken[],
): { first: number; last: number; jurisdiction: Jurisdiction }[] {
  const out: { first: number; last: number; jurisdiction: Jurisdiction }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let node: TrieNode | undefined = TRIE;
    let found: { last: number; jurisdiction: Jurisdiction } | undefined;
    for (let k = i; k < tokens.length && node; k++) {
      node = node.next.get((tokens[k] as TextToken).norm);
      if (node?.jurisdiction) found = { last: k, jurisdiction: node.jurisdiction };
    }
    if (found) {
      out.push({ first: i, ...found });
      i = found.last;
    }
  }
  return out;
}
