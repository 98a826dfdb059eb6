// One support action's fetcher: posts to the customer's support route (app.customers.$id_.support.tsx), shows a
// toast when it is done, and keeps the refusal's words until the next try.
import { useFetcher } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { useState } from "react";
import type { SupportActionResult } from "../app.customers.$id_.support";
import { useFetcherOutcome } from "../../admin/use-fetcher-outcome";
import { useAdminTranslation } from "../../i18n/admin-messages";

type Success = Extract<SupportActionResult, { ok: true }>;

export function useSupportAction(customerId: string, onDone: (result: Success) => string) {
  const fetcher = useFetcher<SupportActionResult>();
  const shopify = useAppBridge();
  const t = useAdminTranslation();
  const [error, setError] = useState<string | null>(null);

  useFetcherOutcome(fetcher, (result) => {
    if (result.ok) {
      setError(null);
      shopify.toast.show(onDone(result));
    } else {
      setError(t(`admin.support.error.${result.issues[0]?.code ?? "intent_invalid"}`));
    }
  });

  return {
    busy: fetcher.state !== "idle",
    error,
    submit(form: Record<string, string>) {
      setError(null);
      fetcher.submit(form, { method: "post", action: `/app/customers/${customerId}/support` });
    },
  };
}
