/** Scan a document: paste or drop it, and read it back with every mention marked and explained. */
import { html } from "htm/preact";
import { Component } from "preact";
import { useMemo, useState } from "preact/hooks";
import { type Segment, scanSegments } from "../../scan/segments.ts";
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

/** A marked mention: its info button, and its card while it is open. */
function mark(segment: Segment, open: boolean) {
  const m = segment.mention as Mention;
  const id = `card-${segment.index}`;
  const label =
    m.kind === "party"
      ? `listed party: ${m.hits[0]?.name ?? m.text}`
      : `sanctioned jurisdiction: ${m.jurisdiction.name}`;
  return html`<mark key=${segment.index} data-i=${segment.index} class=${m.kind}
    >${segment.text}<button type="button" class="info" aria-label=${`About ${segment.text}: ${label}`} aria-expanded=${open}
      aria-describedby=${open ? id : undefined}>i</button>${open ? html`<${Card} mention=${m} id=${id} />` : null}</mark>`;
}

/** Segments drawn at once; the rest follow in steps, so a long document never freezes the page. */
const STEP = 2000;

interface DocState {
  open: number | null;
  shown: number;
}

/**
 * The scanned document with its marks. One listener for all marks, and no redraw when the form around it
 * changes: documents can carry thousands of mentions.
 */
class ScanDocument extends Component<{ segments: Segment[] }, DocState> {
  override state: DocState = { open: null, shown: STEP };
  private timer: ReturnType<typeof setTimeout> | undefined;

  override shouldComponentUpdate(next: { segments: Segment[] }, state: DocState): boolean {
    return next.segments !== this.props.segments || state !== this.state;
  }
  override componentDidMount(): void {
    this.more();
  }
  override componentDidUpdate(): void {
    this.more();
  }
  override componentWillUnmount(): void {
    clearTimeout(this.timer);
  }
  private more(): void {
    if (this.state.shown >= this.props.segments.length) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.setState({ shown: this.state.shown + STEP }), 0);
  }
  private indexOf(target: EventTarget | null): number | null {
    const el = (target as Element | null)?.closest?.("mark[data-i]");
    return el ? Number(el.getAttribute("data-i")) : null;
  }
  private open = (e: Event) => {
    const i = this.indexOf(e.target);
    if (i !== null && i !== this.state.open) this.setState({ open: i });
  };
  // A card stays open while the pointer or the keyboard focus is still on its mark.
  private leave = (e: MouseEvent | FocusEvent) => {
    const from = this.indexOf(e.target);
    if (from === null || from !== this.state.open) return;
    if (this.indexOf(e.relatedTarget) === from) return;
    if (e.type === "mouseout" && this.indexOf(document.activeElement) === from) return;
    this.setState({ open: null });
  };
  private key = (e: KeyboardEvent) => {
    if (e.key === "Escape") this.setState({ open: null });
  };
  private click = (e: MouseEvent) => {
    if (!(e.target as Element).matches("button.info")) return;
    const i = this.indexOf(e.target);
    this.setState({ open: i === this.state.open ? null : i });
  };

  // Each segment's node is made once and reused, so opening a card redraws two marks, not the document.
  private nodes: unknown[] = [];
  private nodesFor: Segment[] | undefined;
  private nodesOpen: number | null = null;
  private drawn(): unknown[] {
    const { segments } = this.props;
    if (this.nodesFor !== segments) {
      this.nodes = segments.map((s) => (s.mention ? mark(s, false) : s.text));
      this.nodesFor = segments;
      this.nodesOpen = null;
    }
    const { open } = this.state;
    if (this.nodesOpen !== open) {
      this.nodes = [...this.nodes];
      for (const [i, isOpen] of [
        [this.nodesOpen, false],
        [open, true],
      ] as const) {
        const at = i === null ? -1 : segments.findIndex((s) => s.index === i);
        const segment = segments[at];
        if (segment) this.nodes[at] = mark(segment, isOpen);
      }
      this.nodesOpen = open;
    }
    return this.nodes;
  }

  override render() {
    const { shown } = this.state;
    const nodes = this.drawn();
    return html`<div class="doc panel" aria-label="scanned document" aria-busy=${shown < nodes.length}
      onMouseOver=${this.open} onMouseOut=${this.leave} onFocusIn=${this.open} onFocusOut=${this.leave}
      onKeyDown=${this.key} onClick=${this.click}>${nodes.slice(0, shown)}</div>`;
  }
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
      <${ScanDocument} segments=${segments} />`
        : null
    }
  </section>`;
}
