// Forms in this admin follow one pattern: edits are local until the merchant presses Save in App Bridge's
// contextual save bar (shown while the form differs from what is saved); Discard puts the saved values back.
// Errors from the server are shown on their fields, in red, and stay until that field is edited.
import { useCallback, useEffect, useRef, useState } from "react";
import { SaveBar } from "@shopify/app-bridge-react";
import { useAdminTranslation } from "../i18n/admin-messages";
import type { FieldIssue } from "../admin/issues";

export type { FieldIssue } from "../admin/issues";

export function FormSaveBar({ id, open, saving, onSave, onDiscard }: { id: string; open: boolean; saving: boolean; onSave: () => void; onDiscard: () => void }) {
  const t = useAdminTranslation();
  return (
    <SaveBar id={id} open={open}>
      <button variant="primary" onClick={onSave} disabled={saving} {...(saving ? { loading: "" } : {})}>
        {t("admin.form.save")}
      </button>
      <button onClick={onDiscard} disabled={saving}>
        {t("admin.form.discard")}
      </button>
    </SaveBar>
  );
}

/**
 * Local form values over `saved`. When `saved` changes (the page reloaded its data after a save), the form starts
 * again from it. `issues` are the server's field errors; editing a field clears its own.
 */
export function useFormState<T extends Record<string, string>, F extends string = Extract<keyof T, string>>(saved: T) {
  const [values, setValues] = useState<T>(saved);
  const [issues, setIssues] = useState<FieldIssue<F>[]>([]);
  const savedKey = JSON.stringify(saved);
  const lastSaved = useRef(savedKey);
  useEffect(() => {
    if (lastSaved.current === savedKey) return;
    lastSaved.current = savedKey;
    setValues(JSON.parse(savedKey) as T);
    setIssues([]);
  }, [savedKey]);

  const dirty = (Object.keys(saved) as Array<keyof T>).some((key) => values[key] !== saved[key]);
  const set = useCallback((field: keyof T & string, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setIssues((current) => current.filter((issue) => issue.field !== (field as string)));
  }, []);
  const reset = useCallback(() => {
    setValues(JSON.parse(savedKey) as T);
    setIssues([]);
  }, [savedKey]);
  const issueFor = (field: F) => issues.find((issue) => issue.field === field);
  return { values, set, setValues, dirty, reset, issues, setIssues, issueFor };
}
