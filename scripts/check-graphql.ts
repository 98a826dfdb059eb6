// CI's check of the typed Admin GraphQL (scripts/test.mjs, stage "graphql"), with the configuration
// `npm run graphql-codegen` uses (.graphqlrc.ts), so it sees exactly the documents codegen types:
//   1. the committed types in app/types are what codegen generates now (nothing is written; a stale file fails and is
//      named, fixed by running `npm run graphql-codegen` and committing the result);
//   2. no document of the app asks for a field or argument the schema marks deprecated in the version the app calls.
// A document asking for a field the schema lacks fails step 1 (codegen validates every document first).
// Exits non-zero if either check fails; both run.
import { generate, loadContext } from "@graphql-codegen/cli";
import { NoDeprecatedCustomRule, validate, type GraphQLSchema } from "graphql";

const failures: string[] = [];

const context = await loadContext();
context.enableCheckMode();
// Its progress lines add nothing in CI; its errors are thrown and reported below.
context.updateConfig({ silent: true });
try {
  // In check mode codegen compares instead of writing.
  await generate(context);
  for (const file of context.checkModeStaleFiles) {
    failures.push(`${file} is stale: run \`npm run graphql-codegen\` and commit the result`);
  }
} catch (error) {
  failures.push(`codegen failed: ${error instanceof Error ? error.message : String(error)}`);
}

try {
  const config = context.getConfig();
  const schema: GraphQLSchema = await context.loadSchema(config.schema!);
  const sources = await context.loadDocuments(config.documents!, "standard");
  for (const source of sources) {
    for (const error of validate(schema, source.document!, [NoDeprecatedCustomRule])) {
      failures.push(`${source.location}: ${error.message}`);
    }
  }
  console.log(`graphql: ${sources.length} documents checked against the committed schema`);
} catch (error) {
  failures.push(`loading the schema or documents failed: ${error instanceof Error ? error.message : String(error)}`);
}

for (const failure of failures) console.error(`graphql: ${failure}`);
process.exit(failures.length === 0 ? 0 : 1);
