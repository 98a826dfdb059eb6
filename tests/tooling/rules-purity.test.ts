// The lint rule that keeps app/rules pure, run through ESLint's API on the committed config: a module there that
// reaches for the database, persistence, Shopify or Remix is refused with the rule's message, and the committed
// rule modules pass.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const eslint = new ESLint({ cwd: root });

async function restrictedImports(source: string, file = "app/rules/example.ts") {
  const results = await eslint.lintText(source, { filePath: path.join(root, file) });
  expect(results).toHaveLength(1);
  return results.flatMap((r) => r.messages).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("app/rules may not import storage, Shopify or Remix", () => {
  it.each([
    `import { sqlDb } from "../db.server";\nexport const x = sqlDb;\n`,
    `import { instant } from "../db/dialect";\nexport const x = instant;\n`,
    `import { appendEntries } from "../persistence/ledger";\nexport const x = appendEntries;\n`,
    `import type { Member } from "../generated/prisma/client";\nexport type X = Member;\n`,
    `import { runAdminGraphql } from "../shopify/admin-graphql.server";\nexport const x = runAdminGraphql;\n`,
    `import { Kysely } from "kysely";\nexport const x = Kysely;\n`,
    `import { json } from "@remix-run/node";\nexport const x = json;\n`,
  ])("GIVEN a rule module importing storage or I/O THEN lint refuses it: %s", async (source) => {
    const messages = await restrictedImports(source);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/import is restricted .* app\/rules is pure: /);
  });

  it("GIVEN the same import outside app/rules THEN the rule does not apply", async () => {
    expect(await restrictedImports(`import { sqlDb } from "../db.server";\nexport const x = sqlDb;\n`, "app/persistence/example.ts")).toEqual([]);
  });

  it("GIVEN a rule module importing another rule module THEN lint accepts it", async () => {
    expect(await restrictedImports(`import { currencyExponent } from "./money";\nexport const x = currencyExponent;\n`)).toEqual([]);
  });
});
