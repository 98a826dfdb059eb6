// Table cells: dates on one line, reasons (free text) wrapping instead of widening the table.
import type { ReactNode } from "react";

export function NoWrap({ children }: { children: ReactNode }) {
  return <span style={{ whiteSpace: "nowrap" }}>{children}</span>;
}

export function Wrap({ children, testId }: { children: ReactNode; testId: string }) {
  return (
    <div style={{ whiteSpace: "normal", minWidth: "12rem", maxWidth: "28rem", overflowWrap: "anywhere" }} data-testid={testId}>
      {children}
    </div>
  );
}
