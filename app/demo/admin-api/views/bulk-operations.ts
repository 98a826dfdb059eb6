// Bulk operations (bulkOperationRunQuery → poll currentBulkOperation / node(id) → download JSONL), run over the
// stand-in's own orders. The bulk query is validated against the same schema as every request (an invalid one is
// answered with userErrors, as Shopify answers it), then executed with every connection unpaginated, and flattened
// the way Shopify writes its JSONL: one object per line, nested connection nodes on their own lines with
// `__parentId`. The file is produced at once but the operation reports RUNNING on its first read, so the app's
// polling is exercised; it is served from BULK_DOWNLOAD_BASE by the handlers (handlers.ts).
import {
  execute,
  getNamedType,
  Kind,
  parse,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type OperationDefinitionNode,
} from "graphql";
import type { RequestContext, View } from "../context";
import { toGid } from "../ids";
import { fieldResolver } from "../resolve";
import { loadAdminSchema } from "../schema";
import { isoSeconds, type BulkOperationRecord, type ShopState } from "../state";
import { queryRoot } from "./root";

export const BULK_DOWNLOAD_BASE = "https://storage.googleapis.com/shopify-bulk-stand-in/";
const PAGE = 250;
const PAGE_INFO = (parse("{ pageInfo { hasNextPage endCursor } }").definitions[0] as OperationDefinitionNode).selectionSet.selections[0] as FieldNode;

export function bulkOperationView(record: BulkOperationRecord): View {
  return {
    __typename: "BulkOperation",
    id: record.id,
    status: record.status,
    errorCode: record.errorCode,
    objectCount: String(record.objectCount),
    rootObjectCount: String(record.jsonl ? record.jsonl.split("\n").filter((line) => line && !line.includes('"__parentId"')).length : 0),
    fileSize: record.status === "COMPLETED" ? String(Buffer.byteLength(record.jsonl)) : null,
    url: record.status === "COMPLETED" ? record.url : null,
    partialDataUrl: null,
    query: record.query,
    type: "QUERY",
    createdAt: record.createdAt,
    completedAt: record.completedAt,
  };
}

/** A status read: RUNNING the first time, COMPLETED (with its file) from then on. */
function observe(record: BulkOperationRecord, now: Date): BulkOperationRecord {
  record.polls += 1;
  if (record.status === "RUNNING" && record.polls >= 2) {
    record.status = "COMPLETED";
    record.completedAt = isoSeconds(now);
    record.url = `${BULK_DOWNLOAD_BASE}${encodeURIComponent(record.id)}.jsonl`;
  }
  return record;
}

export function bulkOperationNodeById(shop: ShopState, id: string, now: Date): View | null {
  const record = shop.bulkOperations.get(id);
  return record ? bulkOperationView(observe(record, now)) : null;
}

export function bulkQueryFields(shop: ShopState) {
  return {
    currentBulkOperation: (_args: unknown, context: RequestContext) => {
      const latest = [...shop.bulkOperations.values()].at(-1);
      return latest ? bulkOperationView(observe(latest, context.now())) : null;
    },
  };
}

/** Every connection field gets `first: 250` (bulk queries give none); the root connection also its page cursor. */
function pagedDocument(document: DocumentNode, after: string | null): DocumentNode {
  const schema = loadAdminSchema();
  const typeInfo = new TypeInfo(schema);
  let depth = 0;
  return visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node: FieldNode) {
          depth += 1;
          const type = getNamedType(typeInfo.getType());
          if (!type?.name.endsWith("Connection")) return undefined;
          const has = (name: string) => node.arguments?.some((argument) => argument.name.value === name);
          const args: ArgumentNode[] = [...(node.arguments ?? [])];
          if (!has("first") && !has("last")) args.push({ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: "first" }, value: { kind: Kind.INT, value: String(PAGE) } });
          const root = depth === 1;
          if (root && after) args.push({ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: "after" }, value: { kind: Kind.STRING, value: after } });
          const selections = [...(node.selectionSet?.selections ?? [])];
          if (root) selections.push(PAGE_INFO);
          return { ...node, arguments: args, selectionSet: node.selectionSet ? { ...node.selectionSet, selections } : node.selectionSet };
        },
        leave() {
          depth -= 1;
        },
      },
    }),
  );
}

type Json = Record<string, unknown>;

function isConnection(value: unknown): value is { edges?: Array<{ node: Json }>; nodes?: Json[] } {
  return typeof value === "object" && value !== null && ("edges" in value || "nodes" in value);
}

