#!/usr/bin/env node
// Lints docs/openapi.yaml with Redocly (rules: redocly.yaml), offline: telemetry and the update check off, so the
// run needs no network. Exits with Redocly's status (non-zero on any problem). An argument lints another file (the
// tooling tests lint broken copies).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const result = spawnSync(path.join(root, "node_modules", ".bin", "redocly"), ["lint", "--config", path.join(root, "redocly.yaml"), process.argv[2] ?? "docs/openapi.yaml"], {
  cwd: root,
  stdio: process.env.LINT_OPENAPI_QUIET ? "pipe" : "inherit",
  env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_UPDATE_NOTIFIER: "1" },
});
if (process.env.LINT_OPENAPI_QUIET) process.stdout.write(`${result.stdout}${result.stderr}`);
process.exit(result.status ?? 1);
