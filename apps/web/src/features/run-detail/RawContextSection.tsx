import { Accordion, Code } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** Pretty-prints JSON when it is JSON; otherwise shows the string as the API sent it. */
function prettyJson(raw: string): string {
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
}

/** Raw diagnostics last and collapsed; rendered only for the support role (see RunDetailPage). */
export function RawContextSection({ rawContext }: { rawContext: string }) {
  const { t } = useTranslation();
  return (
    <Accordion variant="contained" data-testid="run-raw-context">
      <Accordion.Item value="raw">
        <Accordion.Control>{t("runDetail.rawContext")}</Accordion.Control>
        <Accordion.Panel>
          <Code block>{prettyJson(rawContext)}</Code>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
