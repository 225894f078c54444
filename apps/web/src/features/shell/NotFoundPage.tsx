import { Anchor, Stack, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t("notFound.title")}</Title>
      <Anchor component={Link} to="/environments">
        {t("notFound.home")}
      </Anchor>
    </Stack>
  );
}
