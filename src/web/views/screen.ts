/** Screen one name: the form, live or on Enter, and the hits with their explanations. */
import { html } from "htm/preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { api, errorText } from "../api.ts";
import type { Session } from "../app.ts";
import { HitCard } from "../hit.ts";
import type { Hit, Party } from "../types.ts";

interface Form {
  name: string;
  type: string;
  dob: string;
  country: string;
  id: string;
  threshold: string;
  /** Lists left out by the analyst. */
  excluded: string[];
  live: boolean;
}

interface Answer {
  hits: Hit[];
  parties: Party[];
  ms: number;
  query: string;
}

const BLANK: Form = {
  name: "",
  type: "",
  dob: "",
  country: "",
  id: "",
  threshold: "",
  excluded: [],
  live: false,
};

// Kept across views so that opening an entry and coming back finds the screen as it was.
let kept: { form: Form; answer: Answer | null } = { form: BLANK, answer: null };

/** The body of `POST /v1/screen` for a form, without the fields left empty. */
export function screenBody(form: Form, lists: readonly string[]) {
  const threshold = Number.parseFloat(form.threshold);
  const included = lists.filter((l) => !form.excluded.includes(l));
  return {
    name: form.name.trim(),
    limit: 25,
    ...(form.type ? { type: form.type } : {}),
    ...(form.dob.trim() ? { dob: form.dob.trim() } : {}),
    ...(form.country.trim() ? { country: form.country.trim() } : {}),
    ...(form.id.trim() ? { id: form.id.trim() } : {}),
    ...(Number.isFinite(threshold) ? { threshold } : {}),
    ...(form.excluded.length > 0 ? { includeLists: included } : {}),
  };
}

/** The Screen view. */
export function ScreenView({ session }: { session: Session }) {
  const [form, setForm] = useState<Form>(kept.form);
  const [answer, setAnswer] = useState<Answer | null>(kept.answer);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const asked = useRef(0);
  const sources = session.lists.map((l) => l.source);

  useEffect(() => {
    kept = { form, answer };
  }, [form, answer]);

  const run = async (f: Form) => {
    if (!f.name.trim()) return;
    const ticket = ++asked.current;
    setBusy(true);
    const started = performance.now();
    try {
      const result = await api<{ hits: Hit[]; parties?: Party[] }>("/v1/screen", screenBody(f, sources));
      // An older request that answers late must not overwrite a newer one.
      if (ticket !== asked.current) return;
      setAnswer({
        hits: result.hits,
        parties: result.parties ?? [],
        ms: performance.now() - started,
        query: f.name.trim(),
      });
      setError(null);
    } catch (e) {
      if (ticket === asked.current) setError(errorText(e));
    } finally {
      if (ticket === asked.current) setBusy(false);
    }
  };

  // Live screening waits for a pause in typing: each screening is an audit record.
  useEffect(() => {
    if (!form.live || form.name.trim().length < 3) return;
    const timer = setTimeout(() => void run(form), 350);
    return () => clearTimeout(timer);
  }, [form]);

  const field = (key: keyof Form) => (e: Event) =>
    setForm({ ...form, [key]: (e.target as HTMLInputElement | HTMLSelectElement).value });
  const toggleList = (source: string) =>
    setForm({
      ...form,
      excluded: form.excluded.includes(source)
        ? form.excluded.filter((s) => s !== source)
        : [...form.excluded, source],
    });

  // One card per party: its best hit, with the party's other listings inside.
  const cards = (answer?.hits ?? []).flatMap((hit) => {
    const party = answer?.parties.find((p) => p.party === hit.party);
    if (party && answer?.hits.find((h) => h.party === party.party) !== hit) return [];
    return [{ hit, party }];
  });
  const alerts = cards.filter((c) => c.hit.match).length;
  const status = busy
    ? "Screening…"
    : error
      ? ""
      : answer
        ? answer.hits.length === 0
          ? `No hits for “${answer.query}”.`
          : `${cards.length} ${cards.length === 1 ? "party" : "parties"} (${answer.hits.length} listing${answer.hits.length === 1 ? "" : "s"} hit) for “${answer.query}”, ${alerts} at or above the alert threshold (${Math.round(answer.ms)} ms).`
        : "Enter a name and press Enter.";

  return html`<section aria-labelledby="screen-h">
    <h1 id="screen-h" tabindex="-1">Screen a name</h1>
    <form class="panel screen-form" onSubmit=${(e: Event) => {
      e.preventDefault();
      void run(form);
    }}>
      <div class="field wide">
        <label for="q-name">Name</label>
        <input id="q-name" name="name" value=${form.name} onInput=${field("name")} required maxlength="500" autocomplete="off" autofocus />
      </div>
      <div class="field">
        <label for="q-type">Type</label>
        <select id="q-type" value=${form.type} onChange=${field("type")}>
          <option value="">any</option><option value="person">person</option><option value="organization">organization</option>
          <option value="vessel">vessel</option><option value="aircraft">aircraft</option>
        </select>
      </div>
      <div class="field">
        <label for="q-dob">Birth date</label>
        <input id="q-dob" value=${form.dob} onInput=${field("dob")} placeholder="YYYY or YYYY-MM-DD" />
      </div>
      <div class="field">
        <label for="q-country">Country</label>
        <input id="q-country" value=${form.country} onInput=${field("country")} placeholder="name or code" />
      </div>
      <div class="field">
        <label for="q-id">Identifier</label>
        <input id="q-id" value=${form.id} onInput=${field("id")} placeholder="passport, IMO, tax ID…" />
      </div>
      <div class="field">
        <label for="q-threshold">Alert threshold</label>
        <input id="q-threshold" type="number" min="0.5" max="1" step="0.01" value=${form.threshold} onInput=${field("threshold")} placeholder="default" />
      </div>
      <fieldset class="field lists">
        <legend>Lists</legend>
        ${sources.map(
          (s) =>
            html`<label key=${s} class="check"><input type="checkbox" checked=${!form.excluded.includes(s)} onChange=${() => toggleList(s)} /> ${s}</label>`,
        )}
      </fieldset>
      <div class="actions">
        <button type="submit">Screen</button>
        <label class="check"><input type="checkbox" checked=${form.live} onChange=${() => setForm({ ...form, live: !form.live })} /> Screen as I type</label>
        <button type="button" class="secondary" onClick=${() => {
          setForm({ ...BLANK, live: form.live });
          setAnswer(null);
          setError(null);
        }}>Clear</button>
      </div>
    </form>
    <p class="status" role="status" aria-live="polite">${status}</p>
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    <div class="results" aria-busy=${busy}>
      ${cards.map(({ hit, party }, i) => html`<${HitCard} key=${hit.id} hit=${hit} rank=${i + 1} party=${party} />`)}
    </div>
  </section>`;
}
