// Shopify Flow's "Adjust loyalty points" action (app/shopify/flow-action.server.ts). authenticate.flow answers an
// unsigned or wrongly signed request, or one for a shop without the app, before anything is read.
import type { ActionFunctionArgs } from "@remix-run/node";
import { sqlDb } from "../db.server";
import { authenticate } from "../shopify.server";
import { adjustPointsFromFlow } from "../shopify/flow-action.server";

export async function action({ request }: ActionFunctionArgs) {
  const { session, payload } = await authenticate.flow(request);
  return adjustPointsFromFlow(sqlDb, session.shop, payload as Record<string, unknown>);
}
