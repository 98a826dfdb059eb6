// A subset of Shopify's search syntax (https://shopify.dev/docs/api/usage/search-syntax) for `query:` arguments:
// terms are ANDed (explicit AND allowed), OR splits alternatives, `-term`/NOT negates, `field:value` with optional
// comparators (>, >=, <, <=), quoted values and a trailing `*` prefix wildcard; a bare word searches the resource's
// default fields. Like Shopify, a filter on a field the resource does not support is ignored and reported as a
// search warning in the response's `extensions.search`.

export type Comparator = ":" | ">" | ">=" | "<" | "<=";

export interface Term {
  field: string | null;
  comparator: Comparator;
  value: string;
  negated: boolean;
}

/** Returns whether the item matches the term, or `undefined` when the field is not searchable on this resource. */
export type FieldMatcher<T> = (item: T, term: Term) => boolean | undefined;

function tokenize(query: string): string[] {
  const tokens: string[] = [];
  const pattern = /(-?[\w.]+:(?:>=|<=|>|<)?(?:"[^"]*"|'[^']*'|\S+))|("[^"]*"|'[^']*')|(\S+)/g;
  for (const match of query.matchAll(pattern)) tokens.push(match[0]);
  return tokens;
}

function unquote(value: string): string {
  return /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
}

export function parseSearch(query: string): Term[][] {
  const groups: Term[][] = [[]];
  let negateNext = false;
  for (const token of tokenize(query)) {
    if (token === "AND") continue;
    if (token === "OR") {
      groups.push([]);
      continue;
    }
    if (token === "NOT") {
      negateNext = true;
      continue;
    }
    let text = token;
    let negated = negateNext;
    negateNext = false;
    if (text.startsWith("-") && text.length > 1) {
      negated = !negated;
      text = text.slice(1);
    }
    const fieldMatch = /^([\w.]+):(>=|<=|>|<)?(.*)$/.exec(text);
    const term: Term = fieldMatch
      ? {
          field: fieldMatch[1]!.toLowerCase(),
          comparator: (fieldMatch[2] as Comparator | undefined) ?? ":",
          value: unquote(fieldMatch[3]!),
          negated,
        }
      : { field: null, comparator: ":", value: unquote(text), negated };
    groups[groups.length - 1]!.push(term);
  }
  return groups.filter((group) => group.length > 0);
}

/** Case-insensitive text match with Shopify's `*` prefix wildcard. */
export function textMatches(actual: string | null | undefined, expected: string): boolean {
  if (actual === null || actual === undefined) return false;
  const left = actual.toLowerCase();
  const right = expected.toLowerCase();
  return right.endsWith("*") ? left.startsWith(right.slice(0, -1)) : left === right;
}

/** Compares numbers, or ISO timestamps as instants, with the term's comparator. */
export function compareMatches(actual: string | number | null, term: Term): boolean {
  if (actual === null) return false;
  const numeric = typeof actual === "number" || /^-?\d+(\.\d+)?$/.test(actual);
  const left = numeric ? Number(actual) : Date.parse(actual);
  const right = numeric ? Number(term.value) : Date.parse(term.value);
  if (Number.isNaN(left) || Number.isNaN(right)) return false;
  switch (term.comparator) {
    case ":":
      return left === right;
    case ">":
      return left > right;
    case ">=":
      return left >= right;
    case "<":
      return left < right;
    case "<=":
      return left <= right;
  }
}

/**
 * Filters `items` by `query`. Unsupported fields are collected in `unsupported` (and the term is skipped), which
 * the caller reports as Shopify does.
 */
export function applySearch<T>(items: readonly T[], query: string | null | undefined, match: FieldMatcher<T>) {
  const unsupported = new Set<string>();
  if (!query || !query.trim()) return { items: [...items], unsupported: [] as string[] };
  const groups = parseSearch(query);
  const result = items.filter((item) =>
    groups.some((group) =>
      group.every((term) => {
        const matched = match(item, term);
        if (matched === undefined) {
          unsupported.add(term.field ?? "default");
          return true;
        }
        return term.negated ? !matched : matched;
      }),
    ),
  );
  return { items: result, unsupported: [...unsupported] };
}
