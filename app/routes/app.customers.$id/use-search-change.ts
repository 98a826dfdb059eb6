// The page's tables page and filter through the URL (?filter=&before=&auditBefore=), so a reload or a shared link
// shows the same rows. `change` sets or (null) removes parameters and keeps the rest.
import { useNavigate, useSearchParams } from "@remix-run/react";

export function useSearchChange() {
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  function goTo(change: Record<string, string | null>) {
    const params = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(change)) {
      if (value === null) params.delete(key);
      else params.set(key, value);
    }
    navigate(`?${params}`, { preventScrollReset: true });
  }
  return { searchParams, goTo };
}