/** Shopify's JSONL: a node per line; its nested connections' nodes follow on their own lines with `__parentId`. */
function flatten(node: Json, parentId: string | null, lines: string[]): void {
  const own: Json = {};
  const children: Json[][] = [];
  for (const [key, value] of Object.entries(node)) {
    if (isConnection(value)) children.push(value.edges ? value.edges.map((edge) => edge.node) : (value.nodes ?? []));
    else own[key] = value;
  }
  if (parentId !== null) own.__parentId = parentId;
  lines.push(JSON.stringify(own));
  for (const list of children) for (const child of list) flatten(child, typeof node.id === "string" ? node.id : null, lines);
}

async function runBulkQuery(shop: ShopState, document: DocumentNode, context: RequestContext): Promise<{ lines: string[]; errors: string[] }> {
  const schema = loadAdminSchema();
  const lines: string[] = [];
  for (let after: string | null = null, pages = 0; pages < 1000; pages += 1) {
    const result = await execute({ schema, document: pagedDocument(document, after), rootValue: queryRoot(shop), contextValue: { ...context, actualCost: 0 }, fieldResolver });
    if (result.errors?.length) return { lines, errors: result.errors.map((error) => error.message) };
    const root = Object.values(result.data ?? {})[0];
    if (!isConnection(root)) return { lines, errors: ["a bulk query must select a connection at its root"] };
    const nodes = root.edges ? root.edges.map((edge) => edge.node) : (root.nodes ?? []);
    for (const node of nodes) flatten(node, null, lines);
    const pageInfo = (root as { pageInfo?: { hasNextPage: boolean; endCursor: string | null } }).pageInfo;
    if (!pageInfo?.hasNextPage || !pageInfo.endCursor) break;
    after = pageInfo.endCursor;
  }
  return { lines, errors: [] };
}

export function bulkMutationFields(shop: ShopState) {
  const payload = (record: BulkOperationRecord | null, userErrors: Array<{ field: string[] | null; message: string; code: string | null }>) => ({
    __typename: "BulkOperationRunQueryPayload",
    bulkOperation: record ? bulkOperationView(record) : null,
    userErrors: userErrors.map((error) => ({ __typename: "BulkOperationUserError", ...error })),
  });
  return {
    bulkOperationRunQuery: async ({ query }: { query: string }, context: RequestContext) => {
      const running = [...shop.bulkOperations.values()].find((record) => record.status === "RUNNING" || record.status === "CREATED");
      if (running) return payload(null, [{ field: null, message: `A bulk query operation for this app and shop is already in progress: ${running.id}.`, code: "OPERATION_IN_PROGRESS" }]);
      let document: DocumentNode;
      try {
        document = parse(query);
      } catch (error) {
        return payload(null, [{ field: ["query"], message: `Invalid bulk query: ${(error as Error).message}`, code: "INVALID" }]);
      }
      const invalid = validate(loadAdminSchema(), document);
      if (invalid.length > 0) return payload(null, [{ field: ["query"], message: `Invalid bulk query: ${invalid.map((error) => error.message).join("; ")}`, code: "INVALID" }]);
      const { lines, errors } = await runBulkQuery(shop, document, context);
      const record: BulkOperationRecord = {
        id: toGid("BulkOperation", shop.ids.take()),
        query,
        status: errors.length > 0 ? "FAILED" : "RUNNING",
        errorCode: errors.length > 0 ? "INTERNAL_SERVER_ERROR" : null,
        objectCount: lines.length,
        jsonl: lines.length > 0 ? `${lines.join("\n")}\n` : "",
        url: null,
        createdAt: isoSeconds(context.now()),
        completedAt: null,
        polls: 0,
      };
      shop.bulkOperations.set(record.id, record);
      return payload(record, []);
    },
  };
}

/** The JSONL of a completed operation, by its download URL; null when there is none. */
export function bulkDownload(shops: Iterable<ShopState>, url: string): string | null {
  if (!url.startsWith(BULK_DOWNLOAD_BASE)) return null;
  const id = decodeURIComponent(url.slice(BULK_DOWNLOAD_BASE.length).replace(/\.jsonl(\?.*)?$/, ""));
  for (const shop of shops) {
    const record = shop.bulkOperations.get(id);
    if (record?.status === "COMPLETED") return record.jsonl;
  }
  return null;
}
