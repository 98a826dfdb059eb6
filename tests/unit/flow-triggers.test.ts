// The Flow trigger list the app sends from (app/rules/flow-triggers.ts) against the extension tomls Shopify reads:
// the same handles and fields, and every payload the app builds passes the check the stand-in makes.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FLOW_TRIGGERS, FLOW_TRIGGER_KINDS, flowPayload, flowPayloadProblems, readTriggerToml } from "../../app/rules/flow-triggers";
import { loadFlowTriggers } from "../../app/demo/admin-api/views/flow";

const tomlOf = (directory: string) => readTriggerToml(fs.readFileSync(path.join("extensions", directory, "shopify.extension.toml"), "utf8"));

const SAMPLE: Record<string, string | number> = { points: 12, reward: "Free tea", "previous tier": "", "new tier": "Gold", direction: "up", "expiry date": "2027-01-31", "days left": 3 };

describe("Flow triggers", () => {
  it.each(FLOW_TRIGGER_KINDS)("GIVEN the %s trigger THEN its toml declares exactly the list's handle and fields", (kind) => {
    const toml = tomlOf(FLOW_TRIGGERS[kind].directory);
    expect(toml.type).toBe("flow_trigger");
    expect(toml.handle).toBe(FLOW_TRIGGERS[kind].handle);
    expect(toml.handle.length).toBeLessThanOrEqual(30);
    expect(toml.fields).toEqual(FLOW_TRIGGERS[kind].fields);
  });

  it("GIVEN the stand-in's reading of extensions/ THEN it knows exactly the five triggers (the Flow action is not one)", () => {
    expect([...loadFlowTriggers().keys()].sort()).toEqual(FLOW_TRIGGER_KINDS.map((kind) => FLOW_TRIGGERS[kind].handle).sort());
  });

  it.each(FLOW_TRIGGER_KINDS)("GIVEN a %s payload built by the app THEN it has every declared field with its type", (kind) => {
    const payload = flowPayload(kind, "gid://shopify/Customer/77", SAMPLE, 40);
    expect(payload).not.toBeNull();
    expect(flowPayloadProblems(tomlOf(FLOW_TRIGGERS[kind].directory).fields, payload)).toEqual([]);
    expect(payload!.customer_id).toBe(77);
  });

  it("GIVEN stored values missing a field or a bad customer id THEN no payload; a wrong type is named", () => {
    expect(flowPayload("reward_redeemed", "77", { points: 3 }, 0)).toBeNull();
    expect(flowPayload("points_earned", "not-a-number", { points: 3 }, 0)).toBeNull();
    expect(flowPayloadProblems(FLOW_TRIGGERS.points_earned.fields, { customer_id: 1, points: "3", balance: 1 })).toEqual(["points must be an integer"]);
    expect(() => readTriggerToml('[[settings.fields]]\ntype = "url"\nkey = "x"')).toThrow(/unsupported/);
  });
});
