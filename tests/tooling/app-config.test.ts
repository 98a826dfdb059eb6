// `shopify app build` (offline, as the "app-build" stage runs it) on copies of shopify.app.toml in a temp dir: the
// copy as committed builds, and each deliberately broken copy fails with the CLI's message naming what is wrong.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { shopifyAppBuild } from "../../scripts/shopify-cli.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const config = fs.readFileSync(path.join(root, "shopify.app.toml"), "utf8");
const dirs: string[] = [];

/** An app folder holding only the configuration: enough for the CLI to validate it (no extensions to bundle). */
function appWithConfig(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "loyalty-app-config-"));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, "shopify.app.toml"), text);
  return dir;
}

/** A broken copy, failing the test if the edit no longer applies to the committed file. */
function broken(search: string, replacement: string): string {
  expect(config, `shopify.app.toml no longer contains ${JSON.stringify(search)}`).toContain(search);
  return config.replace(search, replacement);
}

/** The CLI draws its messages in a box (uncoloured: not a TTY); without the frame and line breaks they read as text. */
const plain = (output: string) => output.replace(/[│╭╮╰╯─]/g, " ").replace(/\s+/g, " ");

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe("shopify app build validates the app configuration", () => {
  it("GIVEN the committed shopify.app.toml THEN the build succeeds", () => {
    const { status, output } = shopifyAppBuild(appWithConfig(config));
    expect(status, plain(output)).toBe(0);
  });

  it('GIVEN embedded = "yes" THEN the build fails, naming the field', () => {
    const { status, output } = shopifyAppBuild(appWithConfig(broken("embedded = true", 'embedded = "yes"')));
    expect(status).not.toBe(0);
    expect(plain(output)).toContain("Validation errors in");
    expect(plain(output)).toContain("[embedded]: Value must be Boolean");
  });

  it("GIVEN a webhook uri that is not a path, an HTTPS URL or a queue THEN the build fails, naming the subscription", () => {
    const { status, output } = shopifyAppBuild(appWithConfig(broken('uri = "/webhooks/orders/paid"', 'uri = "webhooks/orders/paid"')));
    expect(status).not.toBe(0);
    expect(plain(output)).toMatch(/\[webhooks\.subscriptions\.\d+\.uri\]: URI format isn't correct/);
  });
});
