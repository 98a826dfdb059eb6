// Answers of the app's own HTTP APIs checked against their OpenAPI 3.1 document (docs/openapi.yaml): the status must
// be one the document lists for the operation, and the JSON body must match that status's schema. OpenAPI 3.1
// schemas are JSON Schema 2020-12, so ajv's Ajv2020 checks them as written, with the document's components as the
// referenced schemas. Strict: a keyword ajv does not know (a typo in the document) fails the test run.
import fs from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parse } from "yaml";
import { expect } from "vitest";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const root = path.resolve(import.meta.dirname, "..", "..");

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

export function openApiChecker(file: string) {
  const document = parse(fs.readFileSync(path.join(root, file), "utf8")) as Json;
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  // The formats the document uses, checked (ajv-formats is not a dependency; these two are all it needs).
  ajv.addFormat("date-time", (value: string) => RFC3339.test(value) && !Number.isNaN(Date.parse(value)));
  ajv.addFormat("uri", (value: string) => URL.canParse(value));
  // The document's own top-level keys, so it can be added whole and schemas referenced by their JSON pointer.
  for (const keyword of ["openapi", "info", "servers", "tags", "security", "paths", "components"]) ajv.addKeyword(keyword);
  ajv.addSchema(document, "doc");
  const schemaOf = (ref: string) => ({ $ref: `doc${ref}` });
  return {
    document,
    /** Fails the test unless `body` is what the document says `method path` answers with `status`. */
    expectDocumented(method: string, route: string, status: number, body: unknown) {
      const operation = document.paths?.[route]?.[method.toLowerCase()];
      expect(operation, `${method} ${route} is documented`).toBeDefined();
      const response = operation.responses?.[String(status)];
      expect(response, `${method} ${route} documents status ${status}`).toBeDefined();
      const ref: string = response.content["application/json"].schema.$ref;
      const valid = ajv.validate(schemaOf(ref), body);
      expect(valid ? [] : ajv.errors, `${method} ${route} ${status} body ${JSON.stringify(body)}`).toEqual([]);
    },
    /** Fails unless the request body matches the operation's request schema (the document's examples, for one). */
    requestValid(method: string, route: string, body: unknown): boolean {
      const ref: string = document.paths[route][method.toLowerCase()].requestBody.content["application/json"].schema.$ref;
      return ajv.validate(schemaOf(ref), body) as boolean;
    },
    /** The errors of `value` against the schema at `ref` (#/components/schemas/…), [] when valid. */
    errors(ref: string, value: unknown) {
      return ajv.validate(schemaOf(ref), value) ? [] : (ajv.errors ?? []);
    },
  };
}
