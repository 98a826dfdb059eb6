// Running the Shopify CLI (`@shopify/cli`, a dev dependency) offline, as CI does: the test runner's "app-build"
// stage and the tests on broken copies of the app configuration (tests/tooling) run it the same way.
//   SHOPIFY_CLI_NO_ANALYTICS=1           no usage report to Shopify after each command
//   CI=1                                 no prompts, and no background fetch of Shopify's CLI notifications
//   --skip-dependencies-installation     `app build` otherwise runs `npm install` in the app first
// With these, `shopify app build` makes no network request (its --verbose log reports 0 ms of network time).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export const SHOPIFY_BIN = path.join(root, "node_modules", ".bin", "shopify");
export const OFFLINE_ENV = { SHOPIFY_CLI_NO_ANALYTICS: "1", CI: "1" };
export const APP_BUILD_ARGS = ["app", "build", "--skip-dependencies-installation"];

/** `shopify app build` of the app in `appDir`; its exit status and everything it printed. */
export function shopifyAppBuild(appDir) {
  const result = spawnSync(SHOPIFY_BIN, [...APP_BUILD_ARGS, "--path", appDir], {
    cwd: appDir,
    env: { ...process.env, ...OFFLINE_ENV },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout ?? ""}${result.stderr ?? ""}` };
}
