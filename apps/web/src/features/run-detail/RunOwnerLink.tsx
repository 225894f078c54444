import { Anchor, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

interface RunOwnerLinkProps {
  restoreRun: { id: string; targetLabel: string } | null;
  backupSet: { id: string; name: string } | null;
}

/** The record a run works for: from a restore's run to its restore run, from a backup run to its set. */
export function RunOwnerLink({ restoreRun, backupSet }: RunOwnerLinkProps) {
  const { t } = useTranslation();
  if (restoreRun) {
    return (
      <Text size="sm">
        {t("runDetail.partOfRestore")}{" "}
        <Anchor component={Link} to={`/restores/${encodeURIComponent(restoreRun.id)}`} data-testid="run-restore-link">
          {t("restoreRun.detail.title", { name: restoreRun.targetLabel })}
        </Anchor>
      </Text>
    );
  }
  if (backupSet) {
    return (
      <Text size="sm">
        {t("runDetail.partOfBackup")}{" "}
        <Anchor component={Link} to={`/backups/${encodeURIComponent(backupSet.id)}`} data-testid="run-backup-link">
          {backupSet.name}
        </Anchor>
      </Text>
    );
  }
  return null;
}
