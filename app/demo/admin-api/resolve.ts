// The one field resolver graphql-js uses for every field of the real schema. Objects handed to graphql-js are
// "views": plain objects whose properties are values or functions of the field's arguments, with `__typename` set
// so unions and interfaces resolve (graphql-js's default type resolver reads it).
//
// A field a view does not define is a field the stand-in does not implement. It must never look like success:
// a nullable query field resolves to null and is reported (request log + response header); a non-null field or a
// mutation fails with a GraphQL error that names it.
import { GraphQLError, isNonNullType, type GraphQLFieldResolver } from "graphql";
import type { RequestContext } from "./context";
import { actualFieldCost } from "./cost";

export class NotImplementedError extends GraphQLError {
  constructor(coordinate: string) {
    super(`${coordinate} is not implemented in the Admin API stand-in`, {
      extensions: { code: "NOT_IMPLEMENTED_IN_STAND_IN" },
    });
  }
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as Promise<unknown> | null)?.then === "function";
}

export const fieldResolver: GraphQLFieldResolver<unknown, RequestContext> = (source, args, context, info) => {
  const coordinate = `${info.parentType.name}.${info.fieldName}`;
  const hasField =
    source !== null && typeof source === "object" && Object.prototype.hasOwnProperty.call(source, info.fieldName);
  if (!hasField) {
    context.unimplemented.add(coordinate);
    if (info.parentType === info.schema.getMutationType() || isNonNullType(info.returnType)) {
      throw new NotImplementedError(coordinate);
    }
    return null;
  }
  const property = (source as Record<string, unknown>)[info.fieldName];
  const result = typeof property === "function" ? (property as (...a: unknown[]) => unknown)(args, context, info) : property;
  if (isPromise(result)) {
    return result.then((value) => {
      context.actualCost += actualFieldCost(info, value);
      return value;
    });
  }
  context.actualCost += actualFieldCost(info, result);
  return result;
};
