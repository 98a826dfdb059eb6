// scripts/check-ui-extensions.ts (CI stage "ui-extensions") on copies of one extension inside the repo (so its
// imports resolve): the committed copy passes; over Shopify's compressed size limit, translations bundled into the
// code, or a locale missing a text each fail with a message naming it.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const copies: string[] = [];

function copy(edit: (dir: string) => void): string {
  const dir = fs.mkdtempSync(path.join(root, ".cache", "ui-extensions-check-"));
  copies.push(dir);
  fs.cpSync(path.join(root, "extensions", "checkout-rewards"), path.join(dir, "extensions", "checkout-rewards"), { recursive: true, filter: (src) => !src.includes(`${path.sep}dist`) });
  fs.cpSync(path.join(root, "extensions", "shared"), path.join(dir, "extensions", "shared"), { recursive: true });
  fs.copyFileSync(path.join(root, "shopify.app.toml"), path.join(dir, "shopify.app.toml"));
  edit(path.join(dir, "extensions", "checkout-rewards"));
  return dir;
}

function check(dir: string) {
  const result = spawnSync(path.join(root, "node_modules", ".bin", "tsx"), [path.join(root, "scripts", "check-ui-extensions.ts")], {
    cwd: root,
    env: { ...process.env, UI_EXTENSIONS_ROOT: dir, UI_EXTENSIONS: "checkout-rewards" },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

fs.mkdirSync(path.join(root, ".cache"), { recursive: true });
afterAll(() => {
  for (const dir of copies) fs.rmSync(dir, { recursive: true, force: true });
});

const appendToModule = (dir: string, code: string) => fs.appendFileSync(path.join(dir, "src", "Checkout.tsx"), `\n${code}\n`);

describe("check-ui-extensions", () => {
  it("GIVEN the committed extension THEN it passes and reports its compressed size", () => {
    const { status, output } = check(copy(() => {}));
    expect(output).toMatch(/checkout-rewards: purchase\.checkout\.reductions\.render-after: \d+ B, \d+ B gzip \(limit 65536 B\)/);
    expect(status).toBe(0);
  });

  it("GIVEN a bundle over 64 KB compressed THEN it fails, naming the limit", () => {
    const { status, output } = check(copy((dir) => appendToModule(dir, `export const noise = ${JSON.stringify(crypto.randomBytes(100_000).toString("base64"))};`)));
    expect(status).toBe(1);
    expect(output).toMatch(/checkout-rewards: \d+ B compressed, over Shopify's 65536 B/);
  });

  it("GIVEN the translations imported into the code THEN it fails: texts must come from the localization API", () => {
    const { status, output } = check(copy((dir) => appendToModule(dir, `import bundled from "../locales/en.default.json";\nexport const texts = bundled;`)));
    expect(status).toBe(1);
    expect(output).toContain("texts bundled into the extension instead of served by the localization API");
  });

  it("GIVEN a locale missing a text THEN it fails, naming the file and key", () => {
    const { status, output } = check(
      copy((dir) => {
        const file = path.join(dir, "locales", "ro.json");
        const messages = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
        delete messages.remove;
        fs.writeFileSync(file, JSON.stringify(messages));
      }),
    );
    expect(status).toBe(1);
    expect(output).toContain("checkout-rewards: locales/ro.json misses remove");
  });
});
