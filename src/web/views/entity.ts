/** One list entry, whole: every field the list publishes, its names with their scripts, links and lists. */
import { html } from "htm/preact";
import { useEffect, useState } from "preact/hooks";
import { api, errorText } from "../api.ts";
import { NAME_KIND, when } from "../format.ts";
import { EntryLink, Listings, Programs } from "../hit.ts";
import type { Entity, Party } from "../types.ts";

interface LinkTarget {
  id: string;
  source: string;
  sourceId: string;
  name: string;
  programs: string[];
}

type EntityPage = Omit<Entity, "links"> & {
  links: (Entity["links"][number] & { target?: LinkTarget })[];
  appearsIn: { source: string; version: number; importedAt: string }[];
  sameParty?: Pick<Party, "listings" | "ties">;
};

// Fields shown in their own sections; anything else the server sends is still shown, under "Other fields".
const SHOWN = new Set([
  "id",
  "source",
  "sourceId",
  "listVersion",
  "schema",
  "names",
  "programs",
  "listedOn",
  "addresses",
  "birthDates",
  "birthPlaces",
  "nationalities",
  "citizenships",
  "gender",
  "titles",
  "identifiers",
  "vessel",
  "aircraft",
  "links",
  "websites",
  "emails",
  "phones",
  "sanctionsInfo",
  "caatsa235",
  "incorporationDates",
  "facts",
  "remarks",
  "references",
  "appearsIn",
  "sameParty",
  "list",
]);

const SCRIPT: Record<string, string> = {
  Arab: "Arabic",
  Cyrl: "Cyrillic",
  Hang: "Hangul",
  Hans: "Chinese (simplified)",
  Hant: "Chinese (traditional)",
  Hani: "Chinese characters",
  Jpan: "Japanese",
  Grek: "Greek",
  Hebr: "Hebrew",
  Thai: "Thai",
  Mymr: "Burmese",
  Armn: "Armenian",
  Geor: "Georgian",
  Latn: "Latin",
};

/** The rows that carry a value. */
function present(rows: [string, unknown][]): [string, unknown][] {
  return rows.filter(
    ([, v]) => v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0),
  );
}

function Rows({ rows }: { rows: [string, unknown][] }) {
  if (present(rows).length === 0) return null;
  return html`<dl class="facts">
    ${present(rows).map(([k, v]) => html`<dt key=${k}>${k}</dt><dd>${Array.isArray(v) ? v.join("; ") : typeof v === "object" ? JSON.stringify(v) : String(v)}</dd>`)}
  </dl>`;
}

function Section({
  title,
  children,
  when: show = true,
}: {
  title: string;
  children: unknown;
  when?: boolean;
}) {
  if (!show) return null;
  return html`<section class="panel"><h2>${title}</h2>${children}</section>`;
}

