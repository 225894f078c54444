import { Alert, Center, Loader, Text } from "@mantine/core";
import type { Dispatch, ReactNode, SetStateAction } from "react";
import { useTranslation } from "react-i18next";
import type { CombinedError } from "urql";
import type { PageInfo } from "../../graphql/connection";
import { errorMessage } from "../../graphql/errors";
import type { CursorStack } from "../inventory/cursorStack";
import { CursorPager } from "./CursorPager";

interface PagedListBodyProps {
  connection: { pageInfo: PageInfo; totalCount: number } | null | undefined;
  shown: number;
  fetching: boolean;
  error: CombinedError | undefined;
  cursors: CursorStack;
  onCursorsChange: Dispatch<SetStateAction<CursorStack>>;
  /** Translation prefix holding `showing`, `empty` and `page`. */
  labels: "backups" | "restoreRun.list";
  /** Prefix of the `-count` and `-empty` test ids, e.g. "backups". */
  testIdPrefix: string;
  /** The table, shown when the page has rows. */
  children: ReactNode;
}

/** Count, load error, loader / empty text / table, and the pager of one paged list page. */
export function PagedListBody(props: PagedListBodyProps) {
  const { connection, shown, fetching, error, cursors, labels, testIdPrefix } = props;
  const { t } = useTranslation();
  return (
    <>
      {connection && (
        <Text c="dimmed" size="sm" data-testid={`${testIdPrefix}-count`}>
          {t(`${labels}.showing`, { shown: String(shown), total: String(connection.totalCount) })}
        </Text>
      )}
      {error && <Alert color="red">{errorMessage(error)}</Alert>}
      {fetching && !connection ? (
        <Center>
          <Loader size="sm" />
        </Center>
      ) : shown === 0 ? (
        !error && (
          <Text c="dimmed" data-testid={`${testIdPrefix}-empty`}>
            {t(`${labels}.empty`)}
          </Text>
        )
      ) : (
        props.children
      )}
      <CursorPager
        cursors={cursors}
        onCursorsChange={props.onCursorsChange}
        pageInfo={connection?.pageInfo}
        pageLabel={t(`${labels}.page`, { page: String(cursors.length) })}
      />
    </>
  );
}
