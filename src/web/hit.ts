/** A screening hit as the analyst reads it: score bar, entry, programs and the explanation of the score. */
import { html } from "htm/preact";
import { HOW, NAME_KIND, score } from "./format.ts";
import type { Explanation, Hit, Party } from "./types.ts";

/** A link to an entry's own page. */
export function EntryLink({ id, label }: { id: string; label: string }) {
  return html`<a href=${`#/entity/${encodeURIComponent(id)}`}>${label}</a>`;
}

/** Program tags as chips. */
export function Programs({ programs }: { programs: readonly string[] }) {
  if (programs.length === 0) return html`<span class="muted">no program given</span>`;
  return html`<ul class="chips" aria-label="programs">
    ${programs.map((p) => html`<li key=${p}>${p}</li>`)}
  </ul>`;
}

/** A score as a bar and a number; the bar is decoration, the number is what is read out. */
export function ScoreBar({ value, match }: { value: number; match: boolean }) {
  return html`<span class=${`score${match ? " match" : ""}`}>
    <span class="bar" aria-hidden="true"><span style=${{ width: `${Math.round(value * 100)}%` }}></span></span>
    <span class="number">${score(value)}</span>
  </span>`;
}

/** The explanation of a score: what met what, in which reading, and what moved the score. */
export function Why({ explanation: e }: { explanation: Explanation }) {
  return html`<div class="why">
    <p>${e.summary}</p>
    <table class="pairs">
      <caption class="sr-only">Query words and the list words they met</caption>
      <thead><tr><th scope="col">Query word</th><th scope="col">List word</th><th scope="col">How</th><th scope="col">Similarity</th></tr></thead>
      <tbody>
        ${e.pairs.map(
          (p, i) => html`<tr key=${i}>
            <td>${p.query}</td><td>${p.candidate}</td><td>${HOW[p.how] ?? p.how}</td><td class="num">${score(p.similarity)}</td>
          </tr>`,
        )}
        ${e.unmatchedQuery.map(
          (w) =>
            html`<tr key=${`q${w}`} class="unmatched"><td>${w}</td><td>—</td><td>not in the list name</td><td></td></tr>`,
        )}
        ${e.unmatchedCandidate.map(
          (w) =>
            html`<tr key=${`c${w}`} class="unmatched"><td>—</td><td>${w}</td><td>not in the query</td><td></td></tr>`,
        )}
      </tbody>
    </table>
    <dl class="facts">
      <dt>Matched</dt><dd>${NAME_KIND[e.matchedNameKind] ?? e.matchedNameKind}: ${e.matchedName}</dd>
      ${e.matchedReading ? html`<dt>List name read as</dt><dd>${e.matchedReading}</dd>` : null}
      ${e.queryReading ? html`<dt>Query read as</dt><dd>${e.queryReading}</dd>` : null}
      <dt>Name score</dt><dd>${score(e.nameScore)}</dd>
      ${e.adjustments.map(
        (a, i) =>
          html`<dt key=${`a${i}`}>${a.delta >= 0 ? "Raised" : "Lowered"} by ${score(Math.abs(a.delta))}</dt><dd>${a.reason}</dd>`,
      )}
    </dl>
  </div>`;
}

/** Every listing of one real party, with why the lists' entries are taken as one. */
export function Listings({ party, current }: { party: Pick<Party, "listings" | "ties">; current: string }) {
  return html`<div class="listings">
    <p><strong>Same party on ${party.listings.length} listings</strong></p>
    <ul>${party.listings.map(
      (l) => html`<li key=${l.id}>
        ${l.id === current ? html`<strong>${l.name}</strong>` : html`<${EntryLink} id=${l.id} label=${l.name} />`}
        ${" "}<span class="mono">${l.source}:${l.sourceId}</span>${l.score !== undefined ? ` · score ${score(l.score)}` : ""}
        ${l.programs.length ? ` · ${l.programs.join("; ")}` : ""}
      </li>`,
    )}</ul>
    ${party.ties.length ? html`<p class="muted">Why one party: ${party.ties.map((t) => t.reason).join("; ")}.</p>` : null}
  </div>`;
}

/** One hit: the entry, its score, its programs, why it matched, and the party's other listings. */
export function HitCard({ hit, rank, party }: { hit: Hit; rank: number; party?: Party }) {
  return html`<article class=${`hit${hit.match ? " is-match" : ""}`} aria-labelledby=${`hit-${rank}`}>
    <header>
      <${ScoreBar} value=${hit.score} match=${hit.match} />
      <h2 id=${`hit-${rank}`}><${EntryLink} id=${hit.id} label=${hit.name} /></h2>
      ${hit.match ? html`<span class="badge alert">alert</span>` : html`<span class="badge">below threshold</span>`}
    </header>
    <p class="meta">${hit.schema} · <span class="mono">${hit.source}:${hit.sourceId}</span>${hit.listVersion !== undefined ? ` · list version ${hit.listVersion}` : ""}</p>
    <${Programs} programs=${hit.programs} />
    <${Why} explanation=${hit.explanation} />
    ${party && party.listings.length > 1 ? html`<${Listings} party=${party} current=${hit.id} />` : null}
  </article>`;
}
