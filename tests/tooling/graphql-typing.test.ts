// What keeps an Admin API call honest: copies of a real adapter (app/shopify/shop-info.server.ts), each broken one way,
// written to a temp dir and put through the same tools CI runs: `tsc` with the project's compiler options (as
// `npm run typecheck`) and GraphQL codegen with Shopify's preset (as `npm run graphql-codegen`).
//   - a document asking for a field the schema lacks: codegen refuses it, and until types are regenerated the
//     typecheck refuses the call (its document is not an operation codegen typed);
//   - code reading a field of the answer its document did not ask for: the typecheck refuses it.
// The unbroken copy goes through the same typecheck, so each failure is the break's and not the temp setup's.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generate } from "@graphql-codegen/cli";
import { ApiType, pluckConfig, preset } from "@shopify/api-codegen-preset";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_API_VERSION } from "../../app/shopify/api-version";

const root = fileURLToPath(new URL("../..", import.meta.url));
const adapterPath = path.join(root, "app", "shopify", "shop-info.server.ts");
const schemaFile = path.join(root, "app", "types", `admin-${ADMIN_API_VERSION}.schema.json`);
let dir: string;

/** The adapter's source with its relative imports pointing at the repository, so a copy compiles from anywhere. */
function adapterCopy(): string {
  return fs
    .readFileSync(adapterPath, "utf8")
    .replace(/from "(\.{1,2}\/[^"]+)"/g, (_, relative: string) => `from "${path.join(path.dirname(adapterPath), relative)}"`);
}

function edited(source: string, search: string, replacement: string): string {
  expect(source, `shop-info.server.ts no longer contains ${JSON.stringify(search)}`).toContain(search);
  return source.replace(search, replacement);
}

const COPIES = {
  "unbroken.ts": () => adapterCopy(),
  // The document asks Shop for `currencyCodeX`, a field the 2026-10 schema does not have.
  "asks-missing-field.ts": () => edited(adapterCopy(), "      currencyCode\n", "      currencyCodeX\n"),
  // The code reads `contactEmail`, a real Shop field the document does not ask for.
  "reads-unasked-field.ts": () =>
    `${adapterCopy()}\nexport const contactEmail = async (graphql: AdminGraphql) => (await fetchShopInfo(graphql)).contactEmail;\n`,
};

type Diagnostic = { file: string; code: string; message: string };

/** `tsc --noEmit` over the copies, with the project's tsconfig; its diagnostics by file. */
function typecheck(): Diagnostic[] {
  const tsconfig = {
    extends: path.join(root, "tsconfig.json"),
    compilerOptions: { baseUrl: root },
    include: [],
    files: [path.join(root, "env.d.ts"), path.join(root, "app", "types", "admin.generated.d.ts"), ...Object.keys(COPIES)],
  };
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
  const result = spawnSync(path.join(root, "node_modules", ".bin", "tsc"), ["-p", dir, "--noEmit", "--pretty", "false"], {
    encoding: "utf8",
  });
  return [...result.stdout.matchAll(/^(.+?)\(\d+,\d+\): error (TS\d+): (.*)$/gm)].map(([, file, code, message]) => ({
    file: path.basename(file!),
    code: code!,
    message: message!,
  }));
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "loyalty-graphql-typing-"));
  // Type packages (@types/node, vite/client, …) resolve from the project's node_modules, as in the repository.
  fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  for (const [name, source] of Object.entries(COPIES)) fs.writeFileSync(path.join(dir, name), source());
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("typed Admin GraphQL refuses what Shopify would not answer", () => {
  it("GIVEN the three copies THEN the typecheck passes the unbroken one and refuses each broken one for its break", () => {
    const diagnostics = typecheck();
    expect(diagnostics.filter((d) => d.file === "unbroken.ts")).toEqual([]);
    expect(diagnostics.filter((d) => d.file === "asks-missing-field.ts")).toContainEqual(
      expect.objectContaining({ code: "TS2345", message: expect.stringMatching(/currencyCodeX.* is not assignable to parameter of type 'AdminOperation'/) }),
    );
    expect(diagnostics.filter((d) => d.file === "reads-unasked-field.ts")).toEqual([
      expect.objectContaining({ code: "TS2339", message: expect.stringContaining("Property 'contactEmail' does not exist") }),
    ]);
    // Nothing else: the repository's own files compile in this setup.
    expect(new Set(diagnostics.map((d) => d.file))).toEqual(new Set(["asks-missing-field.ts", "reads-unasked-field.ts"]));
  });

  it("GIVEN a document asking for a field the schema lacks THEN codegen refuses it, naming the field; the unbroken copy generates", async () => {
    const codegen = (name: string) =>
      generate(
        {
          schema: schemaFile,
          documents: [path.join(dir, name)],
          // Codegen's type for pluckConfig lists none of the hooks Shopify's preset adds; naming the magic comment
          // (already graphql-tag-pluck's default) gives the object a shape that type knows.
          pluckConfig: { ...pluckConfig, gqlMagicComment: "graphql" },
          silent: true,
          generates: { [path.join(dir, "admin.generated.d.ts")]: { preset, presetConfig: { apiType: ApiType.Admin } } },
        },
        false,
      ).then(
        () => null,
        (thrown: unknown) => String(thrown),
      );
    expect(await codegen("unbroken.ts")).toBeNull();
    const error = await codegen("asks-missing-field.ts");
    expect(error).toMatch(/Cannot query field "currencyCodeX" on type "Shop"/);
    expect(error).toContain("asks-missing-field.ts");
  });
});
