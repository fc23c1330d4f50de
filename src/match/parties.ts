/**
 * One party, many listings: entries of different lists that are the same real party are grouped when a list set is
 * loaded, so that a screening answer can show every listing of a party at once. Evidence, strongest first:
 * 1. the publishers say so: OFAC's entry number is shared by the SDN and non-SDN lists, a US CSL row and an LSP
 *    entry cite it, an EU or UK listing cites the UN reference it implements;
 * 2. the same IMO, registration, tax, passport or national identity number (issuing countries not contradicting);
 * 3. the same name (every word, in any order and reading, legal forms aside) with an agreeing birth date, or, when
 *    a birth date is missing on one side, an agreeing country.
 * A group never holds two entries of one list (a source, or a list inside the US CSL): two entries of one list are
 * two parties by the publisher's own account. Grouping costs one pass over identifiers and name records; a query
 * only looks its hits up.
 */
import type { Entity, Schema } from "../model/entity.ts";
import { countryCode } from "../names/countries.ts";
import { birthYears, entityCountries } from "./facts.ts";
import type { NameIndex } from "./name-index.ts";
import { normalizeIdentifier } from "./name-index.ts";
import { entryFields } from "./screen.ts";
import type { Hit } from "./types.ts";

/** Why two listings are taken for one party. */
export interface PartyTie {
  from: string;
  to: string;
  reason: string;
}

/** A listing of a party as a screening answer shows it: a hit's entry fields, and its score when it was a hit. */
export type PartyListing = Pick<
  Hit,
  "id" | "source" | "list" | "sourceId" | "schema" | "name" | "programs" | "listVersion"
> &
  Partial<Pick<Hit, "score" | "match">>;

/** One party of a screening answer: its listings (hits first) and why they are one party. */
export interface Party {
  /** The party's id: the id of its first listing in list order (OFAC before UN before EU…). */
  party: string;
  /** The name of the party's best hit. */
  name: string;
  /** The best score among its listings. */
  score: number;
  match: boolean;
  listings: PartyListing[];
  ties: PartyTie[];
}

/** Identifier kinds that name one party; numbers shorter than this say too little. */
const IDENTIFYING = new Set(["imo", "registration", "tax-id", "passport", "national-id"]);
const MIN_NUMBER = 6;
/** A number or name shared by more entries than this is not identifying (a shared address, a common name). */
const MAX_BUCKET = 12;
/** A name must have this many words, or one word this long, to tie two listings. */
const MIN_NAME_WORDS = 2;
const MIN_ONE_WORD_LENGTH = 8;

const SOURCE_ORDER = ["ofac", "ofac-cons", "un", "eu", "uk", "us-csl", "lsp"];

const LABEL: Record<string, string> = {
  imo: "IMO number",
  registration: "registration number",
  "tax-id": "tax number",
  passport: "passport number",
  "national-id": "national identity number",
};

/** An identifier number as compared: without case, spaces or punctuation, an IMO number without "IMO". */
function idNumber(type: string, number: string): string {
  const n = normalizeIdentifier(number);
  return type === "imo" ? n.replace(/^IMO/, "") : n;
}

function listKey(e: Entity): string {
  return `${e.source}|${e.list ?? ""}`;
}

function compatible(a: Schema, b: Schema): boolean {
  if (a === b) return true;
  const either = (s: Schema) => s === "LegalEntity";
  if (either(a)) return b === "Person" || b === "Organization";
  if (either(b)) return a === "Person" || a === "Organization";
  return false;
}

/** Publisher cross-reference keys of an entry: its OFAC entry number or UN reference, and those it cites. */
function xrefKeys(e: Entity): { key: string; cited: boolean }[] {
  const out: { key: string; cited: boolean }[] = [];
  if (e.source === "ofac" || e.source === "ofac-cons") out.push({ key: `ofac#${e.sourceId}`, cited: false });
  if (e.source === "un") out.push({ key: `un#${e.sourceId}`, cited: false });
  for (const id of e.sameAs ?? []) {
    const colon = id.indexOf(":");
    const source = id.slice(0, colon);
    out.push({ key: `${source === "ofac-cons" ? "ofac" : source}#${id.slice(colon + 1)}`, cited: true });
  }
  return out;
}

