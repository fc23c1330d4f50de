/** Assess a deal: parties, goods, value and date in; verdict, findings and citations out, printable. */
import { html } from "htm/preact";
import { useState } from "preact/hooks";
import { api, errorText } from "../api.ts";
import { score, when } from "../format.ts";
import { EntryLink, Programs } from "../hit.ts";
import type { Assessment, Deal, Finding } from "../types.ts";

const ROLES = ["buyer", "seller", "manufacturer", "intermediary", "end-user", "bank", "carrier", "other"];
const CATEGORIES = ["", "defence", "dual-use", "energy", "finance", "other"];

interface OwnerRow {
  name: string;
  share: string;
  country: string;
}
interface PartyRow {
  name: string;
  role: string;
  type: string;
  country: string;
  identifiers: string;
  owners: OwnerRow[];
}
interface GoodsRow {
  description: string;
  category: string;
}
interface DealForm {
  parties: PartyRow[];
  goods: GoodsRow[];
  amount: string;
  currency: string;
  date: string;
}

const party = (name = "", role = "buyer", country = ""): PartyRow => ({
  name,
  role,
  type: "",
  country,
  identifiers: "",
  owners: [],
});
const BLANK: DealForm = { parties: [party()], goods: [], amount: "", currency: "USD", date: "" };
const EXAMPLE: DealForm = {
  parties: [
    party("Presidency of Defense Industries", "buyer", "Turkey"),
    party("Rosoboronexport", "seller", "Russia"),
  ],
  goods: [{ description: "S-400 surface-to-air missile systems", category: "defence" }],
  amount: "2500000000",
  currency: "USD",
  date: new Date().toISOString().slice(0, 10),
};

/** The deal a form describes, without the fields left empty. */
export function dealOf(form: DealForm): Deal {
  const amount = Number.parseFloat(form.amount);
  return {
    parties: form.parties
      .filter((p) => p.name.trim())
      .map((p) => {
        const ids = p.identifiers
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean);
        const owners = p.owners
          .filter((o) => o.name.trim())
          .map((o) => ({
            name: o.name.trim(),
            share: Number.parseFloat(o.share) || 0,
            ...(o.country.trim() ? { country: o.country.trim() } : {}),
          }));
        return {
          name: p.name.trim(),
          role: p.role as Deal["parties"][number]["role"],
          ...(p.type ? { type: p.type as "person" } : {}),
          ...(p.country.trim() ? { country: p.country.trim() } : {}),
          ...(ids.length ? { identifiers: ids } : {}),
          ...(owners.length ? { owners } : {}),
        };
      }),
    ...(form.goods.some((g) => g.description.trim())
      ? {
          goods: form.goods
            .filter((g) => g.description.trim())
            .map((g) => ({
              description: g.description.trim(),
              ...(g.category ? { category: g.category as "defence" } : {}),
            })),
        }
      : {}),
    ...(Number.isFinite(amount)
      ? { value: { amount, currency: form.currency.trim().toUpperCase() || "USD" } }
      : {}),
    ...(form.date ? { date: form.date } : {}),
  };
}

function FindingCard({ finding: f }: { finding: Finding }) {
  const details = f.details as
    | {
        section235Measures?: string[];
        paths?: { name: string; citation: string; text: string }[];
        precedents?: { country: string; date: string; party: string; transaction: string }[];
      }
    | undefined;
  return html`<article class=${`finding sev-${f.severity}`}>
    <h3><span class=${`badge sev-${f.severity}`}>${f.severity}</span> ${f.title}</h3>
    <p>${f.reasoning}</p>
    ${
      f.entries.length
        ? html`<ul class="entries">${f.entries.map(
            (e) =>
              html`<li key=${e.id}><${EntryLink} id=${e.id} label=${e.name} /> <span class="mono">${e.source}:${e.sourceId}</span>${e.score !== undefined ? ` · score ${score(e.score)}` : ""} <${Programs} programs=${e.programs} /></li>`,
          )}</ul>`
        : null
    }
    <h4>Citations</h4>
    <ul class="citations">${f.citations.map((c, i) => html`<li key=${i}>${c}</li>`)}</ul>
    ${
      details?.precedents?.length
        ? html`<h4>Precedents</h4><ul>${details.precedents.map((p, i) => html`<li key=${i}>${p.date}, ${p.country}: ${p.party} — ${p.transaction}</li>`)}</ul>`
        : null
    }
    ${
      details?.section235Measures?.length
        ? html`<details><summary>The twelve §235 measures (at least five are imposed)</summary><ol>${details.section235Measures.map((m, i) => html`<li key=${i}>${m}</li>`)}</ol></details>`
        : null
    }
    ${
      details?.paths?.length
        ? html`<details><summary>Waiver, delay and guidance</summary><dl class="facts">${details.paths.map((p, i) => html`<dt key=${`n${i}`}>${p.name}</dt><dd key=${`t${i}`}>${p.text} <span class="muted">(${p.citation})</span></dd>`)}</dl></details>`
        : null
    }
  </article>`;
}

