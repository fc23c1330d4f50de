import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { ROOT } from "./cli.ts";

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];

/** Debian's Chromium, or why the browser tests cannot run. */
export function chromiumPath(): string | undefined {
  return CANDIDATES.find((p): p is string => Boolean(p && existsSync(p)));
}

export const NO_CHROMIUM =
  "no Chromium found (install Debian's package: apt-get install chromium, or set CHROMIUM_PATH); browser tests skipped";

/** Launch headless Chromium as the issue prescribes. */
export function launch(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error(NO_CHROMIUM);
  return chromium.launch({
    executablePath,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

export const RESULTS = join(ROOT, "test-results");

/** Save a screenshot of the page under test-results/ for a person to look at. */
export async function snap(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: join(RESULTS, `${name}.png`), fullPage: true });
}
