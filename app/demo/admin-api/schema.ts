// Shopify's real Admin GraphQL schema, as the stand-in executes and validates against it: the introspection of the
// version the app calls (app/shopify/api-version.ts), the same committed file GraphQL codegen types the app's
// documents from (app/types/admin-<version>.schema.json). So an operation the stand-in accepts is one the compiler
// typed, and the other way round. Loaded once per process: parsing ~10 MB of JSON and building ~3,500 types takes
// a noticeable fraction of a second.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildClientSchema, parse, validate, GraphQLError, type GraphQLSchema, type IntrospectionQuery } from "graphql";
import { ADMIN_API_VERSION } from "../../shopify/api-version";
import { installStrictScalars } from "./scalars";

// Resolved from this module's own location (not the working directory) so tests, tsx scripts and the demo all find
// the file in the repository.
export const ADMIN_SCHEMA_FILE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  "types",
  `admin-${ADMIN_API_VERSION}.schema.json`,
);

let cached: GraphQLSchema | undefined;

export function loadAdminSchema(): GraphQLSchema {
  if (cached) return cached;
  // Shopify publishes the raw response of the introspection query, i.e. wrapped in `data`.
  const json = JSON.parse(fs.readFileSync(ADMIN_SCHEMA_FILE, "utf8")) as { data: IntrospectionQuery };
  const schema = buildClientSchema(json.data);
  installStrictScalars(schema);
  cached = schema;
  return cached;
}

/** graphql-js parse + validate against the Admin schema; a syntax error comes back as a one-element list. */
export function validateAdminOperation(query: string): readonly GraphQLError[] {
  let document;
  try {
    document = parse(query);
  } catch (error) {
    if (error instanceof GraphQLError) return [error];
    throw error;
  }
  return validate(loadAdminSchema(), document);
}
