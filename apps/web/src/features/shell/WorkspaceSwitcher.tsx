import { Select } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useSession } from "../../session/SessionProvider";

/** `fullWidth` in the phone menu, a fixed 200 px in the header. */
export function WorkspaceSwitcher({ fullWidth = false }: { fullWidth?: boolean }) {
  const { t } = useTranslation();
  const { viewer, workspaceId, selectWorkspace } = useSession();
  return (
    <Select
      size="xs"
      w={fullWidth ? "100%" : 200}
      aria-label={t("shell.workspace")}
      placeholder={t("shell.noWorkspace")}
      data-testid="workspace-switcher"
      allowDeselect={false}
      value={workspaceId}
      onChange={(value) => value && selectWorkspace(value)}
      data={viewer.memberships.map((membership) => ({
        value: membership.workspace.id,
        label: membership.workspace.name,
      }))}
    />
  );
}
