import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, test } from "node:test";
import { redline } from "./helpers/cli.ts";
import { tempDir } from "./helpers/tmp.ts";

const FIXTURES = {
  eu: ["eu/sanctions.xml", "sanctions.xml"],
  uk: ["uk/UK-Sanctions-List.csv", "UK-Sanctions-List.csv"],
  "us-csl": ["us-csl/consolidated.csv", "consolidated.csv"],
} as const;

/** A mirror laid out as URL/SOURCE/FILE serving the fixtures; `/broken/` serves an error page instead. */
async function mirror(): Promise<string> {
  const server = createServer((req, res) => {
    const url = req.url ?? "";
    for (const [source, [fixture, name]] of Object.entries(FIXTURES)) {
      if (url === `/${source}/${name}`) {
        const body = readFileSync(join("test/fixtures", fixture));
        res.writeHead(200, {
          "content-length": body.length,
          "last-modified": "Fri, 20 Nov 2026 09:00:00 GMT",
        });
        res.end(body);
        return;
      }
      if (url === `/broken/${source}/${name}`) {
        res.writeHead(200, { "content-type": "text/plain" });
        res.end("Service temporarily unavailable, please try again later\n");
        return;
      }
    }
    res.writeHead(404).end("not here");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  after(() => server.close());
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

test("update --source eu|uk|us-csl fetches the official file from a mirror, checks it and imports it", async () => {
  const url = await mirror();
  const env = { REDLINE_DATA_DIR: tempDir() };
  for (const [source, entries] of [
    ["eu", 3],
    ["uk", 3],
    ["us-csl", 4],
  ] as const) {
    const r = await redline(["update", "--source", source, "--mirror", url], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`updated ${source} version \\d+: ${entries} entries`));
  }
  const lists = JSON.parse((await redline(["lists", "--json"], env)).stdout) as {
    source: string;
    published: string | null;
    builtin: boolean;
  }[];
  assert.deepEqual(
    lists.map((l) => l.source),
    ["eu", "uk", "us-csl", "lsp"],
  );
  // The file's own date where it has one, else the download's Last-Modified.
  assert.equal(lists.find((l) => l.source === "uk")?.published, "2026-11-20");
  assert.equal(lists.find((l) => l.source === "us-csl")?.published, "2026-11-20T09:00:00.000Z");
  assert.deepEqual(
    lists.filter((l) => l.builtin).map((l) => l.source),
    ["lsp"],
  );

  const broken = await redline(["update", "--source", "uk", "--mirror", `${url}/broken`], env);
  assert.equal(broken.code, 2);
  assert.match(
    broken.stderr,
    /uk: update failed: .*not the expected CSV file \(it starts "Service temporarily/,
  );
});

test("import reads each format from its content; lists shows every list, loaded or not", async () => {
  const env = { REDLINE_DATA_DIR: tempDir() };
  const imported = await redline(
    [
      "import",
      "test/fixtures/eu/sanctions.csv",
      "test/fixtures/uk/UK-Sanctions-List.csv",
      "test/fixtures/us-csl/csl-2019.csv",
    ],
    env,
  );
  assert.equal(imported.code, 0, imported.stderr);
  assert.match(imported.stderr, /imported eu version 1: 3 entries/);
  assert.match(imported.stderr, /imported uk version \d: 3 entries/);
  assert.match(imported.stderr, /imported us-csl version \d: 2 entries/);
  const wrong = await redline(["import", "--source", "uk", "test/fixtures/eu/sanctions.xml"], env);
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /sanctions\.xml: this is an EU Financial Sanctions File, not uk/);

  const text = (await redline(["lists"], env)).stdout;
  assert.match(
    text,
    /^eu version 1: 3 entries, \d+ names, published 2026-11-20 — EU Financial Sanctions Files/m,
  );
  assert.match(
    text,
    /^lsp version \d+: \d+ entries, .* — US State Department CAATSA §231 List of Specified Persons/m,
  );
  for (const source of ["ofac", "ofac-cons", "un"]) {
    assert.match(
      text,
      new RegExp(`^${source}: not loaded — .*\\(redline update --source ${source}\\)$`, "m"),
    );
  }
});

test("screen answers group hits by party, in text and JSON, alone and in a batch", async () => {
  const dir = tempDir();
  const env = { REDLINE_DATA_DIR: dir };
  const r = await redline(["import", "test/fixtures/ofac", "test/fixtures/us-csl/consolidated.csv"], env);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse((await redline(["screen", "Rosoboronexport", "--json"], env)).stdout);
  assert.ok(Array.isArray(json.hits) && json.hits.length > 0);
  // The contract fields are all still there.
  for (const field of [
    "id",
    "source",
    "sourceId",
    "schema",
    "name",
    "matchedName",
    "score",
    "match",
    "programs",
  ]) {
    assert.ok(field in json.hits[0], field);
  }
  const party = json.parties[0];
  assert.equal(party.party, "ofac:18782");
  assert.deepEqual(party.listings.map((l: { id: string }) => l.id).sort(), [
    "lsp:rosoboronexport",
    "ofac:18782",
    "us-csl:SDN-18782",
    "us-csl:SSI-18782",
  ]);
  assert.ok(json.hits.every((h: { party: string }) => typeof h.party === "string"));

  const text = (await redline(["screen", "Rosoboronexport"], env)).stdout;
  // The party's best hit with its explanation, then its other listings, each with why it is the same party.
  const lines = text.split("\n");
  assert.match(lines[0] ?? "", /^1\.00 MATCH (us-csl:SDN-18782|ofac:18782) ROSOBORONEKSPORT OAO/);
  assert.match(lines[1] ?? "", /^ {5}Query matched/);
  const same = lines.slice(2, 5).join("\n");
  assert.match(
    same,
    /same party: [\d.]+ lsp:rosoboronexport Rosoboronexport OJSC \[CAATSA-231-LSP\] \(lsp:rosoboronexport cites OFAC entry number 18782\)/,
  );
  assert.match(
    same,
    /same party: [\d.]+ us-csl:SSI-18782 ROSOBORONEKSPORT OAO .*\(us-csl:SSI-18782 cites OFAC entry number 18782\)/,
  );
  assert.match(text, /(MATCH|same party: [\d.]+) ofac:18782 ROSOBORONEKSPORT OAO/);

  const input = join(dir, "names.csv");
  writeFileSync(input, "name\nRosoboronexport\n");
  const batch = await redline(["screen", "--input", input], env);
  const [line] = batch.stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.equal(line.parties[0].party, "ofac:18782");
  const csv = join(dir, "out.csv");
  await redline(["screen", "--input", input, "--output", csv], env);
  const [header, first] = readFileSync(csv, "utf8").split("\n");
  assert.match(header ?? "", /,explanation,party$/);
  assert.match(first ?? "", /,ofac:18782$/);
});

test("diff --source shows the entries added, removed and changed between two versions, in text and JSON", async () => {
  const dir = tempDir();
  const env = { REDLINE_DATA_DIR: dir };
  assert.equal((await redline(["import", "test/fixtures/ofac"], env)).code, 0);
  // The next version: BANCO NACIONAL DE CUBA delisted, a program added to Rosoboronexport, a new entry.
  const next = join(dir, "next");
  mkdirSync(next);
  for (const f of ["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"]) {
    let bytes = readFileSync(join("test/fixtures/ofac", f), "latin1");
    if (f === "sdn.csv") {
      bytes = bytes
        .split("\r\n")
        .filter((l) => !l.startsWith("306,"))
        .join("\r\n")
        .replace(
          '"UKRAINE-EO13662] [IRAN-CON-ARMS-EO] [RUSSIA-EO14024"',
          '"UKRAINE-EO13662] [IRAN-CON-ARMS-EO] [RUSSIA-EO14024] [CAATSA - RUSSIA"',
        )
        .replace(
          "\x1a",
          '99999,"EXAMPLE NEW ENTRY LLC",-0- ,"RUSSIA-EO14024",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1a',
        );
    }
    if (f !== "sdn.csv")
      bytes = bytes
        .split("\r\n")
        .filter((l) => !l.startsWith("306,"))
        .join("\r\n");
    writeFileSync(join(next, f), bytes, "latin1");
  }
  const imported = await redline(["import", next], env);
  assert.equal(imported.code, 0, imported.stderr);
  const text = await redline(["diff", "--source", "ofac"], env);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^ofac: version 1 \(.*\) → version 3 \(.*\)$/m);
  assert.match(
    text.stdout,
    /^1 added, 1 removed, 1 changed \(names, programs or identifiers\), \d+ unchanged$/m,
  );
  assert.match(text.stdout, /^\+ ofac:99999 EXAMPLE NEW ENTRY LLC \[RUSSIA-EO14024\]$/m);
  assert.match(text.stdout, /^- ofac:306 BANCO NACIONAL DE CUBA \[CUBA\]$/m);
  assert.match(text.stdout, /^~ ofac:18782 ROSOBORONEKSPORT OAO .*\n {4}programs: \+ CAATSA - RUSSIA$/m);
  const json = JSON.parse((await redline(["diff", "--source", "ofac", "1", "3", "--json"], env)).stdout);
  assert.deepEqual(json.counts.added + json.counts.removed + json.counts.changed, 3);
  assert.deepEqual(json.changed[0].programsChanged, { added: ["CAATSA - RUSSIA"], removed: [] });
  const missing = await redline(["diff", "--source", "ofac", "7"], env);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /ofac has no version 7 \(its versions: 3, 1\)/);
  const none = await redline(["diff", "--source", "un"], env);
  assert.match(none.stderr, /no un list is loaded/);
});