function describeXref(key: string): string {
  const [kind, id] = key.split("#");
  return kind === "ofac"
    ? `OFAC entry number ${id}`
    : kind === "un"
      ? `UN reference ${id}`
      : `${kind} entry ${id}`;
}

/** The groups of a loaded list set. */
export class PartyIndex {
  private readonly parent: Int32Array;
  private readonly keys = new Map<number, Set<string>>();
  private readonly pendingTies: { a: number; b: number; reason: string }[] = [];
  private readonly groupByEntity = new Map<number, number>();
  private readonly groupMembers: number[][] = [];
  private readonly groupTies: PartyTie[][] = [];
  private readonly idToEntity = new Map<string, number>();
  private readonly yearCache = new Map<number, number[]>();
  private readonly countryCache = new Map<number, Set<string>>();

  private constructor(private readonly index: NameIndex) {
    this.parent = new Int32Array(index.entities.length).fill(-1);
  }

  /** Group the entries of an index. */
  static build(index: NameIndex): PartyIndex {
    const p = new PartyIndex(index);
    const lists = new Set(index.entities.map(listKey));
    // One list alone has no two listings of one party to tie.
    if (lists.size > 1) {
      p.byCrossReference();
      p.byIdentifier();
      p.byName();
    }
    p.finish();
    return p;
  }

  /** How many groups of two or more listings there are. */
  get size(): number {
    return this.groupMembers.length;
  }

  /** The group of an entry (by its id), or undefined when it stands alone. */
  groupOf(id: string): number | undefined {
    const e = this.idToEntity.get(id);
    return e === undefined ? undefined : this.groupByEntity.get(e);
  }

  /** The entries (as indices into the index's entities) of a group, in list order. */
  members(group: number): readonly number[] {
    return this.groupMembers[group] ?? [];
  }

  /** Why the entries of a group are one party. */
  ties(group: number): readonly PartyTie[] {
    return this.groupTies[group] ?? [];
  }

  private entity(e: number): Entity {
    return this.index.entities[e] as Entity;
  }

  private find(e: number): number {
    let r = e;
    while ((this.parent[r] as number) >= 0) r = this.parent[r] as number;
    // Path halving keeps later lookups short.
    let x = e;
    while ((this.parent[x] as number) >= 0) {
      const next = this.parent[x] as number;
      if ((this.parent[next] as number) >= 0) this.parent[x] = this.parent[next] as number;
      x = next;
    }
    return r;
  }

  private listKeys(root: number): Set<string> {
    return this.keys.get(root) ?? new Set([listKey(this.entity(root))]);
  }

