/** An assessment as a printable HTML report: verdict badge, findings with reasoning and citations. Pure. */
import { escapeText } from "entities";
import type { Assessment, Deal, Finding } from "./types.ts";

const COLOURS: Record<string, string> = {
  prohibited: "#b00020",
  high: "#c25e00",
  review: "#8a6d00",
  clear: "#1b6e2a",
  info: "#555",
};

function finding(f: Finding): string {
  const entries = f.entries
    .map(
      (e) =>
        `<li>${escapeText(e.name)} — ${escapeText(`${e.source}:${e.sourceId}`)} [${escapeText(e.programs.join("; "))}]</li>`,
    )
    .join("");
  const details = f.details as
    | {
        section235Measures?: string[];
        paths?: { name: string; citation: string; text: string }[];
        precedents?: { date: string; party: string; transaction: string; measures: string[] }[];
      }
    | undefined;
  const menu = details?.section235Measures
    ? `<h4>§235 measures (at least five)</h4><ol>${details.section235Measures.map((m) => `<li>${escapeText(m)}</li>`).join("")}</ol>`
    : "";
  const paths = details?.paths
    ? `<h4>Waiver and delay</h4><ul>${details.paths.map((p) => `<li><b>${escapeText(p.name)}</b> (${escapeText(p.citation)}): ${escapeText(p.text)}</li>`).join("")}</ul>`
    : "";
  const precedents = details?.precedents
    ? `<h4>Precedents</h4><ul>${details.precedents.map((p) => `<li>${escapeText(p.date)}: ${escapeText(p.party)} — ${escapeText(p.transaction)}; measures: ${escapeText(p.measures.join(", "))}</li>`).join("")}</ul>`
    : "";
  return `<section class="finding">
<h3><span class="badge" style="background:${COLOURS[f.severity]}">${escapeText(f.severity)}</span> ${escapeText(f.title)} <code>${escapeText(f.rule)}</code></h3>
<p>${escapeText(f.reasoning)}</p>
${entries ? `<h4>List entries</h4><ul>${entries}</ul>` : ""}${menu}${paths}${precedents}
<h4>Citations</h4><ul>${f.citations.map((c) => `<li>${escapeText(c)}</li>`).join("")}</ul>
</section>`;
}

/** The report page. */
export function assessmentToHtml(deal: Deal, a: Assessment, title = "redline deal assessment"): string {
  const parties = deal.parties
    .map(
      (p) =>
        `<li>${escapeText(p.name)} — ${escapeText(p.role)}${p.country ? `, ${escapeText(p.country)}` : ""}</li>`,
    )
    .join("");
  const goods = (deal.goods ?? []).map((g) => `<li>${escapeText(g.description)}</li>`).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeText(title)}</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; max-width: 50rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
.badge { color: #fff; padding: .1em .5em; border-radius: .3em; text-transform: uppercase; font-size: .8em; }
.verdict { font-size: 1.4em; }
.finding { border-top: 1px solid #ccc; padding-top: .5em; page-break-inside: avoid; }
code { color: #555; font-size: .8em; }
@media print { body { margin: 0; } }
</style></head><body>
<h1>${escapeText(title)}</h1>
<p class="verdict">Verdict: <span class="badge" style="background:${COLOURS[a.verdict]}">${escapeText(a.verdict)}</span></p>
<h2>Deal</h2><ul>${parties}</ul>${goods ? `<p>Goods:</p><ul>${goods}</ul>` : ""}
${deal.value ? `<p>Value: ${escapeText(`${deal.value.amount.toLocaleString("en-US")} ${deal.value.currency}`)}</p>` : ""}
<h2>Findings</h2>
${a.findings.length ? a.findings.map(finding).join("\n") : "<p>No finding: no party matched a list, no sanctioned jurisdiction, no listed weapon system.</p>"}
<h2>Assumptions</h2><ul>${a.assumptions.map((x) => `<li>${escapeText(x)}</li>`).join("")}</ul>
<p><strong>${escapeText(a.disclaimer)}</strong></p>
</body></html>
`;
}
