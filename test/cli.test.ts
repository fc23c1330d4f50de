import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { DEMO, redline } from "./helpers/cli.ts";
import { tempDir } from "./helpers/tmp.ts";

const dataDir = tempDir();
const env = { REDLINE_DATA_DIR: dataDir };

test("import detects the OFAC CSV set in a folder and lists show it", async () => {
  const imported = await redline(["import", DEMO], env);
  assert.equal(imported.code, 0, imported.stderr);
  assert.match(imported.stderr, /imported ofac version 1: 29 entries/);
  const lists = await redline(["lists", "--json"], env);
  assert.equal(lists.code, 0, lists.stderr);
  const [list] = JSON.parse(lists.stdout);
  assert.equal(list.source, "ofac");
  assert.equal(list.version, 1);
  assert.equal(list.entities, 29);
  assert.ok(list.names > 29);
  assert.equal(typeof list.published === "string" || list.published === null, true);
});

test("screen --json returns the contract fields, best hit first", async () => {
  const result = await redline(["screen", "DAESH", "--json"], env);
  assert.equal(result.code, 0, result.stderr);
  const answer = JSON.parse(result.stdout);
  assert.equal(answer.query.name, "DAESH");
  const [hit] = answer.hits;
  assert.equal(hit.source, "ofac");
  assert.equal(hit.sourceId, "8759");
  assert.equal(hit.name, "ISLAMIC STATE OF IRAQ AND THE LEVANT");
  assert.equal(hit.matchedName, "DAESH");
  assert.equal(hit.score, 1);
  assert.equal(hit.match, true);
  assert.deepEqual(hit.programs, ["FTO", "SDGT"]);
  assert.equal(typeof hit.explanation.summary, "string");
});

test("screen prints readable hits, honours --limit, --min-score and --type", async () => {
  const text = await redline(["screen", "Vladimir Putin"], env);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /MATCH ofac:35096 PUTIN, Vladimir Vladimirovich/);
  const limited = await redline(["screen", "bank", "--json", "--limit", "1", "--min-score", "0.1"], env);
  assert.equal(JSON.parse(limited.stdout).hits.length, 1);
  const typed = await redline(["screen", "Putin", "--type", "organization", "--json"], env);
  assert.deepEqual(JSON.parse(typed.stdout).hits, []);
});

test("scan prints mentions, --json gives offsets, --html marks them; a missing file is one clear line", async () => {
  const doc = join(tempDir(), "report.txt");
  writeFileSync(doc, "Rosoboronexport sold S-400 systems; Moscow and Tehran talked. Kim Jong Un watched.\n");
  const plain = await redline(["scan", doc], env);
  assert.equal(plain.code, 0, plain.stderr);
  assert.match(plain.stdout, /^0-15 PARTY "Rosoboronexport"/m);
  assert.match(plain.stdout, /JURISDICTION "Tehran" → Iran \(IR\), comprehensive/);
  const json = await redline(["scan", doc, "--json"], env);
  const result = JSON.parse(json.stdout);
  assert.deepEqual(
    result.mentions.map((m: { text: string }) => m.text),
    ["Rosoboronexport", "Moscow", "Tehran", "Kim Jong Un"],
  );
  const html = await redline(["scan", doc, "--html"], env);
  assert.match(html.stdout, /<mark class="party" tabindex="0"[^>]*>Rosoboronexport/);
  assert.match(html.stdout, /<mark class="jurisdiction"/);
  const missing = await redline(["scan", join(tempDir(), "nope.txt")], env);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /nope\.txt: no such file/);
});

test("assess prints the verdict and findings, --json and --html; a bad deal file names the field", async () => {
  const dir = tempDir();
  const deal = join(dir, "deal.json");
  writeFileSync(
    deal,
    JSON.stringify({
      parties: [{ name: "Ministry of National Defence of Ruritania", role: "buyer", country: "Ruritania" }],
      goods: [{ description: "S-400 Triumf systems from Russia" }],
    }),
  );
  const plain = await redline(["assess", deal], env);
  assert.equal(plain.code, 0, plain.stderr);
  assert.match(plain.stdout, /^verdict: HIGH/);
  assert.match(plain.stdout, /\[high\] caatsa-231/);
  const json = JSON.parse((await redline(["assess", deal, "--json"], env)).stdout);
  assert.equal(json.findings[0].rule, "caatsa-231");
  const html = await redline(["assess", deal, "--html"], env);
  assert.match(html.stdout, /Verdict: <span class="badge"[^>]*>high<\/span>/);
  const bad = join(dir, "bad.json");
  writeFileSync(bad, JSON.stringify({ parties: [{ name: "X", role: "pilot" }] }));
  const refused = await redline(["assess", bad], env);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /bad\.json, field parties\.0\.role: must be one of buyer, seller/);
});

