/** Sectoral and other non-SDN restrictions: only some dealings are prohibited (new debt or equity, certain goods). */
import { entryOf, type RuleContext } from "../context.ts";
import type { Finding } from "../types.ts";

const CITATIONS = [
  "Executive Order 13662 and OFAC Directives 1-4 (Sectoral Sanctions Identifications List)",
  "OFAC Consolidated (non-SDN) Sanctions List: the restrictions of each listed program",
];

/** A finding per party that matches a non-SDN entry (and no blocking one, which the blocked-party rule covers). */
export function sectoral(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const party of ctx.parties) {
    const hits = party.matches.filter((h) => h.source === "ofac-cons");
    if (hits.length === 0 || party.matches.some((h) => h.source === "ofac" || h.source === "un")) continue;
    const programs = [...new Set(hits.flatMap((h) => h.programs))];
    findings.push({
      rule: "sectoral",
      severity: "high",
      title: `${party.name} is on a non-SDN list: some dealings are restricted`,
      parties: [{ name: party.name, role: party.role }],
      entries: hits.map(entryOf),
      reasoning: `"${party.name}" matches ${hits.map((h) => `${h.name} (${h.source}:${h.sourceId})`).join("; ")} under ${programs.join(", ")}. These programs prohibit only some dealings (for example new debt or equity under the SSI directives, or certain securities under NS-CMIC): check the deal's terms against the directive.`,
      citations: CITATIONS,
    });
  }
  return findings;
}
