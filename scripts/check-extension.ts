// CI's checks of the theme app extension (scripts/test.mjs, stage "extension"):
//   1. the committed build outputs (snippets, assets, the texts of each locale) are what the sources build to (then
//      the fresh build is written, so the browser tests that follow exercise the current sources even if this fails);
//   2. Shopify Theme Check, with the configuration Shopify's CLI uses for theme app extensions: no errors;
//   3. what every page loads (the launcher's inline styles and click handler) stays within 10 KB gzip, and the app
//      embed neither declares nor contains a script: nothing runs on a page until the launcher is clicked;
//   3b. the cart block's script (loaded only where the block is placed) stays within the same 10 KB gzip;
//   4. the storefront texts: every locale has the same keys and {placeholders} as English, nothing Shopify's `t`
//      filter would HTML-escape (Liquid renders some of them: the label, the block's heading, the load error), and
//      each locale file names its own texts asset (loyalty.texts_asset, which `t` resolves for the shopper).
// Exits non-zero if any check fails; every check runs.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { themeCheckRun, Severity } from "@shopify/theme-check-node";
import { buildOutputs, EXTENSION_DIR, flattenMessages, outputs, shippedBytes, staleOutputs, storefrontLocales, textsAsset, writeOutputs } from "./build-extension";

export const EVERY_PAGE_BUDGET_GZIP = 10 * 1024;

const failures: string[] = [];
const fail = (message: string) => failures.push(message);

type Messages = Parameters<typeof flattenMessages>[0];
const flatten = (messages: Messages) => flattenMessages(messages);

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
      for (const { locale, file } of storefrontLocales()) {
        const named = flatten(JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Messages).get("loyalty.texts_asset");
        if (named !== textsAsset(locale)) fail(`locales/${file}: loyalty.texts_asset is ${JSON.stringify(named)}, should be ${JSON.stringify(textsAsset(locale))} (the texts asset built from this file)`);
      }
    }
  }
}

/** The app embed is on every page: it must not make the page run anything before the shopper clicks. */
function checkEmbedRunsNothing() {
  const read = (file: string) => fs.readFileSync(path.join(EXTENSION_DIR, file), "utf8");
  const embed = read("blocks/rewards-launcher.liquid");
  const schema = JSON.parse(/{%-?\s*schema\s*-?%}([\s\S]*?){%-?\s*endschema\s*-?%}/.exec(embed)?.[1] ?? "{}") as { javascript?: string };
  if (schema.javascript) fail(`blocks/rewards-launcher.liquid declares a script (${schema.javascript}): every page would load and run it`);
  // The embed's markup and every snippet it renders, however deep.
  const seen = new Set<string>();
  const visit = (file: string, text: string) => {
    if (/<script/i.test(text.replace(/{%-?\s*schema[\s\S]*$/, ""))) fail(`${file} (rendered by the app embed) has a <script>: every page would run it`);
    for (const [, name] of text.matchAll(/{%-?\s*render\s+'([\w-]+)'/g)) {
      if (seen.has(name!)) continue;
      seen.add(name!);
      visit(`snippets/${name}.liquid`, read(`snippets/${name}.liquid`));
    }
  };
  visit("blocks/rewards-launcher.liquid", embed);
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

  const everyPage = outputs().filter((o) => o.everyPage).map((o) => ({ output: o.output, gzip: zlib.gzipSync(shippedBytes(o.output, built.get(o.output)!), { level: 9 }).length }));
  const total = everyPage.reduce((sum, o) => sum + o.gzip, 0);
  console.log(`every page: ${everyPage.map((o) => `${o.output} ${o.gzip} B`).join(" + ")} = ${total} B gzip (budget ${EVERY_PAGE_BUDGET_GZIP} B)`);
  if (total > EVERY_PAGE_BUDGET_GZIP) fail(`what every page loads is ${total} B gzip, over the ${EVERY_PAGE_BUDGET_GZIP} B budget`);

  // Each block's script loads only where the block is placed (its schema's `javascript`), but there it is all the
  // block costs: within Shopify's suggested 10 KB compressed.
  for (const o of outputs().filter((candidate) => candidate.loads === "cart block" || candidate.loads === "earn block")) {
    const gzip = zlib.gzipSync(shippedBytes(o.output, built.get(o.output)!), { level: 9 }).length;
    console.log(`${o.loads}: ${o.output} ${gzip} B gzip (budget ${EVERY_PAGE_BUDGET_GZIP} B)`);
    if (gzip > EVERY_PAGE_BUDGET_GZIP) fail(`${o.output} is ${gzip} B gzip, over the ${EVERY_PAGE_BUDGET_GZIP} B budget`);
  }

  checkEmbedRunsNothing();
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
