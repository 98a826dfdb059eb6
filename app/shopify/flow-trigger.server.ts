// Starting a shop's Shopify Flow workflows: flowTriggerReceive with a trigger extension's handle and a payload of the
// fields its toml declares (app/rules/flow-triggers.ts), through the one Admin GraphQL helper (THROTTLED is backed
// off and retried there). The notification sender calls it for the outbox's "flow" rows; any failure — refused with
// userErrors, 5xx, lost — is answered as such, and the outbox retries the row with its back-off.
import { runAdminGraphql, type AdminGraphql, type AdminGraphqlSettings } from "./admin-graphql.server";
import { offlineAdmin } from "./offline-admin.server";

export const FLOW_TRIGGER_RECEIVE = `#graphql
  mutation FlowTriggerReceive($handle: String!, $payload: JSON!) {
    flowTriggerReceive(handle: $handle, payload: $payload) {
      userErrors { field message }
    }
  }
`;

export type FlowTriggerOutcome = { ok: true } | { ok: false; reason: string };

export type FlowTriggerSender = (handle: string, payload: Record<string, string | number>) => Promise<FlowTriggerOutcome>;

export function createFlowTriggerSender(graphql: AdminGraphql, settings?: AdminGraphqlSettings): FlowTriggerSender {
  return async (handle, payload) => {
    const result = await runAdminGraphql(graphql, FLOW_TRIGGER_RECEIVE, { handle, payload }, settings);
    return result.kind === "data" ? { ok: true } : { ok: false, reason: `${result.kind}: ${result.message}` };
  };
}

/** The sender for a shop through its offline session; null when the shop has none (uninstalled). */
export async function flowTriggerSenderForShop(shop: string, settings?: AdminGraphqlSettings): Promise<FlowTriggerSender | null> {
  const admin = await offlineAdmin(shop);
  return admin ? createFlowTriggerSender(admin.graphql, settings) : null;
}
