import { Alert, Anchor, Breadcrumbs, Center, Loader, Text } from "@mantine/core";
import { Link } from "react-router";
import type { CombinedError } from "urql";
import { errorMessage } from "../../graphql/errors";

interface DetailFallbackProps {
  result: { data?: unknown; fetching: boolean; error?: CombinedError };
  notFoundTitle: string;
  backTo: string;
  backLabel: string;
  "data-testid": string;
}

/**
 * What a /thing/:id page shows while its node is missing: the loader on the first load, the load
 * error, or "not found" with a link back to the list. Absent and not-visible nodes are
 * indistinguishable by design (the API returns null for both).
 */
export function DetailFallback({ result, notFoundTitle, backTo, backLabel, "data-testid": testId }: DetailFallbackProps) {
  if (!result.data && result.fetching) {
    return (
      <Center>
        <Loader />
      </Center>
    );
  }
  if (result.error && !result.data) return <Alert color="red">{errorMessage(result.error)}</Alert>;
  return (
    <Alert color="gray" title={notFoundTitle} data-testid={testId}>
      <Anchor component={Link} to={backTo}>
        {backLabel}
      </Anchor>
    </Alert>
  );
}

/** "List › this item" above a detail page. */
export function DetailBreadcrumbs({ to, label, current }: { to: string; label: string; current: string }) {
  return (
    <Breadcrumbs style={{ flexWrap: "wrap", minWidth: 0 }}>
      <Anchor component={Link} to={to}>
        {label}
      </Anchor>
      <Text className="truncate" maw="100%" title={current}>
        {current}
      </Text>
    </Breadcrumbs>
  );
}