test("diff between the 2021 and the 2024 OFAC SDN files", async (t) => {
  const base = "../shared/data/lists/ofac_sdn";
  if (!existsSync(base)) {
    t.skip(`${base} is absent`);
    return;
  }
  const env = { REDLINE_DATA_DIR: tempDir() };
  assert.equal((await redline(["import", `${base}/2021-07_moov_bench`], env)).code, 0);
  assert.equal((await redline(["import", `${base}/2024-05-03_jackdwyer/sdn.csv`], env)).code, 0);
  const d = JSON.parse((await redline(["diff", "--source", "ofac", "--json"], env)).stdout);
  assert.equal(d.from.entities, 8976);
  assert.equal(d.to.entities, 14965);
  assert.equal(d.counts.added + d.counts.changed + d.counts.unchanged, 14965);
  assert.equal(d.counts.removed + d.counts.changed + d.counts.unchanged, 8976);
  // The counts as measured on these two files (the 2024 set has no alt.csv or add.csv, so aliases read from
  // the 2021 alt.csv show as removed names).
  assert.deepEqual(d.counts, { added: 6870, removed: 881, changed: 3979, unchanged: 4116 });
  assert.ok(
    d.added.some((e: { id: string }) => e.id === "ofac:48907"),
    "an entry of 2024",
  );
});
