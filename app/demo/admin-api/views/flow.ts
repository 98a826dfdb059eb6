// flowTriggerReceive, answered as Shopify Flow answers it: the handle must name one of the app's trigger extensions
// and the payload must carry every field that extension's toml declares (a customer_reference as `customer_id`),
// with the declared type; otherwise userErrors and no workflow runs. The triggers are read from the app's own
// extensions/*/shopify.extension.toml when this module loads — the files Shopify reads — not from the list the app
// sends from (app/rules/flow-triggers.ts), so a payload that does not match its extension is refused here.
// Accepted calls are recorded per shop (`flowTriggerRuns`): what tests and /demo/outbox look at.
import fs from "node:fs";
import path from "node:path";
import type { ShopState } from "../state";
import { flowPayloadProblems, readTriggerToml, type FlowField } from "../../../rules/flow-triggers";

/** The app's Flow triggers, handle → declared fields, from the extension tomls under `root` (the app's directory). */
export function loadFlowTriggers(root = process.cwd()): Map<string, FlowField[]> {
  const triggers = new Map<string, FlowField[]>();
  const extensions = path.join(root, "extensions");
  if (!fs.existsSync(extensions)) return triggers;
  for (const entry of fs.readdirSync(extensions, { withFileTypes: true })) {
    const file = path.join(extensions, entry.name, "shopify.extension.toml");
    if (!entry.isDirectory() || !fs.existsSync(file)) continue;
    const text = fs.readFileSync(file, "utf8");
    if (!/^type\s*=\s*"flow_trigger"/m.test(text)) continue;
    const trigger = readTriggerToml(text);
    triggers.set(trigger.handle, trigger.fields);
  }
  return triggers;
}

const TRIGGERS = loadFlowTriggers();

export function flowMutationFields(shop: ShopState) {
  return {
    flowTriggerReceive: (args: { handle?: string | null; payload?: unknown; body?: string | null }) => {
      const handle = args.handle ?? null;
      const fields = handle === null ? undefined : TRIGGERS.get(handle);
      if (!fields) {
        return { __typename: "FlowTriggerReceivePayload", userErrors: [{ __typename: "UserError", field: ["handle"], message: `Invalid handle: no trigger extension with handle ${JSON.stringify(handle)}` }] };
      }
      const problems = flowPayloadProblems(fields, args.payload ?? null);
      if (problems.length > 0) {
        return {
          __typename: "FlowTriggerReceivePayload",
          userErrors: problems.map((problem) => ({ __typename: "UserError", field: ["payload"], message: `Errors validating schema: ${problem}` })),
        };
      }
      shop.flowTriggerRuns.push({ handle: handle!, payload: args.payload as Record<string, unknown>, at: new Date().toISOString() });
      return { __typename: "FlowTriggerReceivePayload", userErrors: [] };
    },
  };
}
