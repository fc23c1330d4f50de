/** The audit trail: the latest records and a check of the whole hash chain. */
import { html } from "htm/preact";
import { useEffect, useState } from "preact/hooks";
import { api, errorText } from "../api.ts";
import type { Session } from "../app.ts";
import { when } from "../format.ts";
import type { AuditRecord, AuditVerdict } from "../types.ts";

/** The Audit view. */
export function AuditView({ session }: { session: Session }) {
  const [records, setRecords] = useState<AuditRecord[] | null>(null);
  const [verdict, setVerdict] = useState<AuditVerdict | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const admin = session.caller.scopes.includes("admin");

  const load = () =>
    api<{ records: AuditRecord[] }>("/v1/audit?newest=true&limit=50").then(
      (page) => setRecords(page.records),
      (e) => setError(errorText(e)),
    );
  useEffect(() => {
    if (admin) void load();
  }, [admin]);

  const verify = async () => {
    setChecking(true);
    setVerdict(null);
    try {
      setVerdict(await api<AuditVerdict>("/v1/audit/verify"));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setChecking(false);
    }
  };

  if (!admin)
    return html`<section><h1 tabindex="-1">Audit trail</h1><p>Reading the audit trail needs an admin key.</p></section>`;
  return html`<section aria-labelledby="audit-h">
    <h1 id="audit-h" tabindex="-1">Audit trail</h1>
    <div class="actions">
      <button type="button" onClick=${verify} disabled=${checking}>Verify chain</button>
      <button type="button" class="secondary" onClick=${() => void load()}>Refresh</button>
    </div>
    <p class="status" role="status" aria-live="polite">${
      checking
        ? "Checking every record…"
        : verdict
          ? verdict.ok
            ? `Chain intact: ${verdict.records.toLocaleString()} records, each linked to the one before.`
            : `Chain broken at record ${verdict.seq}: ${verdict.reason}`
          : ""
    }</p>
    ${verdict && !verdict.ok ? html`<p class="error" role="alert">The audit trail has been altered: keep the database as it is and report it.</p>` : null}
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    ${
      records === null
        ? html`<p class="status">Loading…</p>`
        : records.length === 0
          ? html`<p>No records yet.</p>`
          : html`<div class="scroll" tabindex="0" role="region" aria-label="latest audit records"><table>
      <caption>The ${records.length} latest records, newest first</caption>
      <thead><tr><th scope="col" class="num">#</th><th scope="col">Time</th><th scope="col">Who</th><th scope="col">Channel</th>
        <th scope="col">Query</th><th scope="col">Hits</th><th scope="col">Hash</th></tr></thead>
      <tbody>${records.map(
        (r) => html`<tr key=${r.seq}>
          <td class="num">${r.seq}</td><td>${when(r.time)}</td><td>${r.actor}</td><td>${r.channel}</td>
          <td>${r.query.name}${r.ref ? html` <span class="muted">(${r.ref})</span>` : null}</td>
          <td>${r.hits.length ? r.hits.map((h) => `${h.id} ${h.score.toFixed(2)}`).join(", ") : "none"}</td>
          <td class="mono" title=${r.hash}>${r.hash.slice(0, 12)}…</td>
        </tr>`,
      )}</tbody>
    </table></div>`
    }
  </section>`;
}
