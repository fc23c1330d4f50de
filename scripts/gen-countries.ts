/**
 * Regenerates resources/countries.json from the CLDR region names that ship with Node's ICU, plus the
 * hand-kept aliases in resources/country-aliases.json (the spellings sanctions lists use).
 * Run: node --import tsx scripts/gen-countries.ts
 */
import { readFileSync, writeFileSync } from "node:fs";

const NOT_COUNTRIES = new Set([
  "AC",
  "CP",
  "CQ",
  "DG",
  "EA",
  "EU",
  "EZ",
  "IC",
  "QO",
  "TA",
  "UN",
  "XA",
  "XB",
  "ZZ",
  // withdrawn codes that ICU still names
  "AN",
  "BU",
  "CS",
  "DD",
  "FX",
  "NT",
  "SU",
  "TP",
  "YD",
  "YU",
  "ZR",
]);
const display = new Intl.DisplayNames(["en"], { type: "region" });
const aliases: Record<string, string[]> = JSON.parse(
  readFileSync(new URL("../resources/country-aliases.json", import.meta.url), "utf8"),
).aliases;

const countries: { code: string; name: string; aliases: string[] }[] = [];
for (let a = 65; a < 91; a++) {
  for (let b = 65; b < 91; b++) {
    const code = String.fromCharCode(a, b);
    if (NOT_COUNTRIES.has(code)) continue;
    const name = display.of(code);
    if (!name || name === code) continue;
    const variants = new Set<string>();
    const plain = name.replace(/\s*\(.*\)$/, "");
    if (plain !== name) variants.add(plain);
    const paren = /\((.*)\)$/.exec(name)?.[1];
    if (paren) variants.add(paren);
    if (name.includes("&")) variants.add(name.replace(/&/g, "and"));
    if (name.startsWith("St. ")) variants.add(name.replace(/^St\. /, "Saint ").replace(/&/g, "and"));
    for (const extra of aliases[code] ?? []) variants.add(extra);
    variants.delete(name);
    countries.push({ code, name, aliases: [...variants] });
  }
}
writeFileSync(
  new URL("../resources/countries.json", import.meta.url),
  `${JSON.stringify({ source: "CLDR region names (Node ICU) + resources/country-aliases.json", countries }, null, 1)}\n`,
);
console.log(`${countries.length} countries`);
