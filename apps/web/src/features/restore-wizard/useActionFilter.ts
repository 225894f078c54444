import { useState } from "react";
import type { RestoreAction } from "../../graphql/generated/graphql";
import { type ActionFilter, actionsPresent, filterAndPage } from "./actionFilter";

/** The action filter and page of a list of restore items: the rows to show and the props of its ActionFilterBar. */
export function useActionFilter<T extends { action?: RestoreAction | null }>(items: readonly T[]) {
  const [filter, setFilter] = useState<ActionFilter>("ALL");
  const [page, setPage] = useState(1);
  const { rows, pages, matching } = filterAndPage(items, filter, page);
  const bar = {
    actions: actionsPresent(items),
    filter,
    onFilter: (next: ActionFilter) => {
      setFilter(next);
      setPage(1);
    },
    page,
    pages,
    onPage: setPage,
    matching,
  };
  return { rows, bar };
}
