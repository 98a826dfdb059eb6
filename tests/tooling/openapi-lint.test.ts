// The "openapi" stage (scripts/lint-openapi.mjs: Redocly, strict, offline) on docs/openapi.yaml and on broken copies:
// the committed document passes, and each broken copy fails naming the rule it breaks.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const documentText = fs.readFileSync(path.join(root, "docs", "openapi.yaml"), "utf8");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "loyalty-openapi-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function lint(text: string, name: string) {
  const file = path.join(dir, `${name}.yaml`);
  fs.writeFileSync(file, text);
  const result = spawnSync(process.execPath, [path.join(root, "scripts", "lint-openapi.mjs"), file], { cwd: root, encoding: "utf8", env: { ...process.env, LINT_OPENAPI_QUIET: "1" } });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function broken(search: string, replacement: string): string {
  expect(documentText, `docs/openapi.yaml no longer contains ${JSON.stringify(search)}`).toContain(search);
  return documentText.replace(search, replacement);
}

describe("OpenAPI lint", () => {
  it("GIVEN the committed document THEN it passes", () => {
    const result = lint(documentText, "committed");
    expect(result.output).toContain("valid");
    expect(result.status).toBe(0);
  }, 60_000);

  it.each([
    ["an operation without an operationId", "operation-operationId", "      operationId: getProgram\n", ""],
    ["a reference to a schema that does not exist", "no-unresolved-refs", '$ref: "#/components/schemas/Program"', '$ref: "#/components/schemas/Programme"'],
    ["a 3.0 keyword in a 3.1 schema", "struct", "    Names:\n      type: object\n", "    Names:\n      type: object\n      nullable: true\n"],
  ])("GIVEN %s THEN it fails naming %s", (_what, rule, search, replacement) => {
    const result = lint(broken(search, replacement), rule);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain(rule);
  }, 60_000);
});
