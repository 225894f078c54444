import { Button, Group, Text } from "@mantine/core";
import type { Dispatch, SetStateAction } from "react";
import { useTranslation } from "react-i18next";
import type { PageInfo } from "../../graphql/connection";
import { type CursorStack, nextPage, previousPage } from "../inventory/cursorStack";

interface CursorPagerProps {
  cursors: CursorStack;
  onCursorsChange: Dispatch<SetStateAction<CursorStack>>;
  pageInfo: PageInfo | null | undefined;
  /** "Page n" between the buttons; left out when undefined. */
  pageLabel?: string;
  /** Show the buttons even when there is only one page. */
  always?: boolean;
}

/** Previous/next buttons over a forward-only Relay connection (see cursorStack). */
export function CursorPager({ cursors, onCursorsChange, pageInfo, pageLabel, always = false }: CursorPagerProps) {
  const { t } = useTranslation();
  if (!always && cursors.length <= 1 && !pageInfo?.hasNextPage) return null;
  return (
    <Group justify="center">
      <Button variant="default" disabled={cursors.length <= 1} onClick={() => onCursorsChange(previousPage)}>
        {t("common.previous")}
      </Button>
      {pageLabel !== undefined && <Text size="sm">{pageLabel}</Text>}
      <Button
        variant="default"
        disabled={!pageInfo?.hasNextPage}
        onClick={() => onCursorsChange((stack) => nextPage(stack, pageInfo?.endCursor ?? null))}
      >
        {t("common.next")}
      </Button>
    </Group>
  );
}
