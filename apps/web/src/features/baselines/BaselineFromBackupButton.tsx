import { Button, Popover, Stack, TextInput } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useMutation } from "urql";
import { restoreStepResult } from "../restores/mutationOutcome";
import { CreateBaselineFromBackupMutation } from "./documents";

/** "Make a baseline" of a finished backup: every item becomes the baseline's first version; opens the new baseline. */
export function BaselineFromBackupButton({ backupSetId, disabled }: { backupSetId: string; disabled: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [opened, { close, toggle }] = useDisclosure(false);
  const [name, setName] = useState("");
  const [{ fetching }, create] = useMutation(CreateBaselineFromBackupMutation);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (name.trim() === "") return;
    const response = await create({ input: { backupSetId, name: name.trim() } });
    const result = restoreStepResult(response.data?.createBaselineFromBackup, response.error, "BaselinePayload", t);
    if (!result.ok) {
      notifications.show({ color: "red", title: t("baselines.fromBackup.failed"), message: result.message });
      return;
    }
    close();
    navigate(`/baselines/${encodeURIComponent(result.payload.baseline.id)}`);
  }

  return (
    <Popover opened={opened} onChange={(next) => !next && close()} position="bottom-end" withArrow trapFocus>
      <Popover.Target>
        <Button size="xs" variant="light" onClick={toggle} disabled={disabled} data-testid="baseline-from-backup">
          {t("baselines.fromBackup.open")}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <form onSubmit={handleSubmit}>
          <Stack gap="xs" w={280}>
            <TextInput
              label={t("baselines.fromBackup.name")}
              value={name}
              maxLength={200}
              required
              onChange={(event) => setName(event.currentTarget.value)}
              data-testid="baseline-from-backup-name"
            />
            <Button type="submit" size="xs" loading={fetching} disabled={name.trim() === ""} data-testid="baseline-from-backup-create">
              {t("baselines.fromBackup.create")}
            </Button>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}
