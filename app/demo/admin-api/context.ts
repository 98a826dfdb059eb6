// What every resolver of one request can see: the shop being called, the clock, and the per-request bookkeeping
// (actual cost, fields the stand-in does not implement, search warnings) that ends up in the response and the log.
import type { ShopState } from "./state";

export interface SearchWarning {
  path: readonly (string | number)[];
  query: string;
  warnings: Array<{ field: string; message: string }>;
}

export interface RequestContext {
  shop: ShopState;
  now(): Date;
  /** Numeric id of the calling app; Shopify turns the `$app` namespace into `app--{id}`. */
  appId: string;
  actualCost: number;
  unimplemented: Set<string>;
  searchWarnings: SearchWarning[];
}

/** A field of a view: a plain value, or a function of the field's arguments. */
export type Resolvable = unknown;
export type View = { __typename: string } & Record<string, Resolvable>;
export type FieldFunction<Args = Record<string, unknown>> = (args: Args, context: RequestContext) => unknown;
