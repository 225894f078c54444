import { Alert, Anchor, Card, Center, Loader, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useQuery } from "urql";
import { errorMessage } from "../../graphql/errors";
import type { ComparedCompletenessFragment, ComparedReviewFragment } from "../../graphql/generated/graphql";
import { useFormatters } from "../../i18n/useFormatters";
import { DetailBreadcrumbs } from "../shared/DetailPage";
import { EnumBadge } from "../shared/EnumBadge";
import { CompareEnvironmentReviewsQuery } from "./documents";
import { PolicyChanges } from "./PolicyChanges";
import { reviewStatusColors } from "./reviewStatus";

/** A table of differences with the earlier review's value left and the later one's right. */
function DifferenceTable({ title, testId, rows }: { title: string; testId: string; rows: { key: string; cells: ReactNode[] }[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Title order={4}>{title}</Title>
      {rows.length === 0 ? (
        <Text size="sm">{t("reviews.noDifference")}</Text>
      ) : (
        <Table withTableBorder data-testid={testId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("reviews.objectType")}</Table.Th>
              <Table.Th>{t("reviews.earlier")}</Table.Th>
              <Table.Th>{t("reviews.later")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.key} data-testid={`${testId}-row`} data-object-type={row.key}>
                <Table.Td>{row.key}</Table.Td>
                {row.cells.map((cell, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: two fixed columns, earlier and later
                  <Table.Td key={index}>{cell}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/** Two reviews of one environment side by side: their counts, and what differs per section. */
export function ReviewComparePage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const [params] = useSearchParams();
  const leftId = params.get("left") ?? "";
  const rightId = params.get("right") ?? "";
  const [result] = useQuery({
    query: CompareEnvironmentReviewsQuery,
    variables: { leftId, rightId },
    pause: !leftId || !rightId,
    requestPolicy: "cache-and-network",
  });
  const answer = result.data?.compareEnvironmentReviews;
  if (!answer && result.fetching) {
    return (
      <Center>
        <Loader />
      </Center>
    );
  }
  if (result.error && !answer) return <Alert color="red">{errorMessage(result.error)}</Alert>;
  if (answer?.__typename !== "EnvironmentReviewComparison") {
    const notFound = !answer || answer.__typename === "NotFoundError";
    return (
      <Alert color="gray" title={notFound ? t("reviews.compareNotFound") : answer.message} data-testid="review-compare-error">
        <Anchor component={Link} to="/reviews">
          {t("reviews.back")}
        </Anchor>
      </Alert>
    );
  }

  const countLabels = t("reviews.count", { returnObjects: true }) as Record<string, string>;
  const completeness = (value: ComparedCompletenessFragment | null | undefined) =>
    value
      ? `${t(value.complete ? "reviews.complete" : "reviews.incomplete")}: ${t("reviews.completeness", {
          captured: format.number(value.captured),
          total: format.number(value.providerTotal),
          gaps: format.number(value.gaps),
        })}`
      : t("reviews.notInBackup");
  const side = (label: string, review: ComparedReviewFragment) => (
    <Card withBorder data-testid="review-compare-side" data-review-id={review.id}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Anchor component={Link} to={`/reviews/${encodeURIComponent(review.id)}`} fw={600}>
        {review.periodStart
          ? t("reviews.periodFromTo", { start: format.date(review.periodStart), end: format.date(review.periodEnd) })
          : t("reviews.periodUpTo", { end: format.date(review.periodEnd) })}
      </Anchor>
      <EnumBadge value={review.status} colors={reviewStatusColors} label={t(`reviews.status.${review.status}`)} dataName="status" />
    </Card>
  );

  return (
    <Stack data-testid="review-compare-page">
      <DetailBreadcrumbs to="/reviews" label={t("reviews.title")} current={t("reviews.compareTitle")} />
      <Title order={2}>
        {t("reviews.compareTitle")}: {answer.left.environment.name}
      </Title>
      <SimpleGrid cols={2}>
        {side(t("reviews.earlier"), answer.left)}
        {side(t("reviews.later"), answer.right)}
      </SimpleGrid>
      <Title order={4}>{t("reviews.countsSide")}</Title>
      <Table withTableBorder striped data-testid="review-compare-counts">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("reviews.countName")}</Table.Th>
            <Table.Th>{t("reviews.earlier")}</Table.Th>
            <Table.Th>{t("reviews.later")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {answer.counts.map((count) => (
            <Table.Tr
              key={count.key}
              data-testid={`review-compare-count-${count.key}`}
              data-changed={count.left !== count.right}
              fw={count.left !== count.right ? 700 : undefined}
            >
              <Table.Td>{countLabels[count.key] ?? count.key}</Table.Td>
              <Table.Td data-side="left">{format.number(count.left)}</Table.Td>
              <Table.Td data-side="right">{format.number(count.right)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <DifferenceTable
        title={t("reviews.inventoryDiff")}
        testId="review-compare-inventory"
        rows={answer.inventory.map((row) => ({ key: row.objectType, cells: [format.number(row.left), format.number(row.right)] }))}
      />
      <DifferenceTable
        title={t("reviews.backupDiff")}
        testId="review-compare-backup"
        rows={answer.backup.map((row) => ({ key: row.objectType, cells: [completeness(row.left), completeness(row.right)] }))}
      />
      <Title order={4}>{t("reviews.settingsDiff")}</Title>
      <PolicyChanges policies={answer.changes} emptyLabel={t("reviews.noDifference")} />
    </Stack>
  );
}
