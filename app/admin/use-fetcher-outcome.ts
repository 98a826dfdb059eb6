// Admin pages submit forms with a fetcher and react once to each answer (toast, field errors, navigate). The hook
// runs `onOutcome` when a new answer has arrived and the fetcher is idle again (after Remix reloaded the page's
// data), with the latest render's callback, so pages need no effect of their own.
import { useEffect, useRef } from "react";

type FetcherLike<T> = { state: "idle" | "loading" | "submitting"; data: T | undefined };

export function useFetcherOutcome<T>(fetcher: FetcherLike<T>, onOutcome: (outcome: T) => void): void {
  const latest = useRef(onOutcome);
  const handled = useRef<T | undefined>(undefined);
  useEffect(() => {
    latest.current = onOutcome;
  });
  useEffect(() => {
    if (fetcher.state !== "idle" || fetcher.data === undefined || fetcher.data === handled.current) return;
    handled.current = fetcher.data;
    latest.current(fetcher.data);
  }, [fetcher.state, fetcher.data]);
}
