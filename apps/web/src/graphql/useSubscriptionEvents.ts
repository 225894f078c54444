import { useEffect, useRef } from "react";
import { type AnyVariables, type TypedDocumentNode, useClient } from "urql";

/**
 * Delivers EVERY subscription event to `onEvent`. urql's useSubscription exposes only the latest
 * result per render, so two events arriving in one tick (two runs progressing together) would lose
 * one; list merging needs each event.
 */
export function useSubscriptionEvents<Data, Variables extends AnyVariables>(
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  onEvent: (data: Data) => void,
  pause = false,
): void {
  const client = useClient();
  const handlerRef = useRef(onEvent);
  handlerRef.current = onEvent;
  // Re-subscribe only when the variables change by value, not by object identity.
  const variablesKey = JSON.stringify(variables);

  useEffect(() => {
    if (pause) return;
    const parsedVariables = JSON.parse(variablesKey) as Variables;
    const { unsubscribe } = client.subscription(document, parsedVariables).subscribe((result) => {
      if (result.data) handlerRef.current(result.data);
    });
    return unsubscribe;
  }, [client, document, variablesKey, pause]);
}
