import { Button, Group } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useClient } from "urql";
import { errorMessage } from "../../graphql/errors";
import type { ExportFormat } from "../../graphql/generated/graphql";
import { BackupSetExportUrlQuery } from "./documents";

const formatTestId = { MARKDOWN: "backup-download-markdown", HTML: "backup-download-html" } as const satisfies Record<ExportFormat, string>;

/**
 * The export link is signed and short-lived, so it is requested only on click (never cached or
 * prefetched) and followed at once.
 */
export function DownloadButtons({ backupSetId, disabled }: { backupSetId: string; disabled: boolean }) {
  const { t } = useTranslation();
  const client = useClient();
  const [pending, setPending] = useState<ExportFormat | null>(null);

  async function download(format: ExportFormat) {
    setPending(format);
    try {
      const result = await client
        .query(BackupSetExportUrlQuery, { id: backupSetId, format }, { requestPolicy: "network-only" })
        .toPromise();
      const node = result.data?.node;
      const url = node && "exportUrl" in node ? node.exportUrl : null;
      if (!url) {
        const message = result.error ? errorMessage(result.error) : t("common.unexpectedError");
        notifications.show({ color: "red", title: t("backupDetail.downloadFailed"), message });
        return;
      }
      window.location.assign(url);
    } finally {
      setPending(null);
    }
  }

  return (
    <Group gap="xs">
      {(["MARKDOWN", "HTML"] as const).map((format) => (
        <Button
          key={format}
          size="xs"
          variant="default"
          disabled={disabled}
          loading={pending === format}
          onClick={() => void download(format)}
          data-testid={formatTestId[format]}
        >
          {format === "MARKDOWN" ? t("backupDetail.downloadMarkdown") : t("backupDetail.downloadHtml")}
        </Button>
      ))}
    </Group>
  );
}
