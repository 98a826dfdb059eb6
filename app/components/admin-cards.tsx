// The two card shapes of the admin pages, so each page says only what is in them: a titled card (heading, an optional
// help line, then the content) and a table card (heading row with an optional control, then a table to the card's
// edges, or a line saying there is nothing yet).
import type { ReactNode } from "react";
import { BlockStack, Box, Card, InlineStack, Text } from "@shopify/polaris";

type Gap = "200" | "300" | "400";

function Heading({ title, help }: { title: string; help?: string }) {
  if (!help) {
    return (
      <Text as="h2" variant="headingMd">
        {title}
      </Text>
    );
  }
  return (
    <BlockStack gap="100">
      <Text as="h2" variant="headingMd">
        {title}
      </Text>
      <Text as="p" tone="subdued">
        {help}
      </Text>
    </BlockStack>
  );
}

export function TitledCard({ title, help, gap = "200", children }: { title: string; help?: string; gap?: Gap; children: ReactNode }) {
  return (
    <Card>
      <BlockStack gap={gap}>
        <Heading title={title} help={help} />
        {children}
      </BlockStack>
    </Card>
  );
}

export function TableCard({
  title,
  help,
  control,
  emptyText,
  children,
}: {
  title: string;
  help?: string;
  control?: ReactNode;
  /** Shown instead of the table when there are no rows (children null). */
  emptyText: string;
  children: ReactNode | null;
}) {
  return (
    <Card padding="0">
      <Box padding="400">
        <InlineStack align="space-between" blockAlign="center">
          <Heading title={title} help={help} />
          {control}
        </InlineStack>
      </Box>
      {children ?? (
        <Box padding="400" paddingBlockStart="0">
          <Text as="p" tone="subdued">
            {emptyText}
          </Text>
        </Box>
      )}
    </Card>
  );
}
