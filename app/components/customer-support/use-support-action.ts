// One support action's fetcher: posts to the customer's support route, shows a toast when it is done and keeps the
// refusal (its translated words) until the next try.
import { useFetcher } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { useEffect, useState } from "react";
import type { SupportActionResult } from "../../routes/app.customers.$id_.support";
import { useAdminTranslation } from "../../i18n/admin-messages";

type Success = Extract<SupportActionResult, { ok: true }>;

export function useSupportAction(customerId: string, onDone: (result: Success) => string) {
  const fetcher = useFetcher<SupportActionResult>();
  const shopify = useAppBridge();
  const t = useAdminTranslation();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const result = fetcher.data;
    if (!result || fetcher.state !== "idle") return;
    if (result.ok) {
      setError(null);
      shopify.toast.show(onDone(result));
    } else {
      setError(t(`admin.support.error.${result.error}`));
    }
    // Only a new answer from the server matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fetcher.data, fetcher.state]);

  return {
    busy: fetcher.state !== "idle",
    error,
    submit(form: Record<string, string>) {
      setError(null);
      fetcher.submit(form, { method: "post", action: `/app/customers/${customerId}/support` });
    },
  };
}
