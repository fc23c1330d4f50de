/**
 * A scan as a standalone HTML page: the input text with every mention marked (parties and jurisdictions
 * marked differently) and, beside each, an info card with the list entry, its programs and why it matched,
 * shown on hover or keyboard focus. Pure: builds a string.
 */
import { escapeAttribute, escapeText } from "entities";
import type { Mention, ScanResult } from "./scan.ts";
import { scanSegments } from "./segments.ts";

function card(m: Mention): string {
  if (m.kind === "jurisdiction") {
    const j = m.jurisdiction;
    const programs = j.programs
      .map(
        (p) =>
          `<li><b>${escapeText(p.name)}</b> (${escapeText(p.authority)}): ${escapeText(p.citation)}</li>`,
      )
      .join("");
    return (
      `<strong>${escapeText(j.name)}</strong> (${escapeText(j.code)}) — ${escapeText(j.level)} sanctions` +
      `<ul>${programs}</ul>${j.note ? `<p>${escapeText(j.note)}</p>` : ""}`
    );
  }
  return m.hits
    .map(
      (h) =>
        `<p><strong>${escapeText(h.name)}</strong> — ${escapeText(`${h.source}:${h.sourceId}`)}, ${escapeText(h.schema)}, ` +
        `score ${h.score.toFixed(2)}<br>Programs: ${escapeText(h.programs.join("; ") || "none given")}<br>` +
        `${escapeText(h.explanation.summary)}</p>`,
    )
    .join("");
}

/** The scanned input as an HTML page with marked mentions and their cards. */
export function scanToHtml(input: string, result: ScanResult, title = "redline scan"): string {
  let body = "";
  for (const { text, mention: m, index: i } of scanSegments(input, result)) {
    if (!m) {
      body += escapeText(text);
      continue;
    }
    const label =
      m.kind === "party"
        ? `listed party: ${m.hits[0]?.name ?? m.text}`
        : `sanctioned jurisdiction: ${m.jurisdiction.name}`;
    body +=
      `<mark class="${m.kind}" tabindex="0" aria-describedby="card-${i}" aria-label="${escapeAttribute(label)}">` +
      `${escapeText(text)}<span class="info" aria-hidden="true">i</span>` +
      `<span class="card" role="tooltip" id="card-${i}">${card(m)}</span></mark>`;
  }
  const parties = result.mentions.filter((m) => m.kind === "party").length;
  const places = result.mentions.length - parties;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeText(title)}</title>
<style>
body { font: 16px/1.6 system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
pre { white-space: pre-wrap; font: inherit; }
mark { position: relative; padding: 0 .15em; border-radius: .2em; cursor: help; }
mark.party { background: #ffd6d6; outline: 1px solid #b00020; }
mark.jurisdiction { background: #fff1b8; border-bottom: 2px dashed #8a6d00; }
mark:focus { outline: 3px solid #0b57d0; }
.info { display: inline-block; width: 1.1em; height: 1.1em; margin-left: .2em; border-radius: 50%;
  background: #333; color: #fff; font: bold .7em/1.1em serif; text-align: center; vertical-align: .15em; }
.card { display: none; position: absolute; left: 0; top: 1.6em; z-index: 1; width: min(28rem, 80vw);
  background: #fff; border: 1px solid #888; border-radius: .4em; padding: .5em .75em; box-shadow: 0 2px 8px #0003;
  font-size: .9rem; line-height: 1.4; }
mark:hover .card, mark:focus .card { display: block; }
.card ul { margin: .25em 0; padding-left: 1.2em; }
</style></head><body>
<h1>${escapeText(title)}</h1>
<p>${parties} listed part${parties === 1 ? "y" : "ies"} and ${places} sanctioned jurisdiction mention${places === 1 ? "" : "s"}
in ${result.characters} characters (${escapeText(result.format)}). Decision support, not legal advice.</p>
<pre>${body}</pre>
</body></html>
`;
}
