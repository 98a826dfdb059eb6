// Markup from an escaping tagged template: html`<p>${text}</p>` escapes every interpolated value unless it is
// itself html`…`, so API data (titles, codes, reasons) and merchant texts can never become markup. Markup as
// strings is much smaller than element-building calls, and Theme Check holds an app block's script to 10,000 bytes.

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

function show(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(show).join("");
  if (value === null || value === undefined || value === false) return "";
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  return new Html(strings.reduce((out, text, i) => out + text + (i < values.length ? show(values[i]) : ""), ""));
}

/** ` name="value"`, or nothing when the value is null/false: for optional attributes. */
export function attr(name: string, value: string | number | null | false | undefined): Html {
  return html`${value !== null && value !== undefined && value !== false ? html` ${new Html(name)}="${value}"` : ""}`;
}

const FOCUSABLE = "a[href],button,input,select,textarea,[tabindex]:not([tabindex='-1'])";

/** Elements Tab can reach inside `root`, in order (disabled and hidden ones excluded). */
export function focusables(root: ParentNode): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0,
  );
}
