import { Select } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useSession } from "../../session/SessionProvider";

/** `fullWidth` in the phone menu, a fixed 200 px in the header. */
export function EnvironmentSwitcher({ fullWidth = false }: { fullWidth?: boolean }) {
  const { t } = useTranslation();
  const { environments, environment, selectEnvironment } = useSession();
  return (
    <Select
      size="xs"
      w={fullWidth ? "100%" : 200}
      aria-label={t("shell.environment")}
      placeholder={t("shell.noEnvironment")}
      data-testid="environment-switcher"
      searchable
      allowDeselect={false}
      value={environment?.id ?? null}
      onChange={(value) => value && selectEnvironment(value)}
      data={environments.map((item) => ({ value: item.id, label: item.name }))}
    />
  );
}
