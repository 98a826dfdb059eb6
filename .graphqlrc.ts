// GraphQL codegen (`npm run graphql-codegen`): types every `#graphql` document under app/ against the Admin schema of
// the version the app calls, so `admin.graphql(DOCUMENT)` returns exactly the fields the document asks for.
// The preset reads app/types/admin-<version>.schema.json when that file exists and downloads it from Shopify only
// when it does not; the file is committed, so codegen never needs the network.
import { ApiType, shopifyApiProject } from "@shopify/api-codegen-preset";
import { ADMIN_API_VERSION } from "./app/shopify/api-version";

export default {
  projects: {
    default: shopifyApiProject({
      apiType: ApiType.Admin,
      apiVersion: ADMIN_API_VERSION,
      documents: ["./app/**/*.{ts,tsx}"],
      outputDir: "./app/types",
    }),
  },
};