/** The Entry view. */
export function EntityView({ id }: { id: string }) {
  const [entity, setEntity] = useState<EntityPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setEntity(null);
    setError(null);
    api<EntityPage>(`/v1/entities/${encodeURIComponent(id)}`).then(setEntity, (e) => setError(errorText(e)));
  }, [id]);

  // One frame for loading, failure and the entry, so the heading keeps focus when the entry arrives.
  const frame = (title: string, body: unknown) => html`<article aria-labelledby="entity-h">
    <p><a href="#/screen">← Back to screening</a></p>
    <h1 id="entity-h" tabindex="-1">${title}</h1>
    ${body}
  </article>`;
  if (error) return frame(`Entry ${id}`, html`<p class="error" role="alert">${error}</p>`);
  if (!entity) return frame(`Entry ${id}`, html`<p class="status" role="status">Loading…</p>`);
  const e = entity;
  const primary = e.names.find((n) => n.kind === "primary")?.full ?? e.names[0]?.full ?? e.id;
  const other = Object.entries(e).filter(([k]) => !SHOWN.has(k));
  const dates = (ds: { raw: string }[] | undefined) => (ds ?? []).map((d) => d.raw);
  const facts: [string, unknown][] = [
    ["Listed on", e.listedOn],
    ["Birth dates", dates(e.birthDates)],
    ["Birth places", e.birthPlaces],
    ["Nationalities", e.nationalities],
    ["Citizenships", e.citizenships],
    ["Gender", e.gender],
    ["Titles", e.titles],
    ["Incorporated", dates(e.incorporationDates)],
    ["Websites", e.websites],
    ["E-mail", e.emails],
    ["Phones", e.phones],
    ["References", e.references],
    ...(e.facts ?? []).map((f): [string, unknown] => [f.label, f.value]),
  ];

  return frame(
    primary,
    html`<p class="meta">${e.schema} · <span class="mono">${e.source}:${e.sourceId}</span>${e.listVersion !== undefined ? ` · list version ${e.listVersion}` : ""}</p>
    <${Programs} programs=${e.programs} />

    <${Section} title="Names">
      <table>
        <thead><tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Script</th><th scope="col">Language</th><th scope="col">Note</th></tr></thead>
        <tbody>${e.names.map(
          (n, i) => html`<tr key=${i}>
            <td lang=${n.lang}>${n.full}</td><td>${NAME_KIND[n.kind] ?? n.kind}</td><td>${n.script ? (SCRIPT[n.script] ?? n.script) : "Latin"}</td>
            <td>${n.lang ?? ""}</td><td>${n.note ?? ""}</td>
          </tr>`,
        )}</tbody>
      </table>
    <//>

    <${Section} title="Facts" when=${present(facts).length > 0}>
      <${Rows} rows=${facts} />
    <//>


    <${Section} title="Identifiers" when=${e.identifiers.length > 0}>
      <table>
        <thead><tr><th scope="col">Type</th><th scope="col">Number</th><th scope="col">Country</th><th scope="col">Issued / expires</th><th scope="col">Note</th></tr></thead>
        <tbody>${e.identifiers.map(
          (
            d,
            i,
          ) => html`<tr key=${i}><td>${d.label}</td><td class="mono">${d.number}</td><td>${d.country ?? ""}</td>
            <td>${[d.issued, d.expires].filter(Boolean).join(" / ")}</td><td>${d.note ?? ""}</td></tr>`,
        )}</tbody>
      </table>
    <//>

    <${Section} title="Addresses" when=${e.addresses.length > 0}>
      <ul>${e.addresses.map(
        (a, i) =>
          html`<li key=${i}>${[a.street, a.city, a.region, a.postalCode, a.country].filter(Boolean).join(", ")}${a.note ? ` (${a.note})` : ""}</li>`,
      )}</ul>
    <//>

    <${Section} title="Vessel" when=${e.vessel !== undefined}>
      <${Rows} rows=${Object.entries(e.vessel ?? {})} />
    <//>
    <${Section} title="Aircraft" when=${e.aircraft !== undefined}>
      <${Rows} rows=${Object.entries(e.aircraft ?? {})} />
    <//>

    <${Section} title="Sanctions information" when=${e.sanctionsInfo.length > 0 || e.caatsa235.length > 0}>
      <ul>
        ${e.sanctionsInfo.map((s, i) => html`<li key=${`s${i}`}>${s}</li>`)}
        ${e.caatsa235.map((m, i) => html`<li key=${`c${i}`}>CAATSA §235(a)(${m.paragraph}): ${m.measure}</li>`)}
      </ul>
    <//>

    <${Section} title="Related entries" when=${e.links.length > 0}>
      <ul>${e.links.map(
        (l, i) =>
          html`<li key=${i}>${l.relation.replaceAll("-", " ")}: ${
            l.target
              ? html`<${EntryLink} id=${l.target.id} label=${l.target.name} /> <span class="mono">(${l.target.source}:${l.target.sourceId})</span>`
              : l.name
          }</li>`,
      )}</ul>
    <//>

    <${Section} title="Remarks" when=${Boolean(e.remarks)}>
      <p class="remarks">${e.remarks}</p>
    <//>

    <${Section} title="Other fields" when=${other.length > 0}>
      <${Rows} rows=${other} />
    <//>

    <${Section} title="Lists">
      <ul>${e.appearsIn.map(
        (v) =>
          html`<li key=${`${v.source}${v.version}`}>${v.source}${e.list ? ` (${e.list})` : ""}, list version ${v.version}, imported ${when(v.importedAt)}</li>`,
      )}</ul>
      ${e.sameParty ? html`<${Listings} party=${e.sameParty} current=${e.id} />` : null}
    <//>`,
  );
}
