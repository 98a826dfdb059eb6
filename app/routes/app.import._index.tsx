import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  DropZone,
  InlineStack,
  Layout,
  List,
  Page,
  ProgressBar,
  Text,
} from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { sqlDb } from "../db.server";
import { refused, requireAdmin, requireStaff, type FieldIssue, type Refused } from "../admin/route-kit.server";
import { useFetcherOutcome } from "../admin/use-fetcher-outcome";
import { createImportJob, listImportJobs, type ImportFileProblem } from "../persistence/csv-import";
import { IMPORT_LIMITS } from "../rules/import-limits";
import { enqueueImportJob, resumeImportJobs } from "../jobs/import-job.server";
import { customerDirectoryForShop } from "../shopify/customer-lookup.server";
import { useAdminTranslation } from "../i18n/admin-messages";
import { formatDateTime, formatNumber, useAdminLocale } from "../components/admin-format";
import { downloadFromApp } from "../components/download";

const POLL_MS = 1000;

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  // A job of this shop left behind by a crash or restart continues as soon as someone looks.
  await resumeImportJobs(sqlDb, customerDirectoryForShop, new Date(), shop);
  const jobs = await listImportJobs(sqlDb, shop);
  return {
    jobs: jobs.map((job) => ({ ...job, createdAt: job.createdAt.toISOString(), finishedAt: job.finishedAt?.toISOString() ?? null })),
  };
}

type FileProblem = ImportFileProblem | "no_file" | "not_text";
export type ImportActionResult = { ok: true; jobId: number } | Refused<"file">;

/** The file was refused as a whole (nothing recorded); `line` is where a CSV problem is. */
function fail(code: FileProblem, status: number, line?: number) {
  return refused("file", code, status, line ? { line } : undefined);
}

// POST multipart/form-data with `file`: checks the CSV as a whole, records the job and starts it.
export async function action({ request }: ActionFunctionArgs) {
  const { shop, staffUserId } = await requireStaff(request);
  // The form's own overhead is small; refuse a body far over the limit before reading it.
  const length = Number(request.headers.get("Content-Length") ?? 0);
  if (length > IMPORT_LIMITS.maxBytes + 64 * 1024) return fail("too_large", 413);
  const form = await request.formData();
  const file = form.get("file");
  if (!file || typeof file === "string") return fail("no_file", 400);
  if (file.size > IMPORT_LIMITS.maxBytes) return fail("too_large", 413);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    return fail("not_text", 400);
  }
  const created = await createImportJob(sqlDb, { shop, staffUserId, fileName: file.name, text });
  if (!created.ok) return fail(created.code, 400, created.line);
  enqueueImportJob(sqlDb, shop, created.job.id, customerDirectoryForShop);
  return { ok: true as const, jobId: created.job.id };
}

const SAMPLE = "email,customer_id,points,note\r\nada.nowak@example.com,,1200,Balance from our old app\r\n,7002,350,\r\n";

const STATUS_TONE: Record<string, "info" | "success" | "critical" | "attention" | undefined> = {
  queued: "attention",
  running: "info",
  done: "success",
  failed: "critical",
};

