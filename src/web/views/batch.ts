/** Batch screening: upload a CSV of names, watch progress, download every row's result as CSV. */
import { html } from "htm/preact";
import Papa from "papaparse";
import { useRef, useState } from "preact/hooks";
import { api, errorText } from "../api.ts";
import type { Session } from "../app.ts";
import { score } from "../format.ts";
import { EntryLink } from "../hit.ts";
import type { Hit } from "../types.ts";

/** Rows sent in one request (the API takes up to 1,000). */
const CHUNK = 250;
/** Rows with alerts shown on the page; the download has them all. */
const SHOWN = 200;

// Column names the page understands, with the spellings customer files use.
const COLUMNS: Record<string, string[]> = {
  name: ["name", "full name", "fullname", "customer name", "party"],
  type: ["type", "entity type", "kind"],
  dob: ["dob", "birth date", "birthdate", "date of birth", "birth_date"],
  country: ["country", "nationality", "country code"],
  id: ["id", "identifier", "id number", "passport", "registration"],
  key: ["key", "ref", "reference", "customer id", "customer_id"],
};

interface Row {
  line: number;
  key: string;
  name: string;
  type?: string;
  dob?: string;
  country?: string;
  id?: string;
}

interface Result {
  row: Row;
  hits: Hit[];
  error?: string;
}

/** The CSV's header → our fields, or a message naming what is missing. */
export function columnsOf(header: string[]): Record<string, string> | string {
  const found: Record<string, string> = {};
  for (const [field, spellings] of Object.entries(COLUMNS)) {
    const column = header.find((h) => spellings.includes(h.trim().toLowerCase()));
    if (column !== undefined) found[field] = column;
  }
  if (!found.name) return `the file has no name column (its columns: ${header.join(", ") || "none"})`;
  return found;
}

function rowsOf(data: Record<string, string>[], columns: Record<string, string>): Row[] | string {
  const keys = new Set<string>();
  const rows: Row[] = [];
  for (const [i, record] of data.entries()) {
    const line = i + 2; // the header is line 1
    const cell = (field: string) => {
      const column = columns[field];
      const value = column === undefined ? "" : (record[column] ?? "").trim();
      return value === "" ? undefined : value;
    };
    const key = cell("key") ?? String(line);
    if (keys.has(key)) return `line ${line}: the key "${key}" is used twice`;
    keys.add(key);
    const type = cell("type")?.toLowerCase();
    rows.push({
      line,
      key,
      name: cell("name") ?? "",
      ...(type ? { type } : {}),
      ...(cell("dob") ? { dob: cell("dob") } : {}),
      ...(cell("country") ? { country: cell("country") } : {}),
      ...(cell("id") ? { id: cell("id") } : {}),
    });
  }
  return rows;
}

/** The results as a CSV file, one line per input row, in input order. */
export function resultsCsv(results: Result[]): string {
  return Papa.unparse(
    results.map(({ row, hits, error }) => {
      const top = hits[0];
      return {
        line: row.line,
        key: row.key,
        name: row.name,
        status: error
          ? `error: ${error}`
          : hits.some((h) => h.match)
            ? "alert"
            : hits.length
              ? "below threshold"
              : "no hit",
        hits: hits.length,
        top_score: top ? score(top.score) : "",
        top_id: top?.id ?? "",
        top_name: top?.name ?? "",
        top_programs: top?.programs.join("; ") ?? "",
        explanation: top?.explanation.summary ?? "",
        all_hits: hits.map((h) => `${h.id} ${score(h.score)}`).join("; "),
      };
    }),
  );
}

