// Relay-style connections as Shopify serves them: edges/nodes/pageInfo, opaque cursors, `first`/`after` forward and
// `last`/`before` backward, `reverse` flipping the sort. Shopify refuses a connection without `first` or `last`, and
// more than 250 items per page; so does the stand-in (errors, never silently clamped).
import { GraphQLError } from "graphql";
import type { View } from "./context";

export const MAX_PAGE_SIZE = 250;

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  reverse?: boolean | null;
}

function encodeCursor(id: string): string {
  return Buffer.from(JSON.stringify({ last_id: Number(id.replace(/^.*\//, "")) || id })).toString("base64");
}

function decodeCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as { last_id?: unknown };
    if (parsed.last_id !== undefined) return String(parsed.last_id);
  } catch {
    // fall through to the error below
  }
  throw new GraphQLError("Invalid cursor for current pagination sort.");
}

function pageSize(name: "first" | "last", value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (value < 0) throw new GraphQLError(`${name} must be greater than or equal to 0`);
  if (value > MAX_PAGE_SIZE) {
    throw new GraphQLError(`${name} must be less than or equal to ${MAX_PAGE_SIZE} (the Admin API's page size limit)`);
  }
  return value;
}

/**
 * One page of `items` (already filtered and in the sort order). `idOf` gives each item's GID, which the cursor
 * encodes; `view` turns an item into what the schema returns for a node.
 */
export function connection<T>(
  typeName: string,
  items: readonly T[],
  args: ConnectionArgs,
  idOf: (item: T) => string,
  view: (item: T) => View,
): View {
  const first = pageSize("first", args.first);
  const last = pageSize("last", args.last);
  if (first === null && last === null) throw new GraphQLError("you must provide one of first or last");
  const ordered = args.reverse ? [...items].reverse() : [...items];
  let start = 0;
  let end = ordered.length;
  if (args.after) {
    const after = decodeCursor(args.after);
    const index = ordered.findIndex((item) => idOf(item).replace(/^.*\//, "") === after);
    start = index === -1 ? ordered.length : index + 1;
  }
  if (args.before) {
    const before = decodeCursor(args.before);
    const index = ordered.findIndex((item) => idOf(item).replace(/^.*\//, "") === before);
    end = index === -1 ? end : index;
  }
  let window = ordered.slice(start, Math.max(start, end));
  let hasNextPage = end < ordered.length;
  let hasPreviousPage = start > 0;
  if (first !== null && window.length > first) {
    window = window.slice(0, first);
    hasNextPage = true;
  }
  if (last !== null && window.length > last) {
    window = window.slice(window.length - last);
    hasPreviousPage = true;
  }
  const edges = window.map((item) => ({
    __typename: `${typeName}Edge`,
    cursor: encodeCursor(idOf(item)),
    node: view(item),
  }));
  return {
    __typename: `${typeName}Connection`,
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      __typename: "PageInfo",
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
