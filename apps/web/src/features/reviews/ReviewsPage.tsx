import { Anchor, Button, Checkbox, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useMutation, useQuery } from "urql";
import { nodesOf } from "../../graphql/connection";
import { useSubscriptionEvents } from "../../graphql/useSubscriptionEvents";
import { useFormatters } from "../../i18n/useFormatters";
import { useSession } from "../../session/SessionProvider";
import { notifyRunStart } from "../backups/notifyRunStart";
import { OperationRunsChangedSubscription } from "../operations/documents";
import { EnumBadge } from "../shared/EnumBadge";
import { ComposeEnvironmentReviewMutation, EnvironmentReviewsQuery } from "./documents";
import { REVIEW_COMPOSE_RUN_TYPE, reviewStatusColors } from "./reviewStatus";
import { Time } from "../shared/Time";

/** The reviews of the chosen environment, newest first, with "Compose review" and its live state. */
export function ReviewsPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { workspaceId, environment, can } = useSession();
  const navigate = useNavigate();
  const [composingRunId, setComposingRunId] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [result, reexecute] = useQuery({
    query: EnvironmentReviewsQuery,
    variables: { workspaceId: workspaceId ?? "", filter: { environmentIds: environment ? [environment.id] : [] } },
    pause: !workspaceId || !environment,
    requestPolicy: "cache-and-network",
  });
  const refetch = useCallback(() => reexecute({ requestPolicy: "network-only" }), [reexecute]);
  const [{ fetching: starting }, compose] = useMutation(ComposeEnvironmentReviewMutation);

  // A compose run that completes has made (or reused) a review: show it.
  useSubscriptionEvents(
    OperationRunsChangedSubscription,
    { workspaceId: workspaceId ?? "", environmentIds: environment ? [environment.id] : [] },
    (data) => {
      const run = data.operationRunsChanged;
      if (run.type !== REVIEW_COMPOSE_RUN_TYPE || run.status !== "COMPLETED") return;
      if (run.id === composingRunId) setComposingRunId(null);
      refetch();
    },
    !workspaceId || !environment,
  );

  async function handleCompose() {
    if (!environment) return;
    const response = await compose({ input: { environmentId: environment.id } });
    const run = notifyRunStart(
      { error: response.error, value: response.data?.composeEnvironmentReview },
      {
        started: t("reviews.composeStarted"),
        alreadyRunning: t("reviews.composeAlreadyRunning"),
        failed: t("reviews.composeFailed"),
        openRun: t("reviews.openRun"),
        unexpected: t("common.unexpectedError"),
      },
      environment.name,
      "review-compose-run-link",
    );
    if (run && run.status !== "COMPLETED") setComposingRunId(run.id);
  }

  const reviews = nodesOf(result.data?.environmentReviews);
  // Two picked reviews open side by side, the earlier one (lower in this newest-first list) on the left.
  const toggle = (id: string) =>
    setSelected((current) => (current.includes(id) ? current.filter((other) => other !== id) : [...current, id].slice(-2)));
  const picked = reviews.filter((review) => selected.includes(review.id));
  function openComparison() {
    const [later, earlier] = picked;
    if (!later || !earlier) return;
    navigate(`/reviews/compare?left=${encodeURIComponent(earlier.id)}&right=${encodeURIComponent(later.id)}`);
  }
  const period = (review: (typeof reviews)[number]) =>
    review.periodStart
      ? t("reviews.periodFromTo", { start: format.date(review.periodStart), end: format.date(review.periodEnd) })
      : t("reviews.periodUpTo", { end: format.date(review.periodEnd) });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t("reviews.title")}</Title>
        {environment && can("review.compose") && (
          <Group gap="xs">
            {composingRunId && (
              <Anchor component={Link} to={`/runs/${encodeURIComponent(composingRunId)}`} size="sm" data-testid="review-composing">
                {t("reviews.composing")}
              </Anchor>
            )}
            <Button
              size="xs"
              loading={starting || Boolean(composingRunId)}
              onClick={() => void handleCompose()}
              data-testid="review-compose"
            >
              {t("reviews.compose")}
            </Button>
          </Group>
        )}
      </Group>
      {!environment && <Text c="dimmed">{t("reviews.noEnvironment")}</Text>}
      {environment && reviews.length === 0 && !result.fetching && <Text c="dimmed">{t("reviews.empty")}</Text>}
      {reviews.length > 1 && (
        <Group gap="xs">
          <Button size="xs" variant="light" disabled={picked.length !== 2} onClick={openComparison} data-testid="review-compare">
            {t("reviews.compare")}
          </Button>
          {picked.length !== 2 && (
            <Text size="sm" c="dimmed">
              {t("reviews.compareHint")}
            </Text>
          )}
        </Group>
      )}
      {reviews.length > 0 && (
        <Table striped data-testid="reviews-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th>{t("reviews.period")}</Table.Th>
              <Table.Th>{t("reviews.statusLabel")}</Table.Th>
              <Table.Th>{t("reviews.attentionCount")}</Table.Th>
              <Table.Th>{t("reviews.composedAt")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {reviews.map((review) => (
              <Table.Tr key={review.id} data-testid="review-row" data-review-id={review.id}>
                <Table.Td>
                  <Checkbox
                    aria-label={t("reviews.compareSelect")}
                    checked={selected.includes(review.id)}
                    onChange={() => toggle(review.id)}
                    data-testid="review-select"
                  />
                </Table.Td>
                <Table.Td>{period(review)}</Table.Td>
                <Table.Td>
                  <EnumBadge
                    value={review.status}
                    colors={reviewStatusColors}
                    label={t(`reviews.status.${review.status}`)}
                    dataName="status"
                  />
                </Table.Td>
                <Table.Td>{format.number(review.attention.filter((item) => item.severity !== "info").length)}</Table.Td>
                <Table.Td>
                  <Time value={review.composedAt} />
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/reviews/${encodeURIComponent(review.id)}`} data-testid="review-open">
                    {t("reviews.open")}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
