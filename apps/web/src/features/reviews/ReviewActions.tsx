import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useClient, useMutation } from "urql";
import { errorMessage } from "../../graphql/errors";
import type { EnvironmentReviewStatus, ReviewExportFormat } from "../../graphql/generated/graphql";
import { describeRejection, interpretMutationResult } from "../../graphql/mutationResult";
import { useSession } from "../../session/SessionProvider";
import { ArchiveEnvironmentReviewMutation, PublishEnvironmentReviewMutation, ReviewExportUrlQuery } from "./documents";

type Action = "publish" | "archive";

/** Publish and archive (each confirmed in a dialog) and the two downloads of one review. */
export function ReviewActions({ reviewId, status }: { reviewId: string; status: EnvironmentReviewStatus }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const client = useClient();
  const [confirming, setConfirming] = useState<Action | null>(null);
  const [downloading, setDownloading] = useState<ReviewExportFormat | null>(null);
  const [publishState, publish] = useMutation(PublishEnvironmentReviewMutation);
  const [archiveState, archive] = useMutation(ArchiveEnvironmentReviewMutation);

  async function confirm(action: Action) {
    const input = { input: { reviewId } };
    const response = action === "publish" ? await publish(input) : await archive(input);
    const value =
      response.data &&
      ("publishEnvironmentReview" in response.data ? response.data.publishEnvironmentReview : response.data.archiveEnvironmentReview);
    setConfirming(null);
    if (response.error) {
      notifications.show({ color: "red", title: t("reviews.actionFailed"), message: errorMessage(response.error) });
      return;
    }
    const outcome = interpretMutationResult(value, "EnvironmentReviewPayload", t("common.unexpectedError"));
    if (outcome.kind === "success")
      notifications.show({ color: "green", title: t(action === "publish" ? "reviews.published" : "reviews.archived"), message: "" });
    else
      notifications.show({
        color: "red",
        title: t("reviews.actionFailed"),
        message: outcome.kind === "rejected" ? describeRejection(outcome) : outcome.message,
      });
  }

  // The export link is signed and short-lived: requested on click, followed at once.
  async function download(format: ReviewExportFormat) {
    setDownloading(format);
    try {
      const result = await client.query(ReviewExportUrlQuery, { id: reviewId, format }, { requestPolicy: "network-only" }).toPromise();
      const node = result.data?.node;
      const url = node && "exportUrl" in node ? node.exportUrl : null;
      if (!url) {
        notifications.show({
          color: "red",
          title: t("reviews.downloadFailed"),
          message: result.error ? errorMessage(result.error) : t("common.unexpectedError"),
        });
        return;
      }
      window.location.assign(url);
    } finally {
      setDownloading(null);
    }
  }

  const mayChange = can("review.publish");
  return (
    <Group gap="xs">
      {mayChange && status === "READY" && (
        <Button size="xs" onClick={() => setConfirming("publish")} data-testid="review-publish">
          {t("reviews.publish")}
        </Button>
      )}
      {mayChange && status !== "ARCHIVED" && (
        <Button size="xs" variant="default" onClick={() => setConfirming("archive")} data-testid="review-archive">
          {t("reviews.archive")}
        </Button>
      )}
      <Button
        size="xs"
        variant="default"
        loading={downloading === "HTML"}
        onClick={() => void download("HTML")}
        data-testid="review-download-html"
      >
        {t("reviews.downloadHtml")}
      </Button>
      <Button
        size="xs"
        variant="default"
        loading={downloading === "PDF"}
        onClick={() => void download("PDF")}
        data-testid="review-download-pdf"
      >
        {t("reviews.downloadPdf")}
      </Button>
      <Modal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title={t(confirming === "archive" ? "reviews.archiveTitle" : "reviews.publishTitle")}
      >
        <Stack>
          <Text size="sm">{t(confirming === "archive" ? "reviews.archiveBody" : "reviews.publishBody")}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(null)}>
              {t("reviews.cancel")}
            </Button>
            <Button
              loading={publishState.fetching || archiveState.fetching}
              onClick={() => confirming && void confirm(confirming)}
              data-testid="review-confirm"
            >
              {t(confirming === "archive" ? "reviews.archive" : "reviews.publish")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Group>
  );
}
