import { apiError } from "../shopify/storefront-api.server";

// Any other /proxy/* path: the storefront API's 404 in its own shape, not Remix's page (nothing is read).
const notFound = async () => apiError(404, "not_found", "No such storefront API endpoint");

export const loader = notFound;
export const action = notFound;
