// `npm run demo`: the real app, offline, on an embedded SQLite database, with the Admin API stand-in in place
// of Shopify. Migrates, seeds the demo shop, builds the app with its demo routes and serves it on PORT (3000), on
// 127.0.0.1 only unless HOST says otherwise (its credentials are public: see README).
// The build is skipped when build/demo is newer than everything it is made from (app/, vite.config.ts, …):
//   --build      build even so
//   --no-build   never build (reuse build/demo as it is)
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { DEMO_API_KEY, DEMO_API_SECRET, DEMO_DATABASE_URL, DEMO_DEFAULT_PORT } from "../app/demo/demo-config";
import { assertDemoAllowed } from "../app/demo/demo-mode.server";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function configureEnvironment(port: number) {
  process.env.LOYALTY_DEMO = "1";
  process.env.NODE_ENV ??= "development";
  process.env.DATABASE_URL ??= DEMO_DATABASE_URL;
  process.env.SHOPIFY_API_KEY = DEMO_API_KEY;
  process.env.SHOPIFY_API_SECRET = DEMO_API_SECRET;
  process.env.SHOPIFY_APP_URL = `http://localhost:${port}`;
}

/** What the demo build is made from: when none of it changed since the last build, building again gives the same. */
const BUILD_INPUTS = ["app", "vite.config.ts", "tsconfig.json", "env.d.ts", "package-lock.json", "server.mjs"];
const BUILD_ENTRY = path.join(root, "build", "demo", "server", "index.js");

function newestModification(target: string): number {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestModification(path.join(target, entry)));
  return newest;
}

/** Whether build/demo was made after the last change to any of its inputs. */
function demoBuildIsCurrent(): boolean {
  const built = fs.statSync(BUILD_ENTRY, { throwIfNoEntry: false });
  if (!built) return false;
  return BUILD_INPUTS.every((input) => newestModification(path.join(root, input)) < built.mtimeMs);
}

function run(command: string, args: string[]) {
  execFileSync(command, args, { cwd: root, stdio: "inherit", env: process.env });
}

async function main() {
  assertDemoAllowed();
  const port = Number(process.env.PORT ?? DEMO_DEFAULT_PORT);
  configureEnvironment(port);

  run(process.execPath, [path.join(root, "scripts", "db.mjs"), "migrate"]);
  if (process.argv.includes("--no-build")) {
    console.log("--no-build: serving build/demo as it is");
  } else if (!process.argv.includes("--build") && demoBuildIsCurrent()) {
    console.log("build/demo is newer than app/ and the build's configuration: not building again (--build forces it)");
  } else {
    run(path.join(root, "node_modules", ".bin", "remix"), ["vite:build"]);
  }

  // Imported only now: these read the environment configured above.
  const { seedDemoDatabase } = await import("../app/demo/seed.server");
  const { startAdminApiStandIn } = await import("../app/demo/stand-in-server");
  const { serveBuild } = await import("../server.mjs");

  // The stand-in first: seeding redeems the support tools' rewards through it.
  const standIn = startAdminApiStandIn();
  await seedDemoDatabase(standIn);
  const buildEntry = pathToFileURL(path.join(root, "build", "demo", "server", "index.js")).href;
  const server = await serveBuild({ buildEntry, clientDirectory: path.join(root, "build", "demo", "client"), port });
  const { address } = server.address() as AddressInfo;
  console.log(`\nLoyalty demo: http://localhost:${port}/demo  (listening on ${address}; database: ${process.env.DATABASE_URL})`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
