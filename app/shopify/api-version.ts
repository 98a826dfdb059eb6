// The Admin API version the app calls. One constant, read by the app's Shopify configuration (shopify.server.ts),
// by GraphQL codegen (.graphqlrc.ts: the types come from this version's schema) and by the Admin API stand-in (it
// validates against the same schema file). Moving to a newer version: change it here, put Shopify's introspection
// for that version in app/types/admin-<version>.schema.json and run `npm run graphql-codegen` (README, "Tests").
import { ApiVersion } from "@shopify/shopify-api";

export const ADMIN_API_VERSION = ApiVersion.October26;
