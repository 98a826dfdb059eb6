// docs/openapi.yaml against the code: every /api/v1 route file is documented (and nothing documented lacks a route),
// and every example in the document is valid against the schema it illustrates (JSON Schema 2020-12, Ajv2020).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { openApiChecker } from "../support/openapi";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const root = fileURLToPath(new URL("../..", import.meta.url));
const spec = openApiChecker("docs/openapi.yaml");

/** A Remix flat-routes file name as its URL path with OpenAPI's {param}: api.v1.members.$customerId_.redeem.tsx. */
function routePath(file: string): string {
  const segments = file.replace(/\.tsx?$/, "").split(".");
  return "/" + segments.map((segment) => segment.replace(/_$/, "").replace(/^\$(.+)$/, "{$1}")).join("/");
}

describe("docs/openapi.yaml", () => {
  it("is OpenAPI 3.1 and documents exactly the /api/v1 routes", () => {
    expect(spec.document.openapi).toBe("3.1.0");
    const routes = fs.readdirSync(path.join(root, "app", "routes")).filter((file) => file.startsWith("api.v1.")).map(routePath).sort();
    expect(routes).toContain("/api/v1/members/{customerId}/redeem");
    expect(Object.keys(spec.document.paths).sort()).toEqual(routes);
  });

  it("every response and request example is valid against its schema", () => {
    let checked = 0;
    for (const [route, item] of Object.entries(spec.document.paths as Json)) {
      for (const [method, operation] of Object.entries(item as Json)) {
        const request = operation.requestBody?.content?.["application/json"];
        if (request?.example !== undefined) {
          expect(spec.requestValid(method, route, request.example), `${method} ${route} request example`).toBe(true);
          checked += 1;
        }
        for (const [status, response] of Object.entries(operation.responses as Json)) {
          const media = response.content?.["application/json"];
          for (const [name, example] of Object.entries((media?.examples ?? {}) as Json)) {
            const ref: string = example.$ref;
            const value = ref ? spec.document.components.examples[ref.split("/").pop()!].value : example.value;
            expect(spec.errors(media.schema.$ref, value), `${method} ${route} ${status} example ${name}`).toEqual([]);
            checked += 1;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