export default function ImportExport() {
  const { jobs } = useLoaderData<typeof loader>();
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  const shopify = useAppBridge();
  const fetcher = useFetcher<ImportActionResult>();
  const revalidator = useRevalidator();
  const [file, setFile] = useState<File | null>(null);
  // An upload's error stays until another file is chosen.
  const [problem, setProblem] = useState<FieldIssue | null>(null);
  const active = jobs.some((job) => job.status === "queued" || job.status === "running");
  const uploading = fetcher.state !== "idle";

  useFetcherOutcome(fetcher, (result) => {
    if (result.ok) {
      setFile(null);
      shopify.toast.show(t("admin.import.started"));
    } else setProblem(result.issues[0] ?? null);
  });

  // Progress: reload the jobs every second while one is running.
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [active, revalidator]);

  function upload() {
    if (!file) return;
    const body = new FormData();
    body.set("file", file);
    fetcher.submit(body, { method: "post", encType: "multipart/form-data" });
  }

  return (
    <Page>
      <TitleBar title={t("admin.import.title")} />
      <Layout>
        <Layout.AnnotatedSection title={t("admin.import.heading")} description={t("admin.import.description")}>
          <Card>
            <BlockStack gap="300">
              <List>
                <List.Item>{t("admin.import.columnsCustomer")}</List.Item>
                <List.Item>{t("admin.import.columnsPoints")}</List.Item>
                <List.Item>{t("admin.import.columnsNote")}</List.Item>
                <List.Item>{t("admin.import.once")}</List.Item>
              </List>
              <InlineStack>
                <Button
                  variant="plain"
                  url={`data:text/csv;charset=utf-8,${encodeURIComponent(SAMPLE)}`}
                  download="loyalty-import-sample.csv"
                >
                  {t("admin.import.sample")}
                </Button>
              </InlineStack>
              {problem ? (
                <Banner tone="critical" title={t("admin.import.failedTitle")}>
                  <span data-testid="import-problem">
                    {t(`admin.import.problem.${problem.code}`, {
                      line: problem.values?.line ?? "—",
                      max: formatNumber(IMPORT_LIMITS.maxRows, locale),
                      mb: IMPORT_LIMITS.maxBytes / 1024 / 1024,
                    })}
                  </span>
                </Banner>
              ) : null}
              <DropZone
                label={t("admin.import.fileLabel")}
                accept=".csv,text/csv,text/plain"
                type="file"
                allowMultiple={false}
                onDrop={(_all, accepted) => {
                  setFile(accepted[0] ?? null);
                  setProblem(null);
                }}
              >
                {file ? (
                  <Box padding="400">
                    <Text as="p" alignment="center">
                      {file.name} ({formatNumber(Math.ceil(file.size / 1024), locale)} KB)
                    </Text>
                  </Box>
                ) : (
                  <DropZone.FileUpload actionTitle={t("admin.import.chooseFile")} actionHint={t("admin.import.fileHint")} />
                )}
              </DropZone>
              <InlineStack align="end">
                <Button variant="primary" onClick={upload} disabled={!file} loading={uploading}>
                  {t("admin.import.start")}
                </Button>
              </InlineStack>
            </BlockStack>
          </Card>
        </Layout.AnnotatedSection>

        <Layout.AnnotatedSection title={t("admin.import.jobsHeading")} description={t("admin.import.jobsDescription")}>
          <Card>
            {jobs.length === 0 ? (
              <Text as="p" tone="subdued">
                {t("admin.import.noJobs")}
              </Text>
            ) : (
              <BlockStack gap="400">
                {jobs.map((job) => (
                  <BlockStack gap="200" key={job.id}>
                    <InlineStack align="space-between" blockAlign="center" gap="200">
                      <Text as="h3" variant="headingSm">
                        {t("admin.import.jobTitle", { id: job.id, file: job.fileName })}
                      </Text>
                      <Badge tone={STATUS_TONE[job.status]}>{t(`admin.import.status.${job.status}`)}</Badge>
                    </InlineStack>
                    <div data-testid={`import-job-${job.id}`}>
                      <BlockStack gap="100">
                        <ProgressBar
                          progress={job.totalRows ? Math.round((job.processedRows / job.totalRows) * 100) : 100}
                          tone={job.status === "failed" ? "critical" : job.status === "done" ? "success" : "highlight"}
                          size="small"
                          ariaLabelledBy={`import-progress-${job.id}`}
                        />
                        <Text as="p" variant="bodySm" tone="subdued" id={`import-progress-${job.id}`}>
                          {t("admin.import.progress", {
                            done: formatNumber(job.processedRows, locale),
                            total: formatNumber(job.totalRows, locale),
                          })}
                        </Text>
                        <Text as="p">
                          <span data-testid={`import-summary-${job.id}`}>
                            {t("admin.import.summary", {
                              imported: formatNumber(job.importedRows, locale),
                              points: t("admin.points", { count: job.importedPoints }),
                              duplicates: formatNumber(job.duplicateRows, locale),
                              zero: formatNumber(job.zeroRows, locale),
                              errors: formatNumber(job.errorRows, locale),
                            })}
                          </span>
                        </Text>
                        <Text as="p" variant="bodySm" tone="subdued">
                          {t("admin.import.startedBy", { date: formatDateTime(job.createdAt, locale), staff: job.staffUserId })}
                        </Text>
                        {job.errorRows > 0 && job.status !== "queued" ? (
                          <InlineStack>
                            <Button variant="plain" onClick={() => downloadFromApp(`/app/import/${job.id}/errors`, locale)}>
                              {t("admin.import.downloadErrors", { count: job.errorRows })}
                            </Button>
                          </InlineStack>
                        ) : null}
                      </BlockStack>
                    </div>
                  </BlockStack>
                ))}
              </BlockStack>
            )}
          </Card>
        </Layout.AnnotatedSection>

        <Layout.AnnotatedSection title={t("admin.export.heading")} description={t("admin.export.description")}>
          <Card>
            <InlineStack gap="300">
              <Button onClick={() => downloadFromApp("/app/export/members", locale)}>{t("admin.export.members")}</Button>
              <Button onClick={() => downloadFromApp("/app/export/ledger", locale)}>{t("admin.export.ledger")}</Button>
            </InlineStack>
          </Card>
        </Layout.AnnotatedSection>
      </Layout>
    </Page>
  );
}
