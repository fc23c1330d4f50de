/** Scan a document: paste or drop it, and read it back with every mention marked and explained. */
import { html } from "htm/preact";
import { useMemo, useRef, useState } from "preact/hooks";
import { scanSegments } from "../../scan/segments.ts";
import { api, errorText } from "../api.ts";
import type { Session } from "../app.ts";
import { score } from "../format.ts";
import { EntryLink, Programs } from "../hit.ts";
import type { Mention, ScanResult } from "../types.ts";

const FORMATS = [
  ["", "from its content"],
  ["text", "plain text"],
  ["html", "HTML"],
  ["mt103", "SWIFT MT103"],
  ["pacs008", "ISO 20022 pacs.008"],
] as const;

function Card({ mention: m, id }: { mention: Mention; id: string }) {
  if (m.kind === "jurisdiction") {
    const j = m.jurisdiction;
    return html`<span class="card" role="tooltip" id=${id}>
      <strong>${j.name}</strong> (${j.code}) — ${j.level} sanctions
      <ul>${j.programs.map((p, i) => html`<li key=${i}><b>${p.name}</b> (${p.authority}): ${p.citation}</li>`)}</ul>
      ${j.note ? html`<span class="block">${j.note}</span>` : null}
    </span>`;
  }
  return html`<span class="card" role="tooltip" id=${id}>
    ${m.hits.map(
      (h) => html`<span class="block" key=${h.id}>
        <strong><${EntryLink} id=${h.id} label=${h.name} /></strong>
        <span class="block meta">${h.schema} · <span class="mono">${h.source}:${h.sourceId}</span> · score ${score(h.score)}</span>
        <${Programs} programs=${h.programs} />
        <span class="block">${h.explanation.summary}</span>
      </span>`,
    )}
  </span>`;
}

/** A marked mention; its card is built only while it is open, so long documents stay light. */
function Mark({ mention, text, index }: { mention: Mention; text: string; index: number }) {
  const [open, setOpen] = useState(false);
  const self = useRef<HTMLElement>(null);
  const id = `card-${index}`;
  const label =
    mention.kind === "party"
      ? `listed party: ${mention.hits[0]?.name ?? mention.text}`
      : `sanctioned jurisdiction: ${mention.jurisdiction.name}`;
  const close = (e: FocusEvent | MouseEvent) => {
    const next = (e as FocusEvent).relatedTarget as Node | null;
    if (e.type === "mouseleave" && self.current?.contains(document.activeElement)) return;
    if (!next || !self.current?.contains(next)) setOpen(false);
  };
  return html`<mark
    ref=${self}
    class=${`${mention.kind}${open ? " open" : ""}`}
    onMouseEnter=${() => setOpen(true)}
    onMouseLeave=${close}
    onFocusIn=${() => setOpen(true)}
    onFocusOut=${close}
    onKeyDown=${(e: KeyboardEvent) => {
      if (e.key === "Escape") setOpen(false);
    }}
    >${text}<button type="button" class="info" aria-label=${`About ${text}: ${label}`} aria-expanded=${open} aria-describedby=${open ? id : undefined}
      onClick=${() => setOpen(!open)}>i</button>${open ? html`<${Card} mention=${mention} id=${id} />` : null}</mark>`;
}

function formatOf(fileName: string): string {
  return /\.x?html?$/i.test(fileName) ? "html" : "";
}

/** The Scan view. */
export function ScanView({ session }: { session: Session }) {
  const [text, setText] = useState("");
  const [format, setFormat] = useState("");
  const [result, setResult] = useState<{ input: string; scan: ScanResult } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  const load = async (file: File) => {
    setText(await file.text());
    setFormat(formatOf(file.name));
    setResult(null);
  };

  const run = async () => {
    if (!text.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const scan = await api<ScanResult>("/v1/scan", { text, ...(format ? { format } : {}) });
      setResult({ input: text, scan });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const segments = useMemo(() => (result ? scanSegments(result.input, result.scan) : []), [result]);
  const parties = result?.scan.mentions.filter((m) => m.kind === "party").length ?? 0;
  const places = (result?.scan.mentions.length ?? 0) - parties;

  return html`<section aria-labelledby="scan-h">
    <h1 id="scan-h" tabindex="-1">Scan a document</h1>
    <form class="panel" onSubmit=${(e: Event) => {
      e.preventDefault();
      void run();
    }}>
      <div class="field">
        <label for="scan-text">Document text (news, invoice, payment message…)</label>
        <textarea id="scan-text" rows="8" value=${text} class=${dragging ? "dragging" : ""}
          onInput=${(e: Event) => setText((e.target as HTMLTextAreaElement).value)}
          onDragOver=${(e: DragEvent) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave=${() => setDragging(false)}
          onDrop=${(e: DragEvent) => {
            e.preventDefault();
            setDragging(false);
            const file = e.dataTransfer?.files[0];
            if (file) void load(file);
          }}></textarea>
      </div>
      <div class="row wrap">
        <div class="field">
          <label for="scan-file">Or open a file (or drop it on the text box)</label>
          <input id="scan-file" type="file" accept=".txt,.html,.htm,.xml,.fin,.mt,text/*" onChange=${(
            e: Event,
          ) => {
            const file = (e.target as HTMLInputElement).files?.[0];
            if (file) void load(file);
          }} />
        </div>
        <div class="field">
          <label for="scan-format">Read as</label>
          <select id="scan-format" value=${format} onChange=${(e: Event) => setFormat((e.target as HTMLSelectElement).value)}>
            ${FORMATS.map(([v, label]) => html`<option key=${v} value=${v}>${label}</option>`)}
          </select>
        </div>
      </div>
      <div class="actions"><button type="submit" disabled=${busy}>Scan</button></div>
    </form>
    <p class="status" role="status" aria-live="polite">${
      busy
        ? "Scanning…"
        : result
          ? `${parties} listed part${parties === 1 ? "y" : "ies"} and ${places} sanctioned jurisdiction mention${places === 1 ? "" : "s"} in ${result.scan.characters.toLocaleString()} characters (${result.scan.format}). Hover or focus a marker for its card.`
          : session.lists.length === 0
            ? "No lists are loaded: only jurisdictions can be found."
            : ""
    }</p>
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    ${
      result
        ? html`<p class="legend"><mark class="party">listed party</mark> <mark class="jurisdiction">sanctioned jurisdiction</mark></p>
      <div class="doc panel" aria-label="scanned document">${segments.map((s) =>
        s.mention
          ? html`<${Mark} key=${s.index} mention=${s.mention} text=${s.text} index=${s.index ?? 0} />`
          : s.text,
      )}</div>`
        : null
    }
  </section>`;
}