/** The Batch view. */
export function BatchView({ session }: { session: Session }) {
  const [results, setResults] = useState<Result[]>([]);
  const [total, setTotal] = useState(0);
  const [done, setDone] = useState(0);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fileName, setFileName] = useState("");
  const [threshold, setThreshold] = useState("");
  const cancelled = useRef(false);

  const run = async (file: File) => {
    setError(null);
    setResults([]);
    setDone(0);
    setFileName(file.name);
    const parsed = Papa.parse<Record<string, string>>(await file.text(), {
      header: true,
      skipEmptyLines: "greedy",
    });
    const bad = parsed.errors[0];
    if (bad) {
      setError(`${file.name}, line ${(bad.row ?? 0) + 2}: ${bad.message}`);
      return;
    }
    const columns = columnsOf(parsed.meta.fields ?? []);
    if (typeof columns === "string") return setError(`${file.name}: ${columns}`);
    const rows = rowsOf(parsed.data, columns);
    if (typeof rows === "string") return setError(`${file.name}, ${rows}`);
    setTotal(rows.length);
    setRunning(true);
    cancelled.current = false;
    const t = Number.parseFloat(threshold);
    const all: Result[] = [];
    try {
      for (let at = 0; at < rows.length && !cancelled.current; at += CHUNK) {
        const chunk = rows.slice(at, at + CHUNK);
        // A row without a name cannot be screened; it stays in the results, marked, rather than vanish.
        const named = chunk.filter((r) => r.name !== "");
        const answer = named.length
          ? await api<{ results: { key: string; hits: Hit[] }[] }>("/v1/screen/batch", {
              queries: named.map(({ line: _line, ...q }) => ({
                ...q,
                ...(Number.isFinite(t) ? { threshold: t } : {}),
              })),
            }).catch((e: unknown) => {
              // Name the input line rather than the position in the request.
              const m = /^queries\[(\d+)\]/.exec(errorText(e));
              const row = m ? named[Number(m[1])] : undefined;
              throw new Error(
                row
                  ? `line ${row.line}: ${errorText(e).replace(/^queries\[\d+\] \([^)]*\): /, "")}`
                  : errorText(e),
              );
            })
          : { results: [] };
        const byKey = new Map(answer.results.map((r) => [r.key, r.hits]));
        for (const row of chunk) {
          all.push(
            row.name === ""
              ? { row, hits: [], error: "name is empty" }
              : { row, hits: byKey.get(row.key) ?? [] },
          );
        }
        setDone(all.length);
        setResults([...all]);
      }
    } catch (e) {
      setError(`${file.name}, ${errorText(e)}`);
    } finally {
      setRunning(false);
    }
  };

  const download = () => {
    const blob = new Blob([resultsCsv(results)], { type: "text/csv;charset=utf-8" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = `${fileName.replace(/\.[^.]*$/, "") || "batch"}-redline.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };

  const alerts = results.filter((r) => r.hits.some((h) => h.match));
  const errors = results.filter((r) => r.error).length;
  return html`<section aria-labelledby="batch-h">
    <h1 id="batch-h" tabindex="-1">Batch screening</h1>
    <form class="panel" onSubmit=${(e: Event) => e.preventDefault()}>
      <p>A CSV file with a header line and a <code>name</code> column; optional columns <code>type</code>, <code>dob</code>,
        <code>country</code>, <code>id</code> and <code>key</code> (your reference for the row).</p>
      <div class="row wrap">
        <div class="field">
          <label for="batch-file">CSV file</label>
          <input id="batch-file" type="file" accept=".csv,text/csv" disabled=${running || session.lists.length === 0} onChange=${(
            e: Event,
          ) => {
            const input = e.target as HTMLInputElement;
            const file = input.files?.[0];
            if (file) void run(file);
            input.value = "";
          }} />
        </div>
        <div class="field">
          <label for="batch-threshold">Alert threshold</label>
          <input id="batch-threshold" type="number" min="0.5" max="1" step="0.01" placeholder="default" value=${threshold}
            onInput=${(e: Event) => setThreshold((e.target as HTMLInputElement).value)} />
        </div>
      </div>
    </form>
    <div class="progress-line">
      <progress max=${total || 1} value=${done} aria-label="rows screened"></progress>
      <span role="status" aria-live="polite">${
        total
          ? `${done.toLocaleString()} of ${total.toLocaleString()} rows screened${running ? "…" : "."}`
          : "No file screened yet."
      }</span>
      ${
        running
          ? html`<button type="button" class="secondary" onClick=${() => {
              cancelled.current = true;
            }}>Stop</button>`
          : null
      }
    </div>
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    ${
      results.length > 0 && !running
        ? html`<p>${alerts.length.toLocaleString()} row${alerts.length === 1 ? "" : "s"} with alerts${errors ? `, ${errors} not screened (see the download)` : ""}.
        <button type="button" onClick=${download}>Download results (CSV)</button></p>`
        : null
    }
    ${
      alerts.length > 0
        ? html`<div class="scroll" tabindex="0" role="region" aria-label="rows with alerts"><table>
      <caption>Rows with alerts${alerts.length > SHOWN ? ` (the first ${SHOWN}; the download has all ${alerts.length})` : ""}</caption>
      <thead><tr><th scope="col" class="num">Line</th><th scope="col">Key</th><th scope="col">Name</th><th scope="col" class="num">Score</th><th scope="col">Entry</th><th scope="col">Programs</th></tr></thead>
      <tbody>${alerts.slice(0, SHOWN).map(({ row, hits }) => {
        const top = hits[0] as Hit;
        return html`<tr key=${row.key}><td class="num">${row.line}</td><td>${row.key}</td><td>${row.name}</td><td class="num">${score(top.score)}</td>
          <td><${EntryLink} id=${top.id} label=${top.name} /></td><td>${top.programs.join("; ")}</td></tr>`;
      })}</tbody>
    </table></div>`
        : null
    }
  </section>`;
}