  /** Join the parties of a and b unless that would put two entries of one list in one party. */
  private union(a: number, b: number, reason: string): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return false;
    const ka = this.listKeys(ra);
    const kb = this.listKeys(rb);
    for (const k of kb) if (ka.has(k)) return false;
    const [big, small, bigKeys, smallKeys] = ka.size >= kb.size ? [ra, rb, ka, kb] : [rb, ra, kb, ka];
    this.parent[small] = big;
    for (const k of smallKeys) bigKeys.add(k);
    this.keys.set(big, bigKeys);
    this.keys.delete(small);
    this.pendingTies.push({ a, b, reason });
    return true;
  }

  private byCrossReference(): void {
    const first = new Map<string, number>();
    const entities = this.index.entities;
    // Entries that carry the number as their own id go first, so that citing entries join them.
    const order = [...entities.keys()].sort(
      (x, y) =>
        Number((entities[x] as Entity).sameAs !== undefined) -
        Number((entities[y] as Entity).sameAs !== undefined),
    );
    for (const e of order) {
      for (const { key, cited } of xrefKeys(this.entity(e))) {
        const other = first.get(key);
        if (other === undefined) {
          first.set(key, e);
          continue;
        }
        const reason = cited
          ? `${this.entity(e).id} cites ${describeXref(key)}`
          : `${describeXref(key)} on both lists`;
        this.union(other, e, reason);
      }
    }
  }

  private byIdentifier(): void {
    const buckets = new Map<string, number[]>();
    this.index.entities.forEach((entity, e) => {
      for (const id of entity.identifiers) {
        if (!IDENTIFYING.has(id.type)) continue;
        const number = idNumber(id.type, id.number);
        if (number.length < MIN_NUMBER) continue;
        const key = `${id.type}#${number}`;
        const list = buckets.get(key);
        if (!list) buckets.set(key, [e]);
        else if (list[list.length - 1] !== e) list.push(e);
      }
    });
    for (const [key, members] of buckets) {
      if (members.length < 2 || members.length > MAX_BUCKET) continue;
      const [type, number] = key.split("#") as [string, string];
      for (let i = 0; i < members.length; i++) {
        for (let j = i + 1; j < members.length; j++) {
          const a = members[i] as number;
          const b = members[j] as number;
          const ea = this.entity(a);
          const eb = this.entity(b);
          if (!compatible(ea.schema, eb.schema) || !this.sameIssuer(ea, eb, type, number)) continue;
          this.union(a, b, `same ${LABEL[type] ?? type} ${number}`);
        }
      }
    }
  }

  /** Two identifiers with the same number are one document unless both name their country and the two differ. */
  private sameIssuer(a: Entity, b: Entity, type: string, number: string): boolean {
    const countriesOf = (e: Entity) =>
      e.identifiers
        .filter((i) => i.type === type && idNumber(i.type, i.number) === number && i.country)
        .map((i) => countryCode(i.country as string) ?? (i.country as string).toUpperCase());
    const ca = countriesOf(a);
    const cb = countriesOf(b);
    return ca.length === 0 || cb.length === 0 || ca.some((c) => cb.includes(c));
  }

  private byName(): void {
    const index = this.index;
    const buckets = new Map<string, number[]>();
    for (let r = 0; r < index.recordCount; r++) {
      const record = index.record(r);
      if (record.kind === "weak-aka") continue;
      const words: number[] = [];
      let longest = 0;
      for (const t of record.tokens) {
        if (index.kind(t) === "form") continue;
        words.push(t);
        longest = Math.max(longest, (index.vocabulary[t] as string).length);
      }
      if (words.length < MIN_NAME_WORDS && longest < MIN_ONE_WORD_LENGTH) continue;
      const key = words.sort((x, y) => x - y).join(",");
      const list = buckets.get(key);
      if (!list) buckets.set(key, [record.entity]);
      else if (!list.includes(record.entity)) list.push(record.entity);
    }
    for (const [key, members] of buckets) {
      if (members.length < 2 || members.length > MAX_BUCKET) continue;
      const name = key
        .split(",")
        .map((t) => index.vocabulary[Number(t)])
        .join(" ");
      for (let i = 0; i < members.length; i++) {
        for (let j = i + 1; j < members.length; j++) {
          const a = members[i] as number;
          const b = members[j] as number;
          const ea = this.entity(a);
          const eb = this.entity(b);
          if (listKey(ea) === listKey(eb) || !compatible(ea.schema, eb.schema)) continue;
          const agreement = this.agreement(a, b);
          if (agreement) this.union(a, b, `same name "${name}" and ${agreement}`);
        }
      }
    }
  }

  /** What besides the name two entries agree on: a birth year, else (a birth date missing) a country. */
  private agreement(a: number, b: number): string | undefined {
    const person = this.entity(a).schema === "Person" || this.entity(b).schema === "Person";
    if (person) {
      const ya = this.years(a);
      const yb = this.years(b);
      if (ya.length > 0 && yb.length > 0) {
        const shared = ya.find((y) => yb.includes(y));
        return shared === undefined ? undefined : `birth year ${shared}`;
      }
    }
    const ca = this.countries(a);
    const cb = this.countries(b);
    for (const c of ca) if (cb.has(c)) return `country ${c}`;
    return undefined;
  }

  private years(e: number): number[] {
    let y = this.yearCache.get(e);
    if (!y) {
      y = birthYears(this.entity(e));
      this.yearCache.set(e, y);
    }
    return y;
  }

  private countries(e: number): Set<string> {
    let c = this.countryCache.get(e);
    if (!c) {
      c = entityCountries(this.entity(e));
      this.countryCache.set(e, c);
    }
    return c;
  }

  private finish(): void {
    const byRoot = new Map<number, number>();
    const rank = (e: number) => {
      const s = SOURCE_ORDER.indexOf(this.entity(e).source);
      return s < 0 ? SOURCE_ORDER.length : s;
    };
    for (const { a, b, reason } of this.pendingTies) {
      const root = this.find(a);
      let g = byRoot.get(root);
      if (g === undefined) {
        g = this.groupMembers.length;
        byRoot.set(root, g);
        this.groupMembers.push([]);
        this.groupTies.push([]);
      }
      (this.groupTies[g] as PartyTie[]).push({ from: this.entity(a).id, to: this.entity(b).id, reason });
      for (const e of [a, b]) {
        if (this.groupByEntity.has(e)) continue;
        this.groupByEntity.set(e, g);
        (this.groupMembers[g] as number[]).push(e);
        this.idToEntity.set(this.entity(e).id, e);
      }
    }
    // Every entry of a group took part in at least one tie, so the ties name them all.
    for (const members of this.groupMembers) {
      members.sort((x, y) => rank(x) - rank(y) || this.entity(x).id.localeCompare(this.entity(y).id));
    }
    this.keys.clear();
    this.yearCache.clear();
    this.countryCache.clear();
  }
}

