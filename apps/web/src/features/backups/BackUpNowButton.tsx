import { Button, Popover, Stack, TextInput } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import type { EnvironmentSummary } from "../../session/documents";
import { StartBackupMutation } from "./documents";
import { notifyRunStart } from "./notifyRunStart";

/** "Back up now" with an optional name; the API names unnamed sets after environment and time. */
export function BackUpNowButton({ environment, variant = "filled" }: { environment: EnvironmentSummary; variant?: string }) {
  const { t } = useTranslation();
  const [opened, { close, toggle }] = useDisclosure(false);
  const [name, setName] = useState("");
  const [{ fetching }, startBackup] = useMutation(StartBackupMutation);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    const result = await startBackup({ input: { environmentId: environment.id, ...(trimmed ? { name: trimmed } : {}) } });
    const run = notifyRunStart(
      { error: result.error, value: result.data?.startBackup },
      {
        started: t("backups.started"),
        alreadyRunning: t("backups.alreadyRunning"),
        failed: t("backups.startFailed"),
        openRun: t("backups.openRun"),
        unexpected: t("common.unexpectedError"),
      },
      environment.name,
      "backup-started-run-link",
    );
    if (run) {
      setName("");
      close();
    }
  }

  return (
    <Popover opened={opened} onChange={(next) => !next && close()} position="bottom-end" withArrow trapFocus>
      <Popover.Target>
        <Button size="xs" variant={variant} onClick={toggle} data-testid={`backup-now-${environment.name}`}>
          {t("backups.backUpNow")}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <form onSubmit={handleSubmit}>
          <Stack gap="xs" w={280}>
            <TextInput
              label={t("backups.nameLabel")}
              placeholder={t("backups.namePlaceholder")}
              value={name}
              maxLength={200}
              onChange={(event) => setName(event.currentTarget.value)}
              data-testid="backup-name"
            />
            <Button type="submit" size="xs" loading={fetching} data-testid="backup-start">
              {t("backups.start")}
            </Button>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}
