// The shape every admin form error takes, on the server (an action's answer) and in the browser (shown on its
// field): which field, and a code the page turns into a text in the admin's language.
// `values` fill the text's placeholders (the line of a CSV file, say).
export type FieldIssue<F extends string = string> = { field: F; code: string; values?: Record<string, string | number> };

/** An action's refusal: nothing was written, and these are why. */
export type Refused<F extends string = string> = { ok: false; issues: FieldIssue<F>[] };
