/**
 * The analyst page in a real browser (Debian's Chromium driven by playwright-core) against a real server
 * over the demo list. Each test leaves a screenshot in test-results/.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { planImport } from "../src/sources/detect.ts";
import { importJob } from "../src/sources/import.ts";
import { demoServer } from "./helpers/api.ts";
import { chromiumPath, launch, NO_CHROMIUM, snap } from "./helpers/browser.ts";
import { DEMO, ROOT } from "./helpers/cli.ts";
import { tempDir } from "./helpers/tmp.ts";

// Run in the page, where the DOM is (the tests' own TypeScript has no DOM types).
const OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth";

const BUILT = existsSync(join(ROOT, "dist/web/index.html"));
const skip = !chromiumPath() ? NO_CHROMIUM : !BUILT ? "the page is not built: run `npm run build`" : false;

describe("analyst web page", { skip }, () => {
  let browser: Browser;
  let context: BrowserContext;
  let base: string;
  let close: () => Promise<void>;

  before(async () => {
    const { app } = await demoServer();
    base = await app.listen({ port: 0, host: "127.0.0.1" });
    close = () => app.close();
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await close?.();
  });

  const open = async (path = "/", width = 1280, height = 900): Promise<Page> => {
    context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await page.goto(`${base}${path}`);
    (page as Page & { errors: string[] }).errors = errors;
    return page;
  };
  const noErrors = (page: Page, expected?: RegExp) =>
    assert.deepEqual(
      (page as Page & { errors: string[] }).errors.filter((e) => !expected?.test(e)),
      [],
    );

  test("screening a listed name shows its entry first with an explanation", async () => {
    const page = await open();
    await page.getByLabel("Name", { exact: true }).fill("Rosoboronexport");
    await page.getByRole("button", { name: "Screen", exact: true }).click();
    const first = page.locator("article.hit").first();
    await first.waitFor();
    assert.equal(await first.locator("h2").innerText(), "ROSOBORONEKSPORT OAO");
    assert.match(await first.innerText(), /ofac:18782/);
    assert.match(await first.innerText(), /RUSSIA-EO14024/);
    // Its listing on the List of Specified Persons is the same party: one card, both listings.
    assert.equal(await page.locator("article.hit", { hasText: "lsp:rosoboronexport" }).count(), 1);
    assert.match(
      await first.locator(".listings").innerText(),
      /Same party on 2 listings[\s\S]*lsp:rosoboronexport · score [\d.]+ · CAATSA-231-LSP[\s\S]*Why one party: .*OFAC entry number 18782/,
    );
    // The explanation says which query word met which list word, and how.
    const pair = first.locator("table.pairs tbody tr").first();
    assert.deepEqual(await pair.locator("td").allInnerTexts(), [
      "rosoboronexport",
      "rosoboronexport",
      "same word",
      "1.00",
    ]);
    assert.match(await page.getByRole("status").first().innerText(), /at or above the alert threshold/);
    await page.getByLabel("Name", { exact: true }).fill("Yevgeny Prigozhin");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "PRIGOZHIN, Yevgeniy Viktorovich" }).waitFor();
    assert.match(await page.locator("article.hit").first().innerText(), /spelt alike/);
    await snap(page, "screen-1280");
    noErrors(page);
    await context.close();
  });

  test("an entry's page shows its names, programs, identifiers and lists", async () => {
    const page = await open();
    await page.getByLabel("Name", { exact: true }).fill("Prigozhin");
    await page.keyboard.press("Enter");
    await page.getByRole("link", { name: "PRIGOZHIN, Yevgeniy Viktorovich" }).click();
    await page.getByRole("heading", { level: 1, name: "PRIGOZHIN, Yevgeniy Viktorovich" }).waitFor();
    const text = await page.locator("main").innerText();
    assert.match(page.url(), /#\/entity\/ofac%3A21171$/);
    assert.match(text, /ofac:21171/);
    assert.match(text, /CYBER2/);
    assert.match(text, /Birth dates\s+01 Jun 1961/);
    assert.match(text, /Names[\s\S]*PRIGOZHIN, Yevgeniy Viktorovich\s+primary name/);
    assert.match(text, /Lists\s+ofac, list version \d+/);
    await snap(page, "entity");
    // Back to the screen finds the query and hits as they were.
    await page.getByRole("link", { name: "← Back to screening" }).click();
    assert.equal(await page.getByLabel("Name", { exact: true }).inputValue(), "Prigozhin");
    await page.locator("article.hit").first().waitFor();
    noErrors(page);
    await context.close();
  });

  test("a scanned text marks parties and jurisdictions; hovering a marker opens its card", async () => {
    const page = await open("/#/scan");
    await page
      .getByLabel(/Document text/)
      .fill(
        "Ankara confirmed that the S-400 batteries bought from Rosoboronexport had arrived. " +
          "Payments were routed through Tehran, and Yevgeny Prigozhin was not involved.",
      );
    await page.getByRole("button", { name: "Scan", exact: true }).click();
    const party = page.locator("mark.party", { hasText: "Rosoboronexport" });
    await party.waitFor();
    assert.equal(await page.locator("mark.jurisdiction", { hasText: "Tehran" }).count(), 1);
    assert.equal(await page.locator("mark.party", { hasText: "Yevgeny Prigozhin" }).count(), 1);
    assert.equal(await page.locator("mark.party", { hasText: "Ankara" }).count(), 0);
    assert.equal(await page.locator(".card").count(), 0);
    await party.hover();
    const card = page.getByRole("tooltip");
    await card.waitFor();
    assert.match(await card.innerText(), /ROSOBORONEKSPORT OAO[\s\S]*ofac:18782[\s\S]*RUSSIA-EO14024/);
    await snap(page, "scan-hover");
    await page.mouse.move(0, 0);
    assert.equal(await page.locator(".card").count(), 0, "the card closes when the pointer leaves");
    // The jurisdiction card, opened from the keyboard.
    await page.locator("mark.jurisdiction button.info").focus();
    assert.match(await page.getByRole("tooltip").innerText(), /Iran \(IR\) — comprehensive sanctions/);
    noErrors(page);
    await context.close();
  });

  test("an HTML file opened for scanning is read as HTML and shown as its text, not its tags", async () => {
    const file = join(tempDir(), "report.html");
    writeFileSync(
      file,
      "<html><body><p>Funds from <b>Bank&nbsp;Melli Iran</b> reached Pyongyang.</p></body></html>",
    );
    const page = await open("/#/scan");
    await page.getByLabel(/Or open a file/).setInputFiles(file);
    await page.waitForFunction('document.getElementById("scan-format").value === "html"');
    await page.getByRole("button", { name: "Scan", exact: true }).click();
    await page.locator(".doc mark.party").waitFor();
    const doc = await page.locator(".doc").innerText();
    assert.doesNotMatch(doc, /<b>|&nbsp;/);
    assert.match(doc, /Funds from\s+Bank\sMelli Iran/);
    assert.equal(await page.locator(".doc mark.jurisdiction", { hasText: "Pyongyang" }).count(), 1);
    noErrors(page);
    await context.close();
  });

  test("a long document with thousands of mentions is drawn in steps and ends with every mark", async () => {
    const page = await open("/#/scan");
    const sentence = "Rosoboronexport shipped parts via Tehran to Bank Melli Iran. ";
    await page.getByLabel(/Document text/).fill(sentence.repeat(1500));
    await page.getByRole("button", { name: "Scan", exact: true }).click();
    await page.getByText(/3000 listed parties and 1500 sanctioned jurisdiction mentions/).waitFor();
    await page.locator('.doc[aria-busy="false"]').waitFor();
    assert.equal(await page.locator(".doc mark.party").count(), 3000);
    assert.equal(await page.locator(".doc mark.jurisdiction").count(), 1500);
    // Cards are made only for the mark in use.
    await page.locator(".doc mark.party").nth(2999).hover();
    assert.equal(await page.locator(".card").count(), 1);
    assert.match(await page.getByRole("tooltip").innerText(), /BANK MELLI IRAN/);
    noErrors(page);
    await context.close();
  });

  test("assessing the S-400 deal shows the CAATSA §231 finding with its citations", async () => {
    const page = await open("/#/assess");
    await page.getByRole("button", { name: /Example: S-400/ }).click();
    assert.equal(await page.getByLabel("Party 2 name").inputValue(), "Rosoboronexport");
    await page.getByRole("button", { name: "Assess", exact: true }).click();
    const report = page.locator("section.report");
    await report.waitFor();
    assert.equal(await report.locator(".badge.verdict").innerText(), "PROHIBITED");
    const caatsa = page.locator("article.finding", { hasText: "CAATSA §231" });
    const text = await caatsa.innerText();
    assert.match(text, /CAATSA section 231\(a\), 22 U\.S\.C\. 9525\(a\)/);
    assert.match(text, /Presidency of Defense Industries/);
    assert.match(text, /Precedents[\s\S]*2020-\d\d-\d\d, TR: Presidency of Defense Industries \(SSB\)/);
    await snap(page, "assess");
    noErrors(page);
    await context.close();
  });

  test("a 1,000-row CSV is screened in batches and the results download as CSV in input order", async () => {
    const dir = tempDir();
    const names = [
      "Rosoboronexport",
      "Bank Melli Iran",
      "Jane Smithson",
      "Acme Widgets Ltd",
      "Prigozhin Yevgeniy",
    ];
    const lines = ["key,name,country"];
    for (let i = 0; i < 1000; i++) lines.push(`C${i},"${names[i % names.length]}",`);
    const file = join(dir, "customers.csv");
    writeFileSync(file, `${lines.join("\n")}\n`);
    const page = await open("/#/batch");
    await page.getByLabel("CSV file").setInputFiles(file);
    await page.getByText("1,000 of 1,000 rows screened.").waitFor({ timeout: 60_000 });
    assert.match(await page.locator("main").innerText(), /600 rows with alerts/);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download results (CSV)" }).click(),
    ]);
    assert.equal(download.suggestedFilename(), "customers-redline.csv");
    const saved = join(dir, "results.csv");
    await download.saveAs(saved);
    const rows = readFileSync(saved, "utf8").trim().split(/\r?\n/);
    assert.equal(rows.length, 1001);
    assert.match(rows[0] ?? "", /^line,key,name,status,hits,top_score,top_id/);
    assert.match(rows[1] ?? "", /^2,C0,Rosoboronexport,alert,\d+,1\.00,ofac:18782,/);
    assert.match(rows[3] ?? "", /^4,C2,Jane Smithson,no hit,0,/);
    assert.match(rows[1000] ?? "", /^1001,C999,Prigozhin Yevgeniy,alert,/);
    await snap(page, "batch");
    noErrors(page);
    await context.close();
  });

  test("a name can be screened and its entry opened with the keyboard alone", async () => {
    const page = await open();
    // Tab from the top of the page: the skip link, then into the form.
    await page.keyboard.press("Tab");
    assert.equal(
      await page.evaluate<string | undefined>("document.activeElement?.textContent"),
      "Skip to content",
    );
    await page.getByLabel("Name", { exact: true }).focus();
    await page.keyboard.type("Almaz Antey");
    await page.keyboard.press("Enter");
    const link = page
      .getByRole("link", { name: "JOINT STOCK COMPANY AEROSPACE DEFENSE CONCERN ALMAZ-ANTEY" })
      .first();
    await link.waitFor();
    // Tab through the form controls to the first result's link and follow it.
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press("Tab");
      if (await link.evaluate((el) => el === el.ownerDocument.activeElement)) break;
    }
    assert.ok(
      await link.evaluate((el) => el === el.ownerDocument.activeElement),
      "the first hit's link takes focus",
    );
    // Focus is visible: the focused link has an outline.
    const outline = await link.evaluate(
      (el) => el.ownerDocument.defaultView?.getComputedStyle(el).outlineStyle,
    );
    assert.equal(outline, "solid");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: /ALMAZ-ANTEY/ }).waitFor();
    assert.ok(
      await page.evaluate<boolean>('document.activeElement?.tagName === "H1"'),
      "the new view's heading takes focus",
    );
    await snap(page, "keyboard");
    noErrors(page);
    await context.close();
  });

  test("at 390 px the page fits the screen and results do not shift the form", async () => {
    const page = await open("/", 390, 844);
    await page.getByLabel("Name", { exact: true }).fill("Bank Melli");
    const form = await page.locator("form.screen-form").boundingBox();
    const results = await page.locator(".results").boundingBox();
    await page.keyboard.press("Enter");
    await page.locator("article.hit").first().waitFor();
    assert.deepEqual(await page.locator("form.screen-form").boundingBox(), form);
    assert.equal(
      (await page.locator(".results").boundingBox())?.y,
      results?.y,
      "results start where they were",
    );
    const overflow = await page.evaluate<number>(OVERFLOW);
    assert.ok(overflow <= 0, `no sideways scrolling (${overflow} px too wide)`);
    await snap(page, "screen-390");
    await page.goto(`${base}/#/assess`);
    await page.getByRole("button", { name: /Example: S-400/ }).click();
    await page.getByRole("button", { name: "Assess", exact: true }).click();
    await page.locator("section.report").waitFor();
    assert.ok((await page.evaluate<number>(OVERFLOW)) <= 0);
    await snap(page, "assess-390");
    noErrors(page);
    await context.close();
  });

  test("every view passes the axe accessibility rules (labels, contrast, names, landmarks)", async () => {
    const axe = readFileSync(join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");
    const page = await open();
    const check = async (view: string, ready: () => Promise<unknown>) => {
      await page.goto(`${base}/#/${view}`);
      await ready();
      await page.addScriptTag({ content: axe });
      const violations = await page.evaluate<{ id: string; impact: string; nodes: { target: string[] }[] }[]>(
        `axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) })))`,
      );
      assert.deepEqual(violations, [], `${view}: ${JSON.stringify(violations)}`);
    };
    await check("screen", async () => {
      await page.getByLabel("Name", { exact: true }).fill("Rosoboronexport");
      await page.keyboard.press("Enter");
      await page.locator("article.hit").first().waitFor();
    });
    await check("entity/ofac%3A18782", () => page.getByRole("heading", { name: "Names" }).waitFor());
    await check("scan", async () => {
      await page.getByLabel(/Document text/).fill("Rosoboronexport sold parts to a firm in Tehran.");
      await page.getByRole("button", { name: "Scan", exact: true }).click();
      await page.locator(".doc mark.party button.info").focus();
      await page.getByRole("tooltip").waitFor();
    });
    await check("assess", async () => {
      await page.getByRole("button", { name: /Example: S-400/ }).click();
      await page.getByRole("button", { name: "Assess", exact: true }).click();
      await page.locator("section.report").waitFor();
    });
    await check("batch", () => page.getByLabel("CSV file").waitFor());
    await check("lists", () => page.getByRole("row", { name: /ofac/ }).waitFor());
    await check("audit", () => page.locator("tbody tr").first().waitFor());
    await context.close();
  });

  test("lists and audit views: versions with age, and a verified chain", async () => {
    const page = await open("/#/lists");
    const row = page.getByRole("row", { name: /ofac/ });
    await row.waitFor();
    assert.match(await row.innerText(), /29/);
    await page.getByRole("button", { name: "Update lists now" }).click();
    await page.getByText(/started without list updates/).waitFor();
    await snap(page, "lists");
    await page.getByRole("link", { name: "Audit" }).click();
    await page.getByRole("button", { name: "Verify chain" }).click();
    await page.getByText(/Chain intact: [\d,]+ records/).waitFor();
    assert.ok((await page.locator("tbody tr").count()) > 0);
    await snap(page, "audit");
    // The browser logs the refused update (this server has no list downloads).
    noErrors(page, /status of 501/);
    await context.close();
  });
});

describe("analyst web page with API keys", { skip }, () => {
  test("asks for a key once per tab, keeps it, and shows the update button to admins only", async () => {
    let imports = 0;
    const { app, store, catalog } = await demoServer({
      updateLists: async () => {
        imports++;
        for (const job of await planImport([DEMO], "ofac")) await importJob(store, job);
      },
    });
    await store.createKey({ name: "teller", scopes: ["screen"], key: "teller-secret" });
    await store.createKey({ name: "ops", scopes: ["admin"], key: "ops-secret" });
    const base = await app.listen({ port: 0, host: "127.0.0.1" });
    const browser = await launch();
    try {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${base}/#/lists`);
      await page.getByText("This server asks for an API key.").waitFor();
      await page.getByLabel("Key", { exact: true }).fill("wrong");
      await page.getByRole("button", { name: "Use key" }).click();
      await page.getByText("The server refused this key.").waitFor();
      await page.getByLabel("Key", { exact: true }).fill("teller-secret");
      await page.getByRole("button", { name: "Use key" }).click();
      await page.getByText("Updating the lists needs an admin key.").waitFor();
      assert.equal(await page.evaluate<string>('sessionStorage.getItem("redline.apiKey")'), "teller-secret");
      await page.reload();
      await page.getByRole("row", { name: /ofac/ }).waitFor();
      assert.equal(
        await page.getByLabel("Key", { exact: true }).count(),
        0,
        "no second prompt in the same tab",
      );
      await snap(page, "keys-teller");

      await page.getByRole("button", { name: "Forget key" }).click();
      await page.getByLabel("Key", { exact: true }).fill("ops-secret");
      await page.getByRole("button", { name: "Use key" }).click();
      await page.getByRole("button", { name: "Update lists now" }).click();
      await page.getByText("New list versions are in service.").waitFor({ timeout: 30_000 });
      assert.equal(imports, 1);
      // The built-in List of Specified Persons came with the first OFAC version and took the next number.
      const ofac = catalog.versions.find((v) => v.source === "ofac")?.id;
      assert.equal(ofac, 3);
      assert.match(await page.getByRole("row", { name: /ofac/ }).innerText(), /^ofac\n.*\n\t3\t/);
      await snap(page, "keys-admin-updated");
    } finally {
      await browser.close();
      await app.close();
    }
  });
});
