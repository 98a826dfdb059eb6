import { describe, expect, it } from "vitest";
import { parsePosAccessForm, parsePosId, posRefusal, POS_ACCESS_DEFAULTS } from "../../../app/rules/pos-access";

describe("posRefusal", () => {
  const who = { staffUserId: "42", locationId: "77" };
  it("GIVEN the defaults THEN every staff member at every location may read, redeem and enrol", () => {
    for (const act of ["read", "redeem", "enrol"] as const) expect(posRefusal(POS_ACCESS_DEFAULTS, { staffUserId: "1", locationId: null }, act)).toBe(null);
  });
  it("GIVEN lists THEN only listed users at listed locations; a location must be given then; enrolment can be off", () => {
    const access = { staffUserIds: ["42"], locationIds: ["77"], allowEnrol: false };
    expect(posRefusal(access, who, "redeem")).toBe(null);
    expect(posRefusal(access, { ...who, staffUserId: "43" }, "read")).toBe("staff_not_allowed");
    expect(posRefusal(access, { ...who, locationId: "78" }, "redeem")).toBe("location_not_allowed");
    expect(posRefusal(access, { ...who, locationId: null }, "redeem")).toBe("location_required");
    expect(posRefusal(access, who, "enrol")).toBe("enrol_disabled");
    expect(posRefusal({ ...access, allowEnrol: true }, who, "enrol")).toBe(null);
  });
});

describe("parsePosId / parsePosAccessForm", () => {
  it("reads numbers, their text and gids of the right kind only", () => {
    expect(parsePosId(77, "location")).toBe("77");
    expect(parsePosId("gid://shopify/Location/77", "location")).toBe("77");
    expect(parsePosId("gid://shopify/User/42", "user")).toBe("42");
    expect(parsePosId("gid://shopify/Location/77", "user")).toBe(null);
    expect(parsePosId("007", "user")).toBe("7");
    for (const bad of ["", "x", "-1", 1.5, 0, null, "1".repeat(21)]) expect(parsePosId(bad, "user"), String(bad)).toBe(null);
  });
  it("splits on commas, spaces and new lines, drops duplicates, names the first bad entry", () => {
    expect(parsePosAccessForm({ staffUserIds: "42,43\n42", locationIds: " ", allowEnrol: true })).toEqual({ ok: true, value: { staffUserIds: ["42", "43"], locationIds: [], allowEnrol: true } });
    expect(parsePosAccessForm({ staffUserIds: "42", locationIds: "77 store", allowEnrol: true })).toEqual({ ok: false, errors: { locationIds: "store" } });
    expect(parsePosAccessForm({ staffUserIds: Array.from({ length: 201 }, (_, i) => i + 1).join(","), locationIds: "", allowEnrol: true })).toEqual({ ok: false, errors: { staffUserIds: ">200" } });
  });
});
