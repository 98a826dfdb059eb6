// CI's checks of the theme app extension (scripts/test.mjs, stage "extension"):
//   1. the committed build outputs (assets, the launcher's style snippet) are what the sources build to (then the
//      fresh build is written, so the browser tests that follow exercise the current sources even if this fails);
//   2. Shopify Theme Check, with the configuration Shopify's CLI uses for theme app extensions: no errors;
//   3. what every page loads (the loader script and the launcher's inline styles) stays within 10 KB gzip;
//   4. the storefront texts: every locale has the same keys and {placeholders} as English, nothing Shopify's `t`
//      filter would HTML-escape (the texts travel to the script as JSON), and every text reaches the script.
// Exits non-zero if any check fails; every check runs.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { themeCheckRun, Severity } from "@shopify/theme-check-node";
import { buildOutputs, EXTENSION_DIR, OUTPUTS, shippedBytes, staleOutputs, writeOutputs } from "./build-extension";

export const EVERY_PAGE_BUDGET_GZIP = 10 * 1024;

const failures: string[] = [];
const fail = (message: string) => failures.push(message);

type Messages = { [key: string]: string | Messages };

function flatten(messages: Messages, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    if (typeof value === "string") out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(",");

function checkLocales() {
  const dir = path.join(EXTENSION_DIR, "locales");
  const files = fs.readdirSync(dir);
  for (const kind of ["storefront", "schema"] as const) {
    const isKind = (name: string) => (kind === "schema" ? name.endsWith(".schema.json") : !name.endsWith(".schema.json"));
    const defaults = files.filter((name) => isKind(name) && name.includes(".default."));
    if (defaults.length !== 1) {
      fail(`locales: expected one default ${kind} locale file, found ${defaults.length}`);
      continue;
    }
    const english = flatten(JSON.parse(fs.readFileSync(path.join(dir, defaults[0]!), "utf8")) as Messages);
    for (const name of files.filter(isKind)) {
      const messages = flatten(JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")) as Messages);
      for (const key of english.keys()) if (!messages.has(key)) fail(`locales/${name}: missing ${key}`);
      for (const [key, value] of messages) {
        if (!english.has(key)) fail(`locales/${name}: ${key} is not in ${defaults[0]}`);
        else if (placeholders(value) !== placeholders(english.get(key)!)) fail(`locales/${name}: ${key} has placeholders {${placeholders(value)}}, English has {${placeholders(english.get(key)!)}}`);
        if (kind === "storefront" && /[<>&"']/.test(value)) fail(`locales/${name}: ${key} contains a character Shopify's t filter escapes (use ’ for an apostrophe)`);
      }
    }
    if (kind === "storefront") {
      const snippet = fs.readFileSync(path.join(EXTENSION_DIR, "snippets", "loyalty-texts.liquid"), "utf8");
      for (const key of english.keys()) {
        // The launcher's label is used by Liquid itself; every other text is for the script.
        if (key !== "loyalty.launcher_label" && !snippet.includes(`'${key}' | t`)) fail(`snippets/loyalty-texts.liquid does not pass ${key} to the script`);
      }
    }
  }
}

async function main() {
  const built = await buildOutputs();
  const stale = staleOutputs(built);
  if (stale.length) fail(`extension build outputs are not what the sources build to (run npm run build:extension and commit): ${stale.join("; ")}`);
  else console.log("build outputs: up to date with extensions/loyalty-rewards-src");
  writeOutputs(built);

  const { offenses, config, theme } = await themeCheckRun(EXTENSION_DIR);
  if (config.context !== "app") fail(`Theme Check ran with context ${config.context}, not the theme app extension configuration`);
  const severity = (s: Severity) => (s === Severity.ERROR ? "error" : s === Severity.WARNING ? "warning" : "info");
  for (const offense of offenses) {
    console.log(`theme check ${severity(offense.severity)}: ${path.relative(EXTENSION_DIR, new URL(offense.uri).pathname)}:${offense.start.line + 1} ${offense.check}: ${offense.message}`);
  }
  const errors = offenses.filter((o) => o.severity === Severity.ERROR).length;
  if (errors) fail(`Theme Check: ${errors} error(s)`);
  console.log(`theme check: ${theme.length} files, ${config.checks.length} checks, ${errors} errors, ${offenses.length - errors} warnings/info`);

  const everyPage = OUTPUTS.filter((o) => o.everyPage).map((o) => ({ output: o.output, gzip: zlib.gzipSync(shippedBytes(o.output, built.get(o.output)!), { level: 9 }).length }));
  const total = everyPage.reduce((sum, o) => sum + o.gzip, 0);
  console.log(`every page: ${everyPage.map((o) => `${o.output} ${o.gzip} B`).join(" + ")} = ${total} B gzip (budget ${EVERY_PAGE_BUDGET_GZIP} B)`);
  if (total > EVERY_PAGE_BUDGET_GZIP) fail(`what every page loads is ${total} B gzip, over the ${EVERY_PAGE_BUDGET_GZIP} B budget`);

  checkLocales();

  if (failures.length) {
    console.error(`\nextension checks failed:\n  ${failures.join("\n  ")}`);
    process.exit(1);
  }
  console.log("extension checks passed");
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
