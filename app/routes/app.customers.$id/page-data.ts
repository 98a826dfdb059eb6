import type { useLoaderData } from "@remix-run/react";
import type { loader } from "./route";

/** What the customer page's loader sends, as the components receive it. */
export type CustomerPageData = ReturnType<typeof useLoaderData<typeof loader>>;