/** The Assess view. */
export function AssessView() {
  const [form, setForm] = useState<DealForm>(BLANK);
  const [report, setReport] = useState<(Assessment & { deal: Deal; at: string }) | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const setParty = (i: number, change: Partial<PartyRow>) =>
    setForm({ ...form, parties: form.parties.map((p, j) => (j === i ? { ...p, ...change } : p)) });
  const setOwner = (i: number, k: number, change: Partial<OwnerRow>) =>
    setParty(i, {
      owners: (form.parties[i]?.owners ?? []).map((o, j) => (j === k ? { ...o, ...change } : o)),
    });
  const setGoods = (i: number, change: Partial<GoodsRow>) =>
    setForm({ ...form, goods: form.goods.map((g, j) => (j === i ? { ...g, ...change } : g)) });
  const value = (e: Event) => (e.target as HTMLInputElement).value;

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const deal = dealOf(form);
      const answer = await api<Assessment>("/v1/assess", deal);
      setReport({ ...answer, deal, at: new Date().toISOString() });
    } catch (e) {
      setError(errorText(e));
      setReport(null);
    } finally {
      setBusy(false);
    }
  };

  return html`<section aria-labelledby="assess-h">
    <h1 id="assess-h" tabindex="-1">Assess a deal</h1>
    <form class="panel deal" onSubmit=${(e: Event) => {
      e.preventDefault();
      void run();
    }}>
      <div class="actions no-print">
        <button type="button" class="secondary" onClick=${() => setForm(EXAMPLE)}>Example: S-400 from Rosoboronexport</button>
        <button type="button" class="secondary" onClick=${() => {
          setForm(BLANK);
          setReport(null);
        }}>Clear</button>
      </div>
      <fieldset>
        <legend>Parties</legend>
        ${form.parties.map(
          (p, i) => html`<div class="deal-party" key=${i}>
            <div class="field wide"><label for=${`p${i}-name`}>Party ${i + 1} name</label>
              <input id=${`p${i}-name`} value=${p.name} onInput=${(e: Event) => setParty(i, { name: value(e) })} required=${i === 0} /></div>
            <div class="field"><label for=${`p${i}-role`}>Role</label>
              <select id=${`p${i}-role`} value=${p.role} onChange=${(e: Event) => setParty(i, { role: value(e) })}>
                ${ROLES.map((r) => html`<option key=${r} value=${r}>${r}</option>`)}
              </select></div>
            <div class="field"><label for=${`p${i}-type`}>Type</label>
              <select id=${`p${i}-type`} value=${p.type} onChange=${(e: Event) => setParty(i, { type: value(e) })}>
                <option value="">any</option><option value="person">person</option><option value="organization">organization</option>
                <option value="vessel">vessel</option><option value="aircraft">aircraft</option>
              </select></div>
            <div class="field"><label for=${`p${i}-country`}>Country</label>
              <input id=${`p${i}-country`} value=${p.country} onInput=${(e: Event) => setParty(i, { country: value(e) })} /></div>
            <div class="field"><label for=${`p${i}-ids`}>Identifiers (comma-separated)</label>
              <input id=${`p${i}-ids`} value=${p.identifiers} onInput=${(e: Event) => setParty(i, { identifiers: value(e) })} /></div>
            ${p.owners.map(
              (o, k) => html`<div class="owner" key=${k}>
                <div class="field"><label for=${`p${i}-o${k}-name`}>Owner ${k + 1} of party ${i + 1}</label>
                  <input id=${`p${i}-o${k}-name`} value=${o.name} onInput=${(e: Event) => setOwner(i, k, { name: value(e) })} /></div>
                <div class="field"><label for=${`p${i}-o${k}-share`}>Share (%)</label>
                  <input id=${`p${i}-o${k}-share`} type="number" min="0" max="100" step="any" value=${o.share} onInput=${(e: Event) => setOwner(i, k, { share: value(e) })} /></div>
                <div class="field"><label for=${`p${i}-o${k}-country`}>Country</label>
                  <input id=${`p${i}-o${k}-country`} value=${o.country} onInput=${(e: Event) => setOwner(i, k, { country: value(e) })} /></div>
              </div>`,
            )}
            <div class="actions no-print">
              <button type="button" class="secondary" onClick=${() => setParty(i, { owners: [...p.owners, { name: "", share: "", country: "" }] })}>Add owner</button>
              ${form.parties.length > 1 ? html`<button type="button" class="secondary" onClick=${() => setForm({ ...form, parties: form.parties.filter((_, j) => j !== i) })}>Remove party ${i + 1}</button>` : null}
            </div>
          </div>`,
        )}
        <button type="button" class="secondary no-print" onClick=${() => setForm({ ...form, parties: [...form.parties, party("", "seller")] })}>Add party</button>
      </fieldset>
      <fieldset>
        <legend>Goods or services</legend>
        ${form.goods.map(
          (g, i) => html`<div class="row wrap" key=${i}>
            <div class="field wide"><label for=${`g${i}-d`}>Description ${i + 1}</label>
              <input id=${`g${i}-d`} value=${g.description} onInput=${(e: Event) => setGoods(i, { description: value(e) })} /></div>
            <div class="field"><label for=${`g${i}-c`}>Category</label>
              <select id=${`g${i}-c`} value=${g.category} onChange=${(e: Event) => setGoods(i, { category: value(e) })}>
                ${CATEGORIES.map((c) => html`<option key=${c} value=${c}>${c || "not given"}</option>`)}
              </select></div>
          </div>`,
        )}
        <button type="button" class="secondary no-print" onClick=${() => setForm({ ...form, goods: [...form.goods, { description: "", category: "" }] })}>Add goods</button>
      </fieldset>
      <div class="row wrap">
        <div class="field"><label for="d-amount">Value</label>
          <input id="d-amount" type="number" min="0" step="any" value=${form.amount} onInput=${(e: Event) => setForm({ ...form, amount: value(e) })} /></div>
        <div class="field"><label for="d-currency">Currency</label>
          <input id="d-currency" maxlength="3" size="4" value=${form.currency} onInput=${(e: Event) => setForm({ ...form, currency: value(e) })} /></div>
        <div class="field"><label for="d-date">Date</label>
          <input id="d-date" type="date" value=${form.date} onInput=${(e: Event) => setForm({ ...form, date: value(e) })} /></div>
      </div>
      <div class="actions no-print"><button type="submit" disabled=${busy}>Assess</button></div>
    </form>
    <p class="status" role="status" aria-live="polite">${busy ? "Assessing…" : ""}</p>
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    ${
      report
        ? html`<section class="report" aria-labelledby="report-h">
        <h2 id="report-h">Report <span class=${`badge verdict sev-${report.verdict}`}>${report.verdict}</span></h2>
        <dl class="facts">
          <dt>Assessed</dt><dd>${when(report.at)}</dd>
          <dt>Parties</dt><dd>${report.deal.parties.map((p) => `${p.name} (${p.role}${p.country ? `, ${p.country}` : ""})`).join("; ")}</dd>
          ${report.deal.goods ? html`<dt>Goods</dt><dd>${report.deal.goods.map((g) => g.description).join("; ")}</dd>` : null}
          ${report.deal.value ? html`<dt>Value</dt><dd>${report.deal.value.amount.toLocaleString()} ${report.deal.value.currency}</dd>` : null}
          ${report.deal.date ? html`<dt>Date</dt><dd>${report.deal.date}</dd>` : null}
        </dl>
        <div class="actions no-print"><button type="button" class="secondary" onClick=${() => print()}>Print</button></div>
        ${report.findings.length === 0 ? html`<p>No rule found a problem with this deal as described.</p>` : null}
        ${report.findings.map((f, i) => html`<${FindingCard} key=${i} finding=${f} />`)}
        <h3>Parties screened</h3>
        <ul>${report.screened.map(
          (s, i) =>
            html`<li key=${i}>${s.name} (${s.role}${s.country ? `, ${s.country}` : ""}): ${
              s.hits.length
                ? s.hits.map(
                    (h, k) =>
                      html`<span key=${h.id}>${k ? "; " : ""}<${EntryLink} id=${h.id} label=${h.name} /> ${score(h.score)}</span>`,
                  )
                : "no hit"
            }</li>`,
        )}</ul>
        ${report.assumptions.length ? html`<h3>Assumptions</h3><ul>${report.assumptions.map((a, i) => html`<li key=${i}>${a}</li>`)}</ul>` : null}
        <p class="muted">${report.disclaimer}</p>
      </section>`
        : null
    }
  </section>`;
}
