import { Alert, Box, Button, Code, Collapse, Loader, Mark, ScrollArea, SimpleGrid, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { errorMessage } from "../../graphql/errors";
import { useFormatters } from "../../i18n/useFormatters";
import { PolicyVersionPayloadsQuery, type PolicyVersionSummary } from "./documents";
import { isChangedLine, linesOfPayloadText } from "./payloadLines";

interface PayloadComparisonProps {
  from: PolicyVersionSummary;
  to: PolicyVersionSummary;
  changedPaths: string[];
}

/** Both normalized payloads next to each other, changed paths marked; loaded only when opened. */
export function PayloadComparison({ from, to, changedPaths }: PayloadComparisonProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [opened, { toggle }] = useDisclosure(false);
  const [result] = useQuery({ query: PolicyVersionPayloadsQuery, variables: { ids: [from.id, to.id] }, pause: !opened });
  const payloads = new Map(
    (result.data?.nodes ?? []).flatMap((node) => (node && "normalizedPayload" in node ? [[node.id, node.normalizedPayload] as const] : [])),
  );

  return (
    <Stack gap="xs">
      <Button variant="subtle" size="xs" onClick={toggle} w="fit-content" data-testid="payloads-toggle">
        {opened ? t("policyHistory.hidePayloads") : t("policyHistory.showPayloads")}
      </Button>
      <Collapse in={opened}>
        {result.error && <Alert color="red">{errorMessage(result.error)}</Alert>}
        {opened && result.fetching && !result.data ? (
          <Loader size="sm" />
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }} data-testid="payloads">
            <PayloadColumn
              title={t("policyHistory.payloadFrom", { when: format.absolute(from.capturedAt) })}
              text={payloads.get(from.id)}
              changedPaths={changedPaths}
              testId="payload-from"
            />
            <PayloadColumn
              title={t("policyHistory.payloadTo", { when: format.absolute(to.capturedAt) })}
              text={payloads.get(to.id)}
              changedPaths={changedPaths}
              testId="payload-to"
            />
          </SimpleGrid>
        )}
      </Collapse>
    </Stack>
  );
}

function PayloadColumn({
  title,
  text,
  changedPaths,
  testId,
}: {
  title: string;
  text: string | undefined;
  changedPaths: string[];
  testId: string;
}) {
  const lines = useMemo(() => (text === undefined ? [] : linesOfPayloadText(text)), [text]);
  return (
    <Stack gap={4} data-testid={testId}>
      <Text size="sm" fw={500}>
        {title}
      </Text>
      <ScrollArea h={480} type="auto">
        <Code block>
          {lines.map((line, index) =>
            isChangedLine(line.path, changedPaths) ? (
              // Lines have no identity beyond their position in this rendering.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above.
              <Mark key={index} display="block" data-changed="true">
                {line.text}
              </Mark>
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: see above.
              <Box key={index} component="span" display="block">
                {line.text}
              </Box>
            ),
          )}
        </Code>
      </ScrollArea>
    </Stack>
  );
}
