// Shopify's calculated query cost (https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits), so the app
// sees the same `extensions.cost` it gets in production and meets the same limits: a single query may not cost more
// than 1000 points, and each app/shop pair has a leaky bucket (standard plan: 2000 points, refilled at 100/s).
//
// The documented rules, applied here: scalars and enums cost 0, objects 1, a connection 2 plus `first`/`last` times
// the cost of one node, a mutation 10; interfaces and unions cost the most expensive of their selections. The
// requested cost is computed from the operation before it runs; the actual cost is counted while it runs, from what
// was really returned (fewer nodes than requested cost less). Shopify's per-field overrides are not published, so
// costs here are the documented defaults: close to Shopify's, not guaranteed equal.
import {
  getArgumentValues,
  getNamedType,
  isAbstractType,
  isLeafType,
  isObjectType,
  isInterfaceType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import type { ThrottleBucket } from "./state";

export const SINGLE_QUERY_MAX_COST = 1000;
export const MAXIMUM_AVAILABLE = 2000;
export const RESTORE_RATE = 100;
const MUTATION_COST = 10;
const CONNECTION_COST = 2;

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface QueryCost {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

function isConnection(type: GraphQLNamedType): boolean {
  return type.name.endsWith("Connection");
}

function isConnectionWrapper(type: GraphQLNamedType): boolean {
  return type.name.endsWith("Edge") || type.name === "PageInfo";
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

/** Cost of one node of a connection: the `node`/`nodes` selections, each object counted once. */
function connectionNodeCost(walk: Walk, selectionSet: SelectionSetNode, connectionType: GraphQLCompositeType): number {
  let cost = 0;
  forEachField(walk, selectionSet, connectionType, (field, fieldType) => {
    const named = getNamedType(fieldType);
    if (field.name.value === "nodes" && field.selectionSet) cost += 1 + selectionCost(walk, field.selectionSet, named as GraphQLCompositeType);
    if (field.name.value === "edges" && field.selectionSet) {
      forEachField(walk, field.selectionSet, named as GraphQLCompositeType, (edgeField, edgeFieldType) => {
        if (edgeField.name.value === "node" && edgeField.selectionSet) {
          cost += 1 + selectionCost(walk, edgeField.selectionSet, getNamedType(edgeFieldType) as GraphQLCompositeType);
        }
      });
    }
  });
  return cost;
}

type FieldVisitor = (field: FieldNode, fieldType: GraphQLOutputType, typeCondition: GraphQLCompositeType) => void;

/** Visits the fields of a selection set, descending into fragments; `typeCondition` says which type they apply to. */
function forEachField(walk: Walk, selectionSet: SelectionSetNode, parent: GraphQLCompositeType, visit: FieldVisitor): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith("__")) continue;
      if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
      const definition = parent.getFields()[selection.name.value];
      if (definition) visit(selection, definition.type, parent);
      continue;
    }
    const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : walk.fragments[selection.name.value];
    if (!fragment) continue;
    const conditionName = fragment.typeCondition?.name.value;
    const condition = (conditionName ? walk.schema.getType(conditionName) : parent) as GraphQLCompositeType | undefined;
    if (!condition) continue;
    forEachField(walk, fragment.selectionSet, condition, (field, type) => visit(field, type, condition));
  }
}

/**
 * Cost of a selection set. Selections that apply to every possible type add up; for an abstract parent, selections
 * made only on one concrete type are grouped per type and the most expensive group counts.
 */
function selectionCost(walk: Walk, selectionSet: SelectionSetNode, parent: GraphQLCompositeType): number {
  let shared = 0;
  const perType = new Map<string, number>();
  forEachField(walk, selectionSet, parent, (field, fieldType, condition) => {
    const cost = fieldCost(walk, field, fieldType, condition);
    if (condition === parent || !isAbstractType(parent)) shared += cost;
    else perType.set(condition.name, (perType.get(condition.name) ?? 0) + cost);
  });
  return shared + Math.max(0, ...perType.values());
}

function fieldCost(
  walk: Walk,
  field: FieldNode,
  fieldType: GraphQLOutputType,
  parent: GraphQLCompositeType,
): number {
  const named = getNamedType(fieldType);
  if (isLeafType(named)) return 0;
  const composite = named as GraphQLCompositeType;
  if (isConnection(named) && field.selectionSet && (isObjectType(parent) || isInterfaceType(parent))) {
    const definition = parent.getFields()[field.name.value];
    let size = 0;
    if (definition) {
      try {
        const args = getArgumentValues(definition, field, walk.variables);
        size = Number(args.first ?? args.last ?? 0) || 0;
      } catch {
        size = 0; // invalid variables are reported by execution, not here
      }
    }
    return CONNECTION_COST + size * connectionNodeCost(walk, field.selectionSet, composite);
  }
  return 1 + (field.selectionSet ? selectionCost(walk, field.selectionSet, composite) : 0);
}

export function requestedQueryCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): number {
  const walk: Walk = { schema, fragments, variables };
  const root = operation.operation === "mutation" ? schema.getMutationType() : schema.getQueryType();
  if (!root) return 0;
  let cost = 0;
  forEachField(walk, operation.selectionSet, root, (field, fieldType, parent) => {
    cost += operation.operation === "mutation"
      ? MUTATION_COST + (field.selectionSet ? selectionCost(walk, field.selectionSet, getNamedType(fieldType) as GraphQLCompositeType) : 0)
      : fieldCost(walk, field, fieldType, parent);
  });
  return cost;
}

/** What one resolved field adds to the actual cost, by the same rules as the requested cost. */
export function actualFieldCost(info: GraphQLResolveInfo, result: unknown): number {
  if (info.parentType === info.schema.getMutationType()) return MUTATION_COST;
  const named = getNamedType(info.returnType);
  if (isLeafType(named) || isConnectionWrapper(named)) return 0;
  if (result === null || result === undefined) return 0;
  if (isConnection(named)) return CONNECTION_COST;
  if (Array.isArray(result)) return result.filter((item) => item !== null && item !== undefined).length;
  return 1;
}

/** Refills the bucket for the time elapsed since it was last touched. */
export function refill(bucket: ThrottleBucket, nowMs: number): void {
  const elapsedSeconds = Math.max(0, nowMs - bucket.updatedAtMs) / 1000;
  bucket.available = Math.min(MAXIMUM_AVAILABLE, bucket.available + elapsedSeconds * RESTORE_RATE);
  bucket.updatedAtMs = nowMs;
}

export function throttleStatus(bucket: ThrottleBucket): ThrottleStatus {
  return {
    maximumAvailable: MAXIMUM_AVAILABLE,
    currentlyAvailable: Math.floor(bucket.available),
    restoreRate: RESTORE_RATE,
  };
}