function listing(entity: Entity): PartyListing {
  return entryFields(entity);
}

/**
 * Group the hits of one answer by party: each hit gets its party's id, and each party lists every listing the
 * loaded lists hold of it, hits first (best score first), then the others in list order, with why they are one.
 */
export function groupHits(
  hits: Hit[],
  parties: PartyIndex,
  index: NameIndex,
): { hits: Hit[]; parties: Party[] } {
  const out: Party[] = [];
  const byGroup = new Map<number, Party>();
  const tagged = hits.map((hit): Hit => {
    const group = parties.groupOf(hit.id);
    if (group === undefined) {
      out.push({
        party: hit.id,
        name: hit.name,
        score: hit.score,
        match: hit.match,
        listings: [hitListing(hit)],
        ties: [],
      });
      return { ...hit, party: hit.id };
    }
    let party = byGroup.get(group);
    if (!party) {
      const members = parties.members(group).map((e) => index.entities[e] as Entity);
      party = {
        party: members[0]?.id ?? hit.id,
        name: hit.name,
        score: hit.score,
        match: hit.match,
        listings: [],
        ties: [...parties.ties(group)],
      };
      byGroup.set(group, party);
      out.push(party);
    }
    party.listings.push(hitListing(hit));
    return { ...hit, party: party.party };
  });
  for (const [group, party] of byGroup) {
    const shown = new Set(party.listings.map((l) => l.id));
    for (const e of parties.members(group)) {
      const entity = index.entities[e] as Entity;
      if (!shown.has(entity.id)) party.listings.push(listing(entity));
    }
  }
  return { hits: tagged, parties: out };
}

/** Every listing of the party an entry belongs to, in list order, and why they are one; undefined when alone. */
export function partyOf(
  id: string,
  parties: PartyIndex,
  index: NameIndex,
): { listings: PartyListing[]; ties: PartyTie[] } | undefined {
  const group = parties.groupOf(id);
  if (group === undefined) return undefined;
  return {
    listings: parties.members(group).map((e) => listing(index.entities[e] as Entity)),
    ties: [...parties.ties(group)],
  };
}

function hitListing(hit: Hit): PartyListing {
  const { id, source, list, sourceId, schema, name, programs, listVersion, score, match } = hit;
  return {
    id,
    source,
    ...(list ? { list } : {}),
    sourceId,
    schema,
    name,
    programs,
    ...(listVersion !== undefined ? { listVersion } : {}),
    score,
    match,
  };
}
