// Admin: the point of sale. Who may use the program's POS extension (app/rules/pos-access.ts): which Shopify users
// and locations (empty: all), and whether staff may enrol new customers. What staff did is on each customer's page.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { BlockStack, Button, Card, Checkbox, FormLayout, InlineStack, Layout, Page, TextField } from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { sqlDb } from "../db.server";
import { badRequest, readForm, requireAdmin } from "../admin/route-kit.server";
import { useFetcherOutcome } from "../admin/use-fetcher-outcome";
import { useAdminTranslation } from "../i18n/admin-messages";
import { getPosAccess, savePosAccess } from "../persistence/pos";
import { MAX_POS_IDS, parsePosAccessForm } from "../rules/pos-access";

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const access = await getPosAccess(sqlDb, shop);
  return { staffUserIds: access.staffUserIds.join(", "), locationIds: access.locationIds.join(", "), allowEnrol: access.allowEnrol };
}

type Issue = { field: "staffUserIds" | "locationIds"; code: "invalid_id" | "too_many"; values: Record<string, string | number> };
export type PosActionResult = { ok: true } | { ok: false; issues: Issue[] };

export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const form = await readForm(request, ["staffUserIds", "locationIds", "allowEnrol"]);
  const parsed = parsePosAccessForm({ staffUserIds: form.staffUserIds, locationIds: form.locationIds, allowEnrol: form.allowEnrol === "true" });
  if (!parsed.ok) {
    return badRequest(
      Object.entries(parsed.errors).map(([field, value]): Issue => {
        const tooMany = value.startsWith(">");
        return { field: field as Issue["field"], code: tooMany ? "too_many" : "invalid_id", values: tooMany ? { max: MAX_POS_IDS } : { value } };
      }),
    );
  }
  await savePosAccess(sqlDb, shop, parsed.value);
  return { ok: true as const };
}

export default function PointOfSale() {
  const saved = useLoaderData<typeof loader>();
  const t = useAdminTranslation();
  const shopify = useAppBridge();
  const fetcher = useFetcher<PosActionResult>();
  const [values, setValues] = useState(saved);
  const [issues, setIssues] = useState<Issue[]>([]);
  useEffect(() => setValues(saved), [saved]);
  useFetcherOutcome(fetcher, (result) => {
    if (!result.ok) setIssues(result.issues);
    else shopify.toast.show(t("admin.pos.saved"));
  });
  const error = (field: Issue["field"]) => {
    const issue = issues.find((i) => i.field === field);
    return issue ? t(`admin.pos.error.${issue.code}`, issue.values) : undefined;
  };
  const change = (next: Partial<typeof values>) => {
    setValues({ ...values, ...next });
    setIssues([]);
  };
  return (
    <Page>
      <TitleBar title={t("admin.pos.title")} />
      <Layout>
        <Layout.AnnotatedSection title={t("admin.pos.accessHeading")} description={t("admin.pos.accessDescription")}>
          <Card>
            <BlockStack gap="400">
              <FormLayout>
                <TextField label={t("admin.pos.staffUserIds")} value={values.staffUserIds} onChange={(staffUserIds) => change({ staffUserIds })} multiline={2} autoComplete="off" helpText={t("admin.pos.staffHelp")} error={error("staffUserIds")} />
                <TextField label={t("admin.pos.locationIds")} value={values.locationIds} onChange={(locationIds) => change({ locationIds })} multiline={2} autoComplete="off" helpText={t("admin.pos.locationHelp")} error={error("locationIds")} />
                <Checkbox label={t("admin.pos.allowEnrol")} checked={values.allowEnrol} onChange={(allowEnrol) => change({ allowEnrol })} />
              </FormLayout>
              <InlineStack>
                <Button
                  variant="primary"
                  loading={fetcher.state !== "idle"}
                  onClick={() => fetcher.submit({ staffUserIds: values.staffUserIds, locationIds: values.locationIds, allowEnrol: String(values.allowEnrol) }, { method: "post" })}
                >
                  {t("admin.pos.save")}
                </Button>
              </InlineStack>
            </BlockStack>
          </Card>
        </Layout.AnnotatedSection>
      </Layout>
    </Page>
  );
}
