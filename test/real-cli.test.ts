import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { redline } from "./helpers/cli.ts";
import { tempDir } from "./helpers/tmp.ts";

const LISTS = fileURLToPath(new URL("../../shared/data/lists/", import.meta.url));
const present = existsSync(LISTS);
const skip = present ? false : "../shared/data/lists absent: real-file integration tests skipped";

async function lists(env: Record<string, string>) {
  const result = await redline(["lists", "--json"], env);
  assert.equal(result.code, 0, result.stderr);
  // The built-in List of Specified Persons comes with the first list; these tests are about the files imported.
  return (
    JSON.parse(result.stdout) as {
      source: string;
      version: number;
      entities: number;
      names: number;
      published: string | null;
      builtin: boolean;
    }[]
  ).filter((l) => !l.builtin);
}

test("the 2021 OFAC set imports 8,976 entries and DAESH finds entry 8759 first", { skip }, async () => {
  const env = { REDLINE_DATA_DIR: tempDir() };
  const imported = await redline(["import", join(LISTS, "ofac_sdn/2021-07_moov_bench")], env);
  assert.equal(imported.code, 0, imported.stderr);
  const [ofac] = await lists(env);
  assert.equal(ofac?.source, "ofac");
  assert.equal(ofac?.entities, 8976);
  // 8,976 primary names + 11,910 aliases from alt.csv + the weak aliases written in the remarks.
  assert.ok((ofac?.names ?? 0) > 8976 + 11910);
  const screened = await redline(["screen", "DAESH", "--json"], env);
  assert.equal(screened.code, 0, screened.stderr);
  const answer = JSON.parse(screened.stdout);
  assert.equal(answer.hits[0].sourceId, "8759");
  assert.equal(answer.hits[0].matchedName, "DAESH");

  // A truncated copy of a real file is refused and the version in service keeps answering.
  const dir = tempDir();
  const bytes = readFileSync(join(LISTS, "ofac_sdn/2024-05-03_jackdwyer/sdn.csv"));
  writeFileSync(join(dir, "sdn.csv"), bytes.subarray(0, Math.floor(bytes.length * 0.6)));
  const broken = await redline(["import", join(dir, "sdn.csv")], env);
  assert.equal(broken.code, 2);
  assert.match(broken.stderr, /sdn\.csv, line \d+/);
  assert.deepEqual(
    (await lists(env)).map((l) => [l.source, l.version, l.entities]),
    [["ofac", 1, 8976]],
  );
  const again = JSON.parse((await redline(["screen", "DAESH", "--json"], env)).stdout);
  assert.equal(again.hits[0].sourceId, "8759");
});

test("the 2024 sdn.csv alone imports 14,965 entries, as a new version", { skip }, async () => {
  const env = { REDLINE_DATA_DIR: tempDir() };
  const imported = await redline(["import", join(LISTS, "ofac_sdn/2024-05-03_jackdwyer/sdn.csv")], env);
  assert.equal(imported.code, 0, imported.stderr);
  assert.deepEqual(
    (await lists(env)).map((l) => [l.source, l.entities]),
    [["ofac", 14965]],
  );
  const putin = JSON.parse(
    (await redline(["screen", "Putin Vladimir", "--json", "--type", "person"], env)).stdout,
  );
  assert.equal(putin.hits[0].sourceId, "35096");
});

test("the UN list imports 1,003 entries and the non-SDN set and XML import as ofac-cons", {
  skip,
}, async () => {
  const env = { REDLINE_DATA_DIR: tempDir() };
  const un = await redline(["import", join(LISTS, "un/UN_consolidated_2026-02-27.xml")], env);
  assert.equal(un.code, 0, un.stderr);
  const cons = await redline(["import", join(LISTS, "ofac_non_sdn/2025-12_moov")], env);
  assert.equal(cons.code, 0, cons.stderr);
  const byList = Object.fromEntries((await lists(env)).map((l) => [l.source, l]));
  assert.equal(byList.un?.entities, 730 + 273);
  assert.equal(byList.un?.published, "2026-02-27T00:00:09.554Z");
  assert.equal(byList["ofac-cons"]?.entities, 442);

  const xml = await redline(
    ["import", "--source", "ofac-cons", join(LISTS, "ofac_non_sdn/2018-04_perchrh_xml/consolidated.xml")],
    env,
  );
  assert.equal(xml.code, 0, xml.stderr);
  const after = Object.fromEntries((await lists(env)).map((l) => [l.source, l]));
  assert.equal(after["ofac-cons"]?.entities, 639);
  assert.equal(after["ofac-cons"]?.published, "2018-04-06");

  // Screening covers every list in service; a UN entry is found by its original-script name too.
  const ssb = JSON.parse((await redline(["screen", "Bank Melli Iran", "--json"], env)).stdout);
  assert.ok(ssb.hits.length > 0);
  const korean = JSON.parse(
    (await redline(["screen", "KOREA MINING DEVELOPMENT TRADING CORPORATION", "--json"], env)).stdout,
  );
  assert.equal(korean.hits[0].source, "un");
  assert.equal(korean.hits[0].sourceId, "KPe.001");
});
