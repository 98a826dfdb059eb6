// The mirror's pure parts: which metafields a member gets (segment included, removed only when Shopify has one) and
// how members are packed into metafieldsSet calls without splitting one across calls.
import { describe, expect, it } from "vitest";
import { mirrorMetafields, packMembers, SEGMENT_KEY } from "../../../app/rules/customer-mirror";

const keys = (fields: { key: string }[]) => fields.map((field) => field.key);

describe("mirrorMetafields", () => {
  it("GIVEN a segment THEN it is set beside points and tier", () => {
    const { set, remove } = mirrorMetafields({ customerId: "5", availablePoints: 40, tierName: "Gold", segment: "vip", mirroredSegment: null });
    expect(keys(set)).toEqual(["points", "tier", SEGMENT_KEY]);
    expect(set.at(-1)).toEqual({ ownerId: "gid://shopify/Customer/5", namespace: "$app", key: "segment", type: "single_line_text_field", value: "vip" });
    expect(remove).toEqual([]);
  });

  it("GIVEN no segment THEN the metafield is removed only when Shopify holds one", () => {
    expect(keys(mirrorMetafields({ customerId: "5", availablePoints: 0, tierName: "Gold", segment: null, mirroredSegment: "lapsed" }).remove)).toEqual(["segment"]);
    expect(mirrorMetafields({ customerId: "5", availablePoints: 0, tierName: "Gold", segment: null, mirroredSegment: null }).remove).toEqual([]);
    expect(keys(mirrorMetafields({ customerId: "5", availablePoints: 0, tierName: null }).remove)).toEqual(["tier"]);
  });
});

describe("packMembers", () => {
  const member = (n: number) => ({ set: Array.from({ length: n }, () => 0) });
  it("fills each call up to the limit with whole members, in order", () => {
    const members = [3, 3, 2, 1, 3, 3, 3, 3, 3, 3, 2].map(member);
    const groups = packMembers(members, 25);
    expect(groups.map((group) => group.reduce((sum, m) => sum + m.set.length, 0))).toEqual([24, 5]);
    expect(groups.flat()).toEqual(members);
    expect(packMembers([member(3), member(3)], 5).map((group) => group.length)).toEqual([1, 1]);
    expect(packMembers([], 25)).toEqual([]);
  });
});
