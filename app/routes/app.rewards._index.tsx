import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigate } from "@remix-run/react";
import { useRef, useState } from "react";
import { Badge, BlockStack, Button, ButtonGroup, Card, Checkbox, EmptyState, IndexTable, InlineStack, Link, Page, Text } from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import db, { sqlDb } from "../db.server";
import { readForm, refused, requireAdmin } from "../admin/route-kit.server";
import { useFetcherOutcome } from "../admin/use-fetcher-outcome";
import { shopCurrency } from "../persistence/shops";
import { parseRowId } from "../db/row-id";
import type { Refused } from "../admin/issues";
import { listRewards, setRewardArchived, setRewardEnabled } from "../persistence/reward-catalog";
import { reorderRewards } from "../persistence/reward-order";
import { useAdminTranslation } from "../i18n/admin-messages";
import { useAdminLocale } from "../components/admin-format";
import { rewardCostText, rewardValueText } from "../components/reward-summary";
import { loadTierProgram } from "../persistence/tier-program";

// GET /app/rewards ?archived=1 lists the archived rewards instead of the others.
export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const archived = new URL(request.url).searchParams.get("archived") === "1";
  const [rewards, currency, program] = await Promise.all([listRewards(db, shop, { archived }), shopCurrency(sqlDb, shop), loadTierProgram(sqlDb, shop)]);
  return {
    rewards: rewards.map(({ shop: _shop, ...reward }) => reward),
    currency,
    archived,
    // For "Gold and above" beside a tier-limited reward.
    tiers: (program?.rules.tiers ?? []).map((tier) => ({ id: tier.id, names: tier.names })),
  };
}

type RewardsField = "intent" | "id" | "ids";
export type RewardsActionResult = { ok: true } | Refused<RewardsField>;

// POST intent=enable|disable|archive|restore&id=…  or  intent=reorder&ids=3,1,2 (every reward of the shop that is not
// archived, in the new order).
export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const form = await readForm(request, ["intent", "id", "ids"]);
  if (form.intent === "archive" || form.intent === "restore") {
    const id = parseRowId(form.id);
    if (id === null) return refused<RewardsField>("id", "invalid_request");
    const changed = await setRewardArchived(db, shop, id, form.intent === "archive");
    return changed ? { ok: true as const } : refused<RewardsField>("id", "not_found", 404);
  }
  if (form.intent === "enable" || form.intent === "disable") {
    const id = parseRowId(form.id);
    if (id === null) return refused<RewardsField>("id", "invalid_request");
    const changed = await setRewardEnabled(db, shop, id, form.intent === "enable");
    return changed ? { ok: true as const } : refused<RewardsField>("id", "not_found", 404);
  }
  if (form.intent === "reorder") {
    const ids = form.ids.split(",").map(parseRowId);
    if (!ids.every((id): id is number => id !== null)) return refused<RewardsField>("ids", "invalid_request");
    const reordered = await reorderRewards(db, shop, ids);
    return reordered ? { ok: true as const } : refused<RewardsField>("ids", "stale_order", 409);
  }
  return refused<RewardsField>("intent", "invalid_request");
}

