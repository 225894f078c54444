import { Alert, Anchor, Card, Group, List, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useQuery } from "urql";
import { useFormatters } from "../../i18n/useFormatters";
import { DetailBreadcrumbs, DetailFallback } from "../shared/DetailPage";
import { EnumBadge } from "../shared/EnumBadge";
import { EnvironmentReviewQuery } from "./documents";
import { PolicyChanges } from "./PolicyChanges";
import { ReviewDocumentTables } from "./ReviewDocumentTables";
import { ReviewActions } from "./ReviewActions";
import { reviewStatusColors } from "./reviewStatus";
import { Time } from "../shared/Time";

const severityColor = { high: "red", medium: "orange", info: "gray" } as Record<string, string>;

/**
 * One review: what needs attention, its counts, the changes with setting-level diffs, then the
 * document's tables (inventory, backup coverage, restores, runs with proof gaps), actions and downloads.
 */
export function ReviewDetailPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { id = "" } = useParams();
  const [result] = useQuery({ query: EnvironmentReviewQuery, variables: { id }, requestPolicy: "cache-and-network" });
  const review = result.data?.node && "status" in result.data.node ? result.data.node : null;
  if (!review) {
    return (
      <DetailFallback
        result={result}
        notFoundTitle={t("reviews.notFound")}
        backTo="/reviews"
        backLabel={t("reviews.back")}
        data-testid="review-not-found"
      />
    );
  }
  const period = review.periodStart
    ? t("reviews.periodFromTo", { start: format.date(review.periodStart), end: format.date(review.periodEnd) })
    : t("reviews.periodUpTo", { end: format.date(review.periodEnd) });
  return (
    <Stack data-testid="review-detail" data-review-id={review.id}>
      <DetailBreadcrumbs to="/reviews" label={t("reviews.title")} current={review.environment.name} />
      <Group justify="space-between">
        <Group gap="sm">
          <Title order={2}>{review.environment.name}</Title>
          <EnumBadge
            value={review.status}
            colors={reviewStatusColors}
            label={t(`reviews.status.${review.status}`)}
            dataName="status"
            data-testid="review-status"
          />
        </Group>
        <ReviewActions reviewId={review.id} status={review.status} />
      </Group>
      <Text size="sm" c="dimmed">
        {t("reviews.period")}: {period} · {t("reviews.composedAt")}: <Time value={review.composedAt} />
        {review.publishedAt && (
          <>
            {" "}
            · {t("reviews.publishedAt")}: <Time value={review.publishedAt} />
          </>
        )}
      </Text>
      {review.composedByRun && (
        <Anchor component={Link} to={`/runs/${encodeURIComponent(review.composedByRun.id)}`} size="sm">
          {t("reviews.composedBy")}
        </Anchor>
      )}
      {review.supersededBy && (
        <Anchor component={Link} to={`/reviews/${encodeURIComponent(review.supersededBy.id)}`} size="sm">
          {t("reviews.supersededBy")}
        </Anchor>
      )}
      {review.failure && <Alert color="red">{review.failure.message}</Alert>}
      <Card withBorder>
        <Title order={4}>{t("reviews.attention")}</Title>
        {review.attention.length === 0 ? (
          <Text size="sm">{t("reviews.nothingNeedsAttention")}</Text>
        ) : (
          <List size="sm" data-testid="review-attention">
            {review.attention.map((item) => (
              <List.Item key={item.code + item.message}>
                <Text span c={severityColor[item.severity] ?? "gray"} fw={600}>
                  {item.code}
                </Text>{" "}
                {item.message}
              </List.Item>
            ))}
          </List>
        )}
      </Card>
      <Title order={4}>{t("reviews.counts")}</Title>
      <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }}>
        {review.counts.map((count) => (
          <Card key={count.key} withBorder padding="xs" data-testid={`review-count-${count.key}`}>
            <Text size="xs" c="dimmed">
              {t("reviews.count", { returnObjects: true })[count.key] ?? count.key}
            </Text>
            <Text fw={700}>{format.number(count.value)}</Text>
          </Card>
        ))}
      </SimpleGrid>
      <Title order={4}>{t("reviews.changes")}</Title>
      <PolicyChanges policies={review.changes} emptyLabel={t("reviews.noChanges")} />
      <ReviewDocumentTables review={review} />
    </Stack>
  );
}
