// CI's checks of the UI extensions (checkout, thank-you / order status, customer account, POS), stage "ui-extensions" of
// scripts/test.mjs; `--build-only` just writes the bundles (extensions/<name>/dist, not committed: Shopify builds on
// deploy). For each extension:
//   1. it typechecks against @shopify/ui-extensions with its own tsconfig (Preact JSX, skipLibCheck);
//   2. every target module bundles (esbuild as `shopify app build` runs it: ESM, minified, Preact's automatic JSX)
//      and the extension's compressed size (gzip) is within Shopify's limit for API 2025-10+: 64 KB, 128 KB for a
//      full-page customer account extension (customer-account.page.render);
//   3. its texts are in locales/*.json for en (default), pl, ru, ro with the same keys and {{placeholders}}, plural
//      texts with one/few/many/other, and none of them is bundled (Shopify's localization API serves them);
//   4. api_version is the app's (2026-10) and the app URL the extensions call is shopify.app.toml's application_url.
// Prints each extension's size; exits non-zero if any check fails.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

// UI_EXTENSIONS_ROOT: check a copy of the app instead (tests/tooling runs the check on broken copies).
const root = process.env.UI_EXTENSIONS_ROOT ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const UI_EXTENSIONS = (process.env.UI_EXTENSIONS ?? "checkout-rewards,order-points,account-rewards,account-profile,pos-rewards").split(",");
export const LIMIT_BYTES = 64 * 1024;
export const FULL_PAGE_LIMIT_BYTES = 128 * 1024;
const API_VERSION = "2026-10";
const LOCALES = ["en.default", "pl", "ru", "ro"];
const PLURALS = ["few", "many", "one", "other"];

const failures: string[] = [];
const fail = (message: string) => failures.push(message);

type Toml = { apiVersion: string | null; targets: Array<{ module: string; target: string }> };

function readToml(dir: string): Toml {
  const text = fs.readFileSync(path.join(dir, "shopify.extension.toml"), "utf8");
  const apiVersion = /^api_version\s*=\s*"([^"]+)"/m.exec(text)?.[1] ?? null;
  const targets = [...text.matchAll(/module\s*=\s*"([^"]+)"\s*\n\s*target\s*=\s*"([^"]+)"/g)].map((m) => ({ module: m[1]!, target: m[2]! }));
  return { apiVersion, targets };
}

type Messages = { [key: string]: string | Messages };
function flatten(messages: Messages, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    if (typeof value === "string") out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort().join(",");

function checkLocales(name: string, dir: string): string[] {
  const read = (locale: string) => JSON.parse(fs.readFileSync(path.join(dir, "locales", `${locale}.json`), "utf8")) as Messages;
  const english = read("en.default");
  for (const [key, value] of Object.entries(english)) {
    if (typeof value === "object" && Object.keys(value).sort().join() !== PLURALS.join()) fail(`${name}: locales/en.default.json ${key} is a plural without exactly ${PLURALS.join("/")}`);
  }
  const englishFlat = flatten(english);
  for (const locale of LOCALES) {
    if (!fs.existsSync(path.join(dir, "locales", `${locale}.json`))) {
      fail(`${name}: locales/${locale}.json is missing`);
      continue;
    }
    const messages = flatten(read(locale));
    for (const key of englishFlat.keys()) if (!messages.has(key)) fail(`${name}: locales/${locale}.json misses ${key}`);
    for (const [key, value] of messages) {
      if (!englishFlat.has(key)) fail(`${name}: locales/${locale}.json has ${key}, which English has not`);
      else if (placeholders(value) !== placeholders(englishFlat.get(key)!)) fail(`${name}: locales/${locale}.json ${key} has {{${placeholders(value)}}}, English {{${placeholders(englishFlat.get(key)!)}}}`);
    }
  }
  return [...englishFlat.values()];
}

export async function bundle(dir: string, module: string): Promise<Buffer> {
  const result = await build({
    entryPoints: [path.join(dir, module)],
    bundle: true,
    minify: true,
    write: false,
    format: "esm",
    target: "es2020",
    jsx: "automatic",
    jsxImportSource: "preact",
    legalComments: "none",
    logLevel: "silent",
    outfile: path.join(dir, "dist", `${path.basename(module, path.extname(module))}.js`),
  });
  return Buffer.from(result.outputFiles[0]!.contents);
}

async function main() {
  const buildOnly = process.argv.includes("--build-only");
  const appToml = fs.readFileSync(path.join(root, "shopify.app.toml"), "utf8");
  const appUrl = /^application_url\s*=\s*"([^"]+)"/m.exec(appToml)?.[1];
  const backendSource = fs.readFileSync(path.join(root, "extensions", "shared", "backend.ts"), "utf8");
  const calledUrl = /export const APP_URL = "([^"]+)"/.exec(backendSource)?.[1];
  if (!buildOnly && calledUrl !== appUrl) fail(`extensions/shared/backend.ts APP_URL is ${calledUrl}, shopify.app.toml's application_url is ${appUrl}`);

  for (const name of UI_EXTENSIONS) {
    const dir = path.join(root, "extensions", name);
    const toml = readToml(dir);
    if (!buildOnly) {
      if (toml.apiVersion !== API_VERSION) fail(`${name}: api_version is ${toml.apiVersion}, the app's is ${API_VERSION}`);
      const tsc = spawnSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "node_modules", ".bin", "tsc"), ["-p", dir], { encoding: "utf8" });
      if (tsc.status !== 0) fail(`${name}: typecheck failed\n${tsc.stdout}${tsc.stderr}`);
    }
    const fullPage = toml.targets.some((t) => t.target === "customer-account.page.render");
    const limit = fullPage ? FULL_PAGE_LIMIT_BYTES : LIMIT_BYTES;
    let total = 0;
    let raw = 0;
    const bundles: string[] = [];
    for (const { module } of toml.targets) {
      const code = await bundle(dir, module);
      fs.mkdirSync(path.join(dir, "dist"), { recursive: true });
      fs.writeFileSync(path.join(dir, "dist", `${path.basename(module, path.extname(module))}.js`), code);
      raw += code.length;
      total += zlib.gzipSync(code, { level: 9 }).length;
      bundles.push(code.toString("utf8"));
    }
    console.log(`${name}: ${toml.targets.map((t) => t.target).join(", ")}: ${raw} B, ${total} B gzip (limit ${limit} B${fullPage ? ", full page" : ""})`);
    if (buildOnly) continue;
    if (total > limit) fail(`${name}: ${total} B compressed, over Shopify's ${limit} B`);
    // Translations come from Shopify's localization API: a text of locales/ inside the bundle means it was bundled.
    const texts = checkLocales(name, dir).filter((text) => text.replace(/\{\{\s*\w+\s*\}\}/g, "").trim().length > 12);
    const bundled = texts.filter((text) => bundles.some((code) => code.includes(text)));
    if (bundled.length) fail(`${name}: texts bundled into the extension instead of served by the localization API: ${bundled.slice(0, 3).join(" | ")}`);
  }
  if (failures.length) {
    console.error(`\nUI extension checks failed:\n  ${failures.join("\n  ")}`);
    process.exit(1);
  }
  console.log(buildOnly ? "UI extensions built" : "UI extension checks passed");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
}
