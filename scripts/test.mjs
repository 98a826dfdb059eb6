#!/usr/bin/env node
// `npm test`: every check CI runs, in order. Every stage runs even after one fails, so one CI run
// shows every broken stage; the exit code is non-zero if any stage failed.
//   lint → typecheck → GraphQL types fresh → migrations cover the schema → OpenAPI document lint → tests on SQLite → DB tests again on
//   PostgreSQL → theme app extension (build, Theme Check, weight) → UI extensions (typecheck, size, texts) → `shopify app build` → the checks' own tests on
//   broken copies → browser
// No stage is skipped silently: PostgreSQL and Chromium must be available (.ci/run installs/starts them).
// Ends with one line "N passed, N failed" counting every test that ran.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { APP_BUILD_ARGS, OFFLINE_ENV, SHOPIFY_BIN } from "./shopify-cli.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), "loyalty-test-report-"));
const totals = { passed: 0, failed: 0, skipped: 0 };
const failedStages = [];
const stageTimes = [];

function vitest(name, args, env = {}) {
  const outputFile = path.join(reportDir, `${name}.json`);
  return {
    name,
    command: bin("vitest"),
    args: ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${outputFile}`, ...args],
    env,
    outputFile,
  };
}

const stages = [
  { name: "lint", command: bin("eslint"), args: ["--max-warnings", "0", "."] },
  { name: "typecheck", command: bin("tsc"), args: ["--noEmit"] },
  // The committed Admin GraphQL types are what codegen makes of the committed schema and the app's documents, and no
  // document uses a field deprecated in the API version the app calls.
  { name: "graphql", command: bin("tsx"), args: ["scripts/check-graphql.ts"] },
  { name: "migrations", command: process.execPath, args: ["scripts/db.mjs", "check"] },
  // docs/openapi.yaml (the actions and headless API) is valid OpenAPI 3.1 and passes Redocly's strict rules, offline.
  { name: "openapi", command: process.execPath, args: ["scripts/lint-openapi.mjs"] },
  vitest("sqlite", [], { TEST_DATABASE: "sqlite" }),
  // The database-backed tests again, on PostgreSQL.
  vitest("postgresql", ["tests/integration"], { TEST_DATABASE: "postgresql" }),
  // The theme app extension: builds its assets (the browser tests use them), fails if the committed ones are
  // stale, runs Shopify Theme Check, and holds what every page loads to 10 KB gzip.
  { name: "extension", command: bin("tsx"), args: ["scripts/check-extension.ts"] },
  // The UI extensions (checkout, thank-you / order status, customer account): typecheck, bundle, Shopify's compressed
  // size limits (64 KB; 128 KB full page), texts in all four languages and not bundled.
  { name: "ui-extensions", command: bin("tsx"), args: ["scripts/check-ui-extensions.ts"] },
  // Shopify's own build of the app, offline: validates shopify.app.toml, runs Theme Check, bundles the extensions.
  { name: "app-build", command: SHOPIFY_BIN, args: APP_BUILD_ARGS, env: OFFLINE_ENV },
  // The checks above fail when they should: tsc, codegen and the CLI on deliberately broken copies.
  vitest("tooling", ["--config", "vitest.tooling.config.ts"]),
  vitest("browser", ["--config", "vitest.browser.config.ts"]),
];

const only = process.argv.slice(2);
for (const stage of stages) {
  if (only.length && !only.includes(stage.name)) continue;
  console.log(`\n━━ ${stage.name} ━━`);
  const startedAt = Date.now();
  const result = spawnSync(stage.command, stage.args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...stage.env },
  });
  if (stage.outputFile && fs.existsSync(stage.outputFile)) {
    const report = JSON.parse(fs.readFileSync(stage.outputFile, "utf8"));
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests;
    totals.skipped += report.numPendingTests + report.numTodoTests;
    if (report.numTotalTests === 0) {
      console.error(`stage ${stage.name} ran no test`);
      result.status = 1;
    }
  }
  if (result.status !== 0) {
    console.error(`\nstage "${stage.name}" failed`);
    failedStages.push(stage.name);
  }
  // CI has a time limit for the whole run; each stage's share shows where it goes.
  stageTimes.push(`${stage.name} ${Math.round((Date.now() - startedAt) / 1000)} s`);
}
console.log(`\nstage times: ${stageTimes.join(", ")}`);
if (failedStages.length) console.error(`\nfailed stages: ${failedStages.join(", ")}`);
// A stage that fails without a failing test (lint, typecheck, a crash) still counts as one failure.
const failed = Math.max(totals.failed, failedStages.length ? 1 : 0);
console.log(`\n${totals.passed} passed, ${failed} failed, ${totals.skipped} skipped`);
process.exit(failedStages.length === 0 && totals.failed === 0 ? 0 : 1);
