import { Alert, Button, Center, Loader, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { useQuery } from "urql";
import { nodesOf } from "../graphql/connection";
import { errorMessage, isUnauthenticated } from "../graphql/errors";
import { type EnvironmentSummary, type Viewer, type ViewerMembership, ViewerQuery, WorkspaceEnvironmentsQuery } from "./documents";
import { readStored, storageKeys, writeStored } from "./storage";

export interface Session {
  viewer: Viewer;
  /** The membership of the selected workspace; null only when the viewer belongs to none. */
  membership: ViewerMembership | null;
  workspaceId: string | null;
  selectWorkspace: (workspaceId: string) => void;
  environments: EnvironmentSummary[];
  environmentsLoading: boolean;
  environment: EnvironmentSummary | null;
  selectEnvironment: (environmentId: string) => void;
  can: (capability: string) => boolean;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession must be used inside <SessionProvider>");
  return session;
}

/** Picks the stored choice when it is still valid, else the first option. */
function pickValid<T extends { id: string }>(options: T[], storedId: string | null): T | null {
  return options.find((option) => option.id === storedId) ?? options[0] ?? null;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  // network-only: the viewer must reflect the current cookie, never a cached earlier session.
  const { t } = useTranslation();
  const [viewerResult, reexecuteViewer] = useQuery({ query: ViewerQuery, requestPolicy: "network-only" });
  const viewer = viewerResult.data?.viewer ?? null;
  const { error } = viewerResult;

  // UNAUTHENTICATED is handled by the client (redirect to /login); other failures get a retry.
  if (!viewer && error && !isUnauthenticated(error)) {
    return (
      <Center h="100vh">
        <Stack align="center">
          <Alert color="red" title={t("session.loadFailed")}>
            {errorMessage(error)}
          </Alert>
          <Button onClick={() => reexecuteViewer({ requestPolicy: "network-only" })}>{t("common.retry")}</Button>
        </Stack>
      </Center>
    );
  }
  if (!viewer) {
    return (
      <Center h="100vh">
        <Loader data-testid="session-loading" />
      </Center>
    );
  }
  return <SelectionProvider viewer={viewer}>{children}</SelectionProvider>;
}

function SelectionProvider({ viewer, children }: { viewer: Viewer; children: ReactNode }) {
  const [storedWorkspaceId, setStoredWorkspaceId] = useState(() => readStored(storageKeys.workspaceId));
  const workspaces = viewer.memberships.map((membership) => membership.workspace);
  const workspace = pickValid(workspaces, storedWorkspaceId);
  const membership = viewer.memberships.find((m) => m.workspace.id === workspace?.id) ?? null;
  const workspaceId = workspace?.id ?? null;

  const [environmentsResult] = useQuery({
    query: WorkspaceEnvironmentsQuery,
    variables: { workspaceId: workspaceId ?? "" },
    pause: !workspaceId,
  });
  const environments = useMemo(() => nodesOf(environmentsResult.data?.workspace?.environments), [environmentsResult.data]);

  const [storedEnvironmentIds, setStoredEnvironmentIds] = useState<Record<string, string | null>>({});
  const storedEnvironmentId = workspaceId
    ? (storedEnvironmentIds[workspaceId] ?? readStored(storageKeys.environmentId(workspaceId)))
    : null;
  const environment = pickValid(environments, storedEnvironmentId);

  const selectWorkspace = useCallback((id: string) => {
    writeStored(storageKeys.workspaceId, id);
    setStoredWorkspaceId(id);
  }, []);

  const selectEnvironment = useCallback(
    (id: string) => {
      if (!workspaceId) return;
      writeStored(storageKeys.environmentId(workspaceId), id);
      setStoredEnvironmentIds((previous) => ({ ...previous, [workspaceId]: id }));
    },
    [workspaceId],
  );

  const session = useMemo<Session>(
    () => ({
      viewer,
      membership,
      workspaceId,
      selectWorkspace,
      environments,
      environmentsLoading: environmentsResult.fetching,
      environment,
      selectEnvironment,
      can: (capability) => membership?.capabilities.includes(capability) ?? false,
    }),
    [viewer, membership, workspaceId, selectWorkspace, environments, environmentsResult.fetching, environment, selectEnvironment],
  );

  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
