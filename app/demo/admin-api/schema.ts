// Shopify's real Admin GraphQL schema, as the stand-in executes and validates against it: the 2025-01 introspection
// Shopify published, plus the documented newer fields in schema/extensions.graphql. Loaded once per process because
// building a ~40k-line schema takes a noticeable fraction of a second.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import {
  buildClientSchema,
  extendSchema,
  parse,
  validate,
  GraphQLError,
  type GraphQLSchema,
  type IntrospectionQuery,
} from "graphql";
import { installStrictScalars } from "./scalars";

// Resolved from this module's own location (not the working directory) so tests, tsx scripts and the demo all find
// the files that live next to it in the repository.
const SCHEMA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "schema");
export const ADMIN_SCHEMA_FILE = path.join(SCHEMA_DIR, "admin-2025-01.schema.json.gz");
export const SCHEMA_EXTENSIONS_FILE = path.join(SCHEMA_DIR, "extensions.graphql");

let cached: GraphQLSchema | undefined;

export function loadAdminSchema(): GraphQLSchema {
  if (cached) return cached;
  const json = JSON.parse(gunzipSync(fs.readFileSync(ADMIN_SCHEMA_FILE)).toString("utf8")) as {
    data?: IntrospectionQuery;
  } & Partial<IntrospectionQuery>;
  // Shopify publishes the raw response of the introspection query, i.e. wrapped in `data`.
  const introspection = (json.data ?? json) as IntrospectionQuery;
  const base = buildClientSchema(introspection);
  const extended = extendSchema(base, parse(fs.readFileSync(SCHEMA_EXTENSIONS_FILE, "utf8")));
  installStrictScalars(extended);
  cached = extended;
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
