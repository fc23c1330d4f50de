/** Country embargoes and regional measures: parties in a comprehensively sanctioned jurisdiction, and broad ones. */

import { jurisdictionByCode } from "../../scan/jurisdictions.ts";
import type { RuleContext } from "../context.ts";
import type { Finding, Severity } from "../types.ts";

const SEVERITY: Record<string, Severity> = { comprehensive: "prohibited", broad: "review", targeted: "info" };

/** A finding per sanctioned jurisdiction a party is in. */
export function embargo(ctx: RuleContext): Finding[] {
  const byCode = new Map<string, { name: string; role: RuleContext["parties"][number]["role"] }[]>();
  for (const p of [...ctx.parties, ...ctx.owners]) {
    if (!p.country) continue;
    const list = byCode.get(p.country) ?? [];
    list.push({ name: p.name, role: p.role });
    byCode.set(p.country, list);
  }
  const findings: Finding[] = [];
  for (const [code, parties] of byCode) {
    const j = jurisdictionByCode(code);
    if (!j) continue;
    const severity = SEVERITY[j.level] ?? "review";
    const who = parties.map((p) => `${p.name} (${p.role})`).join(", ");
    findings.push({
      rule: "embargo",
      severity,
      title: `${j.name}: ${j.level} sanctions`,
      parties,
      entries: [],
      reasoning:
        j.level === "comprehensive"
          ? `${who} ${parties.length > 1 ? "are" : "is"} in ${j.name}, under comprehensive sanctions: almost every dealing by US persons with the jurisdiction, its government and persons there is prohibited without a licence.`
          : j.level === "broad"
            ? `${who} ${parties.length > 1 ? "are" : "is"} in ${j.name}, under broad but not comprehensive sanctions: sectors, goods and many parties are restricted; check the goods and every party against the programs.`
            : `${who} ${parties.length > 1 ? "are" : "is"} in ${j.name}, where sanctions target listed persons and some goods.`,
      citations: j.programs.map((p) => `${p.name} (${p.authority}): ${p.citation}`),
      ...(j.note ? { details: { note: j.note } } : {}),
    });
  }
  return findings;
}