test("usage errors exit 1 with one clear line", async () => {
  const badType = await redline(["screen", "X", "--type", "ship"], env);
  assert.equal(badType.code, 1);
  assert.match(badType.stderr, /ship/);
  const badScore = await redline(["screen", "X", "--min-score", "2"], env);
  assert.equal(badScore.code, 1);
  assert.match(badScore.stderr, /between 0 and 1/);
  const nothing = await redline(["screen"], env);
  assert.equal(nothing.code, 1);
  assert.match(nothing.stderr, /give a NAME/);
});

test("a truncated file fails with exit 2 naming the file, and the previous version still answers", async () => {
  const dir = tempDir();
  const bytes = readFileSync(join(DEMO, "sdn.csv"));
  const cut = join(dir, "sdn.csv");
  writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
  const result = await redline(["import", cut], env);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /sdn\.csv.*line \d+/);
  assert.equal(result.stderr.trim().split("\n").length, 1, "one line");
  assert.doesNotMatch(result.stderr, /at .*\.ts:\d+/, "no stack trace");
  const lists = JSON.parse((await redline(["lists", "--json"], env)).stdout);
  assert.deepEqual(
    lists.filter((l: { builtin: boolean }) => !l.builtin).map((l: { version: number }) => l.version),
    [1],
  );
  const screened = JSON.parse((await redline(["screen", "DAESH", "--json"], env)).stdout);
  assert.equal(screened.hits[0].sourceId, "8759");
});

test("a file that is no list, or no file at all, exits 2", async () => {
  const dir = tempDir();
  const junk = join(dir, "notes.txt");
  writeFileSync(junk, "hello\n");
  const r1 = await redline(["import", junk], env);
  assert.equal(r1.code, 2);
  assert.match(r1.stderr, /notes\.txt.*not a list file/);
  const r2 = await redline(["import", join(dir, "missing.csv")], env);
  assert.equal(r2.code, 2);
  assert.match(r2.stderr, /missing\.csv.*no such file/);
});

test("batch screening writes one JSONL line per row in order and reports bad rows by line", async () => {
  const dir = tempDir();
  const input = join(dir, "customers.csv");
  writeFileSync(
    input,
    "name,type,country,dob,id\nDAESH,,,,\nAcme Widgets Nobody,organization,,,\nBad Row,ship,,,\nVladimir Putin,person,RU,1952,\n",
  );
  const output = join(dir, "out.jsonl");
  const result = await redline(["screen", "--input", input, "--output", output], env);
  assert.equal(result.code, 2, "bad rows make the batch fail at the end");
  assert.match(result.stderr, /customers\.csv, line 4, field type: "ship" is not one of/);
  const lines = readFileSync(output, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    lines.map((l) => l.row),
    [1, 2, 3, 4],
  );
  assert.equal(lines[0].hits[0].sourceId, "8759");
  assert.deepEqual(lines[1].hits, []);
  assert.match(lines[2].error, /ship/);
  assert.equal(lines[3].hits[0].sourceId, "35096");
  assert.equal(lines[3].hits[0].explanation.adjustments.length, 2);
});

test("batch screening writes CSV and to stdout when piped, without a progress bar", async () => {
  const dir = tempDir();
  const input = join(dir, "in.csv");
  writeFileSync(input, "\uFEFFName\nHIZBALLAH\nBANCO NACIONAL DE CUBA\n");
  const csvOut = join(dir, "out.csv");
  const csv = await redline(["screen", "--input", input, "--output", csvOut], env);
  assert.equal(csv.code, 0, csv.stderr);
  const rows = readFileSync(csvOut, "utf8").trim().split("\n");
  assert.match(rows[0] ?? "", /^row,name,error,rank,score,match,source,source_id/);
  assert.ok(rows.some((r) => r.startsWith("1,HIZBALLAH,,1,1,true,ofac,4697")));
  const piped = await redline(["screen", "--input", input], env);
  assert.equal(piped.code, 0, piped.stderr);
  assert.equal(piped.stdout.trim().split("\n").length, 2);
  assert.ok(!piped.stderr.includes("\u001b[") && !piped.stderr.includes("█"), "no progress bar when piped");
});

test("a CSV without a name column is refused with its line", async () => {
  const dir = tempDir();
  const input = join(dir, "in.csv");
  writeFileSync(input, "fullname\nX\n");
  const result = await redline(["screen", "--input", input], env);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /in\.csv, line 1, field name: the header has no name column/);
});
