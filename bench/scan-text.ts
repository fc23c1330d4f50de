/**
 * Document scanning speed for `npm run bench`: about 1 MB of generated news-like prose (sentences of ordinary
 * English words, with generated people and companies that are not listed, sanctioned places, and some listed
 * names as the list writes them, re-ordered or re-spelt), scanned with the whole list loaded. Reports MB/s on
 * one core (median of runs), mentions found, and how many of the planted listed names were found.
 */
import type { NameIndex } from "../src/match/name-index.ts";
import type { Entity } from "../src/model/entity.ts";
import { scan } from "../src/scan/scan.ts";
import { createRng, type Rng } from "./rng.ts";
import { median, round } from "./stats.ts";
import { randomCompany, randomPerson, renderPerson } from "./synthetic.ts";

// Ordinary words of news prose, written for this benchmark.
const WORDS = `the a of and to in that for on with as by at from about after before over under between against
during while because although since until when where which who whose what this these those there their they
it its he she his her we our you your said says told reported announced according officials government
ministry minister president spokesman spokeswoman agency company companies bank banks market markets trade
trading oil gas prices price week month year years day today yesterday tomorrow morning evening night people
country countries city cities region regional national international foreign domestic economic economy
financial finance security defence defense military army forces troops border talks meeting meetings deal
deals agreement contract contracts shipment shipments cargo vessel vessels port ports export exports import
imports sanctions measures rules law laws court courts judge case cases investigation report reports
statement statements comment comments interview press conference analysts analyst investors investment
investments fund funds share shares stock stocks growth rise fall fell rose increased decreased expected
new old first last next previous major minor large small high low strong weak good bad early late long short
million billion percent dollars euros pounds rubles value values cost costs budget plan plans policy policies
support opposition parliament election elections vote votes party parties leader leaders group groups
network networks system systems service services technology energy power supply supplies demand production
factory factories plant plants equipment parts machinery engines aircraft ships trucks goods products
also still only even just very more most less least much many several some any each every other another
would could should might must will can may did does do has have had is are was were be been being not no`
  .split(/\s+/)
  .filter(Boolean);

const PLACES = [
  "Moscow",
  "Tehran",
  "Pyongyang",
  "Havana",
  "Crimea",
  "Russia",
  "Iran",
  "North Korea",
  "Caracas",
];

function sentence(rng: Rng, names: () => string): string {
  const n = 8 + rng.int(16);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(rng.pick(WORDS));
  if (rng.chance(0.35)) words.splice(rng.int(words.length), 0, names());
  if (rng.chance(0.1)) words.splice(rng.int(words.length), 0, rng.pick(PLACES));
  const first = words[0] as string;
  words[0] = first.charAt(0).toUpperCase() + first.slice(1);
  return `${words.join(" ")}.`;
}

/** Generate about `bytes` of prose with planted names; returns the text and the listed names planted. */
export function generateProse(entities: readonly Entity[], bytes: number, seed: number) {
  const rng = createRng(seed);
  const listed = entities.filter((e) => e.names.length > 0);
  const planted = new Map<string, string>();
  const names = (): string => {
    const roll = rng.next();
    if (roll < 0.15) {
      const e = rng.pick(listed);
      const name = (e.names.find((n) => n.kind === "primary") ?? e.names[0])?.full ?? "";
      // Prose writes "SURNAME, Given" as "Given Surname".
      const prose = name.includes(", ") ? name.split(", ").reverse().join(" ") : name;
      planted.set(prose, e.id);
      return prose;
    }
    if (roll < 0.6) return renderPerson(randomPerson(rng), "natural");
    return randomCompany(rng);
  };
  const paragraphs: string[] = [];
  let size = 0;
  while (size < bytes) {
    const k = 3 + rng.int(5);
    const p: string[] = [];
    for (let i = 0; i < k; i++) p.push(sentence(rng, names));
    const text = p.join(" ");
    paragraphs.push(text);
    size += text.length + 2;
  }
  return { text: paragraphs.join("\n\n"), planted };
}

/** Scan the prose a few times; MB/s is the median over runs. */
export function measureScan(index: NameIndex, entities: readonly Entity[], runs = 3, seed = 7) {
  const { text, planted } = generateProse(entities, 1_000_000, seed);
  const seconds: number[] = [];
  let last: ReturnType<typeof scan> | undefined;
  for (let r = 0; r < runs + 1; r++) {
    const t = performance.now();
    last = scan(index, text);
    // The first run warms the JIT and the word caches; it is not timed.
    if (r > 0) seconds.push((performance.now() - t) / 1000);
  }
  const mentions = last?.mentions ?? [];
  const found = new Set<string>();
  for (const m of mentions) if (m.kind === "party") for (const h of m.hits) found.add(h.id);
  const plantedIds = new Set(planted.values());
  const recalled = [...plantedIds].filter((id) => found.has(id)).length;
  const mb = text.length / 1_000_000;
  return {
    megabytes: round(mb, 2),
    words: last?.words ?? 0,
    mbPerSecond: round(mb / median(seconds), 2),
    secondsRuns: seconds.map((s) => round(s, 3)),
    partyMentions: mentions.filter((m) => m.kind === "party").length,
    jurisdictionMentions: mentions.filter((m) => m.kind === "jurisdiction").length,
    plantedListedNames: plantedIds.size,
    plantedFound: round(recalled / Math.max(1, plantedIds.size), 3),
  };
}