export default function Rewards() {
  const { rewards, currency, archived, tiers } = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  const shopify = useAppBridge();
  const fetcher = useFetcher<RewardsActionResult>();
  const language = locale.split("-")[0] ?? "en";
  const minTier = (id: number | null) => {
    const tier = id === null ? undefined : tiers.find((candidate) => candidate.id === String(id));
    return tier ? ((tier.names as Record<string, string | undefined>)[language] ?? tier.names.en) : null;
  };
  // Show the new order at once; the server's answer (and the reload after it) confirms it.
  const [order, setOrder] = useState<number[] | null>(null);
  const shown = order ? order.map((id) => rewards.find((reward) => reward.id === id)!).filter(Boolean) : rewards;

  useFetcherOutcome(fetcher, (result) => {
    setOrder(null);
    if (!result.ok)
      shopify.toast.show(t(`admin.rewards.error.${result.issues[0]?.code}`), {
        isError: true,
      });
    else if (submitted.current === "archive") shopify.toast.show(t("admin.rewards.archivedToast"));
    else if (submitted.current === "restore") shopify.toast.show(t("admin.rewards.restoredToast"));
  });
  // The intent of the last submission, for the toast its answer shows.
  const submitted = useRef<string | null>(null);
  function submit(intent: string, fields: Record<string, string>) {
    submitted.current = intent;
    fetcher.submit({ intent, ...fields }, { method: "post" });
  }

  function move(index: number, by: -1 | 1) {
    const ids = shown.map((reward) => reward.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + by, 0, moved!);
    setOrder(ids);
    submit("reorder", { ids: ids.join(",") });
  }

  const busy = fetcher.state !== "idle";

  return (
    <Page
      primaryAction={{
        content: t("admin.rewards.create"),
        url: "/app/rewards/new",
      }}
    >
      <TitleBar title={t("admin.rewards.title")} />
      <BlockStack gap="400">
        <Text as="p" tone="subdued">
          {t("admin.rewards.help")}
        </Text>
        <Checkbox
          label={t("admin.rewards.showArchived")}
          helpText={t("admin.rewards.archiveHelp")}
          checked={archived}
          onChange={(checked) => navigate(checked ? "?archived=1" : "?")}
        />
        <Card padding="0">
          <IndexTable
            resourceName={{
              singular: t("admin.rewards.resourceSingular"),
              plural: t("admin.rewards.resourcePlural"),
            }}
            itemCount={shown.length}
            selectable={false}
            headings={[
              { title: t("admin.rewards.column.reward") },
              { title: t("admin.rewards.column.gives") },
              { title: t("admin.rewards.column.cost") },
              { title: t("admin.rewards.column.status") },
              { title: t("admin.rewards.column.actions"), alignment: "end" },
            ]}
            emptyState={
              archived ? (
                <EmptyState heading={t("admin.rewards.archivedEmpty")} image="" />
              ) : (
                <EmptyState
                  heading={t("admin.rewards.emptyHeading")}
                  action={{
                    content: t("admin.rewards.create"),
                    url: "/app/rewards/new",
                  }}
                  image=""
                >
                  <p>{t("admin.rewards.emptyBody")}</p>
                </EmptyState>
              )
            }
          >
            {shown.map((reward, index) => (
              <IndexTable.Row id={String(reward.id)} key={reward.id} position={index}>
                <IndexTable.Cell>
                  <BlockStack gap="050">
                    <Link url={`/app/rewards/${reward.id}`} removeUnderline monochrome>
                      <Text as="span" fontWeight="semibold">
                        {reward.title}
                      </Text>
                    </Link>
                    <Text as="span" tone="subdued" variant="bodySm">
                      {t(`admin.rewards.type.${reward.type}`)}
                    </Text>
                    {minTier(reward.minTierId) !== null ? (
                      <InlineStack>
                        <Badge tone="info">{t("admin.reward.minTierAndAbove", { tier: minTier(reward.minTierId)! })}</Badge>
                      </InlineStack>
                    ) : null}
                  </BlockStack>
                </IndexTable.Cell>
                <IndexTable.Cell>{rewardValueText(reward, currency, locale, t)}</IndexTable.Cell>
                <IndexTable.Cell>{rewardCostText(reward, locale, t)}</IndexTable.Cell>
                <IndexTable.Cell>
                  {archived ? (
                    <Badge>{t("admin.rewards.status.archived")}</Badge>
                  ) : (
                    <Badge tone={reward.enabled ? "success" : undefined}>
                      {reward.enabled ? t("admin.rewards.status.enabled") : t("admin.rewards.status.disabled")}
                    </Badge>
                  )}
                </IndexTable.Cell>
                <IndexTable.Cell>
                  {/* The row itself is not a link; keep clicks on these buttons to the buttons. */}
                  <div onClick={(event) => event.stopPropagation()} role="presentation">
                    {archived ? (
                      <InlineStack align="end">
                        <Button
                          size="slim"
                          disabled={busy}
                          onClick={() => submit("restore", { id: String(reward.id) })}
                          accessibilityLabel={t("admin.rewards.restoreLabel", {
                            title: reward.title,
                          })}
                        >
                          {t("admin.rewards.restore")}
                        </Button>
                      </InlineStack>
                    ) : (
                      <InlineStack align="end" gap="200" wrap={false}>
                        <ButtonGroup variant="segmented">
                          <Button
                            size="slim"
                            disabled={busy || index === 0}
                            onClick={() => move(index, -1)}
                            accessibilityLabel={t("admin.rewards.moveUpLabel", {
                              title: reward.title,
                            })}
                          >
                            {t("admin.rewards.moveUp")}
                          </Button>
                          <Button
                            size="slim"
                            disabled={busy || index === shown.length - 1}
                            onClick={() => move(index, 1)}
                            accessibilityLabel={t("admin.rewards.moveDownLabel", { title: reward.title })}
                          >
                            {t("admin.rewards.moveDown")}
                          </Button>
                        </ButtonGroup>
                        <Button
                          size="slim"
                          disabled={busy}
                          onClick={() =>
                            submit(reward.enabled ? "disable" : "enable", {
                              id: String(reward.id),
                            })
                          }
                          accessibilityLabel={t(reward.enabled ? "admin.rewards.disableLabel" : "admin.rewards.enableLabel", {
                            title: reward.title,
                          })}
                        >
                          {reward.enabled ? t("admin.rewards.disable") : t("admin.rewards.enable")}
                        </Button>
                        <Button
                          size="slim"
                          tone="critical"
                          variant="plain"
                          disabled={busy}
                          onClick={() => submit("archive", { id: String(reward.id) })}
                          accessibilityLabel={t("admin.rewards.archiveLabel", {
                            title: reward.title,
                          })}
                        >
                          {t("admin.rewards.archive")}
                        </Button>
                      </InlineStack>
                    )}
                  </div>
                </IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
        </Card>
      </BlockStack>
    </Page>
  );
}
