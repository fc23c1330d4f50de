/** The loaded lists: versions, dates, counts, age, and an update for admins. */
import { html } from "htm/preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, api, errorText } from "../api.ts";
import type { Session } from "../app.ts";
import { age, isStale, when } from "../format.ts";

/** The Lists view. */
export function ListsView({ session }: { session: Session }) {
  const { lists, refreshLists, caller } = session;
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);
  const timer = useRef<ReturnType<typeof setInterval> | undefined>(undefined);
  useEffect(() => () => clearInterval(timer.current), []);
  const admin = caller.scopes.includes("admin");

  const update = async () => {
    setBusy(true);
    setStatus("Asking the server to download the lists…");
    const before = JSON.stringify(lists.map((l) => l.version));
    try {
      const answer = await api<{ status: string }>("/v1/lists/update", {}, "POST");
      setStatus(
        answer.status === "already running"
          ? "An update is already running; waiting for it."
          : "Update started: the new versions are swapped in when complete.",
      );
      let polls = 0;
      timer.current = setInterval(async () => {
        polls++;
        const now = await api<{ version: number }[]>("/v1/lists").catch(() => null);
        if (now && JSON.stringify(now.map((l) => l.version)) !== before) {
          clearInterval(timer.current);
          await refreshLists();
          setStatus("New list versions are in service.");
          setBusy(false);
        } else if (polls >= 60) {
          clearInterval(timer.current);
          await refreshLists();
          setStatus(
            "No new version after two minutes: the lists may be unchanged, or the update failed (see the server log).",
          );
          setBusy(false);
        }
      }, 2000);
    } catch (e) {
      setBusy(false);
      setStatus(
        e instanceof ApiError && e.status === 501
          ? "This server was started without list updates (it cannot download); load lists with `redline import`."
          : errorText(e),
      );
    }
  };

  return html`<section aria-labelledby="lists-h">
    <h1 id="lists-h" tabindex="-1">Lists</h1>
    ${
      lists.length === 0
        ? html`<p>No lists are loaded. Run <code>redline update</code> (online) or <code>redline import FILE…</code> (offline).</p>`
        : html`<div class="scroll" tabindex="0" role="region" aria-label="lists in service"><table>
      <thead><tr><th scope="col">List</th><th scope="col">Version</th><th scope="col">Published</th><th scope="col">Imported</th>
        <th scope="col">Age</th><th scope="col" class="num">Entries</th><th scope="col" class="num">Names</th><th scope="col">Notes</th></tr></thead>
      <tbody>${lists.map(
        (l) => html`<tr key=${l.source}>
          <th scope="row">${l.source}${l.title ? html`<span class="list-title muted">${l.title}</span>` : null}</th><td>${l.version}</td><td>${l.published ? l.published.slice(0, 10) : "not stated"}</td>
          <td>${when(l.importedAt)}</td>
          <td>${age(l.ageSeconds)}${isStale(l) ? html` <span class="badge sev-high">stale</span>` : null}</td>
          <td class="num">${l.entities.toLocaleString()}</td><td class="num">${l.names.toLocaleString()}</td>
          <td>${[l.note, ...l.warnings].filter(Boolean).join(" · ")}</td>
        </tr>`,
      )}</tbody>
    </table></div>`
    }
    ${
      admin
        ? html`<div class="actions"><button type="button" onClick=${update} disabled=${busy}>Update lists now</button></div>`
        : html`<p class="muted">Updating the lists needs an admin key.</p>`
    }
    <p class="status" role="status" aria-live="polite">${status}</p>
  </section>`;
}
