/** The page's frame: navigation, the key prompt, the lists banner, and the view the address names. */
import { html } from "htm/preact";
import { useCallback, useEffect, useState } from "preact/hooks";
import { ApiError, api, errorText, onUnauthorized, savedKey, saveKey } from "./api.ts";
import { isStale } from "./format.ts";
import type { Caller, ListSummary } from "./types.ts";
import { AssessView } from "./views/assess.ts";
import { AuditView } from "./views/audit.ts";
import { BatchView } from "./views/batch.ts";
import { EntityView } from "./views/entity.ts";
import { ListsView } from "./views/lists.ts";
import { ScanView } from "./views/scan.ts";
import { ScreenView } from "./views/screen.ts";

const VIEWS = [
  ["screen", "Screen"],
  ["batch", "Batch"],
  ["scan", "Scan"],
  ["assess", "Assess"],
  ["lists", "Lists"],
  ["audit", "Audit"],
] as const;

/** The view and its argument from the address: `#/entity/ofac:123` → ["entity", "ofac:123"]. */
function route(): [string, string] {
  const [, view = "screen", ...rest] = location.hash.split("/");
  return [view || "screen", decodeURIComponent(rest.join("/"))];
}

/** What the page shares with every view. */
export interface Session {
  caller: Caller;
  lists: ListSummary[];
  refreshLists: () => Promise<void>;
}

function KeyForm({ onKey, problem }: { onKey: (key: string) => void; problem: string }) {
  const [key, setKey] = useState("");
  return html`<form class="panel key" onSubmit=${(e: Event) => {
    e.preventDefault();
    if (key.trim()) onKey(key.trim());
  }}>
    <h2>API key</h2>
    <p>${problem}</p>
    <p class="muted">The key is kept in this tab only (session storage) and sent with every request.</p>
    <label for="api-key">Key</label>
    <div class="row">
      <input id="api-key" type="password" autocomplete="off" value=${key} onInput=${(e: Event) => setKey((e.target as HTMLInputElement).value)} required />
      <button type="submit">Use key</button>
    </div>
  </form>`;
}

function ListsBanner({ lists }: { lists: ListSummary[] }) {
  if (lists.length === 0)
    return html`<p class="banner warn" role="status">No lists are loaded. Load them with <code>redline update</code> (online) or <code>redline import FILE…</code> (offline), then reload this page.</p>`;
  const demo = lists.some((l) => l.note);
  const stale = lists.filter(isStale);
  return html`<p class=${`banner${demo || stale.length ? " warn" : ""}`}>
    ${lists.map((l) => `${l.source} v${l.version} (${l.entities.toLocaleString()} entries)`).join(" · ")}
    ${demo ? html` — <strong>demo data, not the official lists</strong>` : null}
    ${stale.length ? html` — <strong>stale: ${stale.map((l) => l.source).join(", ")}</strong> (<a href="#/lists">update</a>)` : null}
  </p>`;
}

/** The whole page. */
export function App() {
  const [[view, arg], setRoute] = useState(route);
  const [caller, setCaller] = useState<Caller | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [lists, setLists] = useState<ListSummary[]>([]);

  const refreshLists = useCallback(async () => {
    setLists(await api<ListSummary[]>("/v1/lists"));
  }, []);

  const identify = useCallback(async () => {
    try {
      setCaller(await api<Caller>("/v1/whoami"));
      setProblem(null);
      setFailure(null);
      await refreshLists();
    } catch (error) {
      setCaller(null);
      if (error instanceof ApiError && error.status === 401) {
        setProblem(savedKey() ? "The server refused this key." : "This server asks for an API key.");
      } else {
        setFailure(errorText(error));
      }
    }
  }, [refreshLists]);

  useEffect(() => {
    const changed = () => setRoute(route());
    addEventListener("hashchange", changed);
    void identify();
    const off = onUnauthorized(() => {
      setCaller(null);
      setProblem("The server refused the key (revoked?). Enter a valid key.");
    });
    return () => {
      removeEventListener("hashchange", changed);
      off();
    };
  }, [identify]);

  useEffect(() => {
    const name = VIEWS.find(([v]) => v === view)?.[1] ?? (view === "entity" ? "Entry" : "Screen");
    document.title = `${name} — redline`;
    // Move focus to the new view's heading so keyboard and screen-reader users land on it.
    document.querySelector<HTMLElement>("main h1")?.focus();
  }, [view, arg]);

  const session: Session | null = caller ? { caller, lists, refreshLists } : null;
  const body = () => {
    if (!session) return null;
    switch (view) {
      case "entity":
        return html`<${EntityView} id=${arg} />`;
      case "batch":
        return html`<${BatchView} session=${session} />`;
      case "scan":
        return html`<${ScanView} session=${session} />`;
      case "assess":
        return html`<${AssessView} />`;
      case "lists":
        return html`<${ListsView} session=${session} />`;
      case "audit":
        return html`<${AuditView} session=${session} />`;
      default:
        return html`<${ScreenView} session=${session} />`;
    }
  };

  return html`
    <a class="skip" href="#main">Skip to content</a>
    <header>
      <div class="top">
      <a class="brand" href="#/screen">redline</a>
      <nav aria-label="Main">
        <ul>
          ${VIEWS.map(
            ([v, label]) =>
              html`<li key=${v}><a href=${`#/${v}`} aria-current=${view === v ? "page" : undefined}>${label}</a></li>`,
          )}
        </ul>
      </nav>
      ${
        caller && caller.actor !== "anonymous"
          ? html`<button class="link" type="button" onClick=${() => {
              saveKey(null);
              void identify();
            }}>Forget key</button>`
          : null
      }
      </div>
      ${session ? html`<${ListsBanner} lists=${lists} />` : null}
    </header>
    <main id="main">
      ${
        problem !== null
          ? html`<${KeyForm} problem=${problem} onKey=${(key: string) => {
              saveKey(key);
              void identify();
            }} />`
          : null
      }
      ${failure !== null ? html`<p class="error" role="alert">${failure}</p>` : null}
      ${body()}
    </main>
    <footer class="muted">Decision support, not legal advice: an alert is a reason to look, not a finding.</footer>
  `;
}
