// Input coercion for Shopify's custom scalars. A schema built from introspection accepts anything for a custom
// scalar; Shopify does not (a DateTime of "tomorrow" or a Decimal of "ten" is rejected before execution). Being
// strict here makes the stand-in reject what Shopify would reject. Deliberately lenient where Shopify's exact
// grammar is not documented: any ISO-8601 date or date-time, numbers or numeric strings for Decimal.
// Output values are produced by the stand-in itself already in Shopify's wire format, so serialize stays identity.
import { GraphQLError, Kind, type GraphQLSchema, type ValueNode, isScalarType } from "graphql";

type Parser = (value: unknown) => unknown;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const UNSIGNED = /^\d+$/;
const SIGNED = /^-?\d+$/;

function fail(scalar: string, value: unknown): never {
  throw new GraphQLError(`${JSON.stringify(value)} is not a valid ${scalar}`);
}

const parsers: Record<string, Parser> = {
  DateTime: (value) => {
    if (typeof value !== "string" || !ISO_DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) {
      fail("DateTime", value);
    }
    return value;
  },
  Date: (value) => {
    if (typeof value !== "string" || !ISO_DATE.test(value) || Number.isNaN(Date.parse(value))) fail("Date", value);
    return value;
  },
  Decimal: (value) => {
    if (typeof value === "number" && Number.isFinite(value)) return String(value);
    if (typeof value !== "string" || !DECIMAL.test(value.trim())) fail("Decimal", value);
    return value.trim();
  },
  Money: (value) => {
    if (typeof value === "number" && Number.isFinite(value)) return String(value);
    if (typeof value !== "string" || !DECIMAL.test(value.trim())) fail("Money", value);
    return value.trim();
  },
  UnsignedInt64: (value) => {
    if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return String(value);
    if (typeof value !== "string" || !UNSIGNED.test(value)) fail("UnsignedInt64", value);
    return value;
  },
  BigInt: (value) => {
    if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
    if (typeof value !== "string" || !SIGNED.test(value)) fail("BigInt", value);
    return value;
  },
  URL: (value) => {
    if (typeof value !== "string" || !URL.canParse(value)) fail("URL", value);
    return value;
  },
};

function literalValue(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.STRING:
      return node.value;
    case Kind.INT:
      return Number.parseInt(node.value, 10);
    case Kind.FLOAT:
      return Number.parseFloat(node.value);
    default:
      return undefined; // objects, lists, enums, booleans are never valid for these scalars
  }
}

export function installStrictScalars(schema: GraphQLSchema): void {
  for (const [name, parser] of Object.entries(parsers)) {
    const type = schema.getType(name);
    if (!type || !isScalarType(type)) continue;
    type.parseValue = parser;
    type.parseLiteral = (node) => {
      const value = literalValue(node);
      if (value === undefined) fail(name, node.kind);
      return parser(value);
    };
  }
}
