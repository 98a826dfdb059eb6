// Answers of the app's own HTTP APIs checked against their OpenAPI documents (docs/openapi.yaml): the status must be
// one the document lists for the operation, and the JSON body must match that status's schema (ajv, draft-07, with
// the document's components as the referenced schemas).
import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import { parse } from "yaml";
import { expect } from "vitest";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const root = path.resolve(import.meta.dirname, "..", "..");

export function openApiChecker(file: string) {
  const document = parse(fs.readFileSync(path.join(root, file), "utf8")) as Json;
  const ajv = new Ajv({ allErrors: true, unknownFormats: "ignore" });
  ajv.addSchema({ components: document.components }, "doc");
  return {
    document,
    /** Fails the test unless `body` is what the document says `method path` answers with `status`. */
    expectDocumented(method: string, route: string, status: number, body: unknown) {
      const operation = document.paths?.[route]?.[method.toLowerCase()];
      expect(operation, `${method} ${route} is documented`).toBeDefined();
      const response = operation.responses?.[String(status)];
      expect(response, `${method} ${route} documents status ${status}`).toBeDefined();
      const ref: string = response.content["application/json"].schema.$ref;
      const valid = ajv.validate({ $ref: `doc${ref}` }, body);
      expect(valid ? [] : ajv.errors, `${method} ${route} ${status} body ${JSON.stringify(body)}`).toEqual([]);
    },
    /** Fails unless the request body matches the operation's request schema (the document's examples, for one). */
    requestValid(method: string, route: string, body: unknown): boolean {
      const ref: string = document.paths[route][method.toLowerCase()].requestBody.content["application/json"].schema.$ref;
      return ajv.validate({ $ref: `doc${ref}` }, body) as boolean;
    },
  };
}
