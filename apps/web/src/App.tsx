import { Center, Loader, MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { lazy, Suspense, useMemo } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router";
import { Provider as UrqlProvider } from "urql";
import { LoginPage } from "./features/auth/LoginPage";
import { BackupComparePage } from "./features/backup-compare/BackupComparePage";
import { BackupSetDetailPage } from "./features/backup-detail/BackupSetDetailPage";
import { BackupsPage } from "./features/backups/BackupsPage";
import { BaselineDetailPage } from "./features/baselines/BaselineDetailPage";
import { BaselinesPage } from "./features/baselines/BaselinesPage";
import { DeploymentPage } from "./features/deployments/DeploymentPage";
import { DashboardPage } from "./features/dashboard/DashboardPage";
import { EnvironmentsPage } from "./features/environments/EnvironmentsPage";
import { EnvironmentFindingsPage } from "./features/fleet/EnvironmentFindingsPage";
import { FleetPage } from "./features/fleet/FleetPage";
import { InventoryPage } from "./features/inventory/InventoryPage";
import { OperationsPage } from "./features/operations/OperationsPage";
import { PolicyHistoryPage } from "./features/policy-history/PolicyHistoryPage";
import { RestoreRunDetailPage } from "./features/restore-detail/RestoreRunDetailPage";
import { RestoreWizardPage } from "./features/restore-wizard/RestoreWizardPage";
import { RestoresPage } from "./features/restores/RestoresPage";
import { ReviewComparePage } from "./features/reviews/ReviewComparePage";
import { ReviewDetailPage } from "./features/reviews/ReviewDetailPage";
import { ReviewsPage } from "./features/reviews/ReviewsPage";
import { RunDetailPage } from "./features/run-detail/RunDetailPage";
import { AppLayout } from "./features/shell/AppLayout";
import { NotFoundPage } from "./features/shell/NotFoundPage";
import { createAtlasClient } from "./graphql/client";
import { SessionProvider } from "./session/SessionProvider";
import { cssVariablesResolver, theme } from "./theme";

// GraphiQL + Monaco are several MB: load them only when the playground is opened.
const PlaygroundPage = lazy(() => import("./features/playground/PlaygroundPage"));

let redirectingToLogin = false;

/** Sends the user to /login once, remembering where they were so sign-in can return there. */
function redirectToLogin() {
  if (redirectingToLogin || window.location.pathname.startsWith("/login")) return;
  redirectingToLogin = true;
  const here = `${window.location.pathname}${window.location.search}`;
  window.location.assign(`/login?next=${encodeURIComponent(here)}`);
}

function PageLoader() {
  return (
    <Center p="xl">
      <Loader />
    </Center>
  );
}

export function App() {
  const client = useMemo(() => createAtlasClient({ onUnauthenticated: redirectToLogin }), []);

  return (
    <MantineProvider defaultColorScheme="light" theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <UrqlProvider value={client}>
        <BrowserRouter>
          <Notifications position="top-right" />
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route
              element={
                <SessionProvider>
                  <AppLayout />
                </SessionProvider>
              }
            >
              <Route index element={<Navigate to="/environments" replace />} />
              <Route path="/environments" element={<EnvironmentsPage />} />
              <Route path="/dashboard" element={<DashboardPage />} />
              <Route path="/operations" element={<OperationsPage />} />
              <Route path="/runs/:id" element={<RunDetailPage />} />
              <Route path="/inventory" element={<InventoryPage />} />
              <Route path="/backups" element={<BackupsPage />} />
              <Route path="/backups/compare" element={<BackupComparePage />} />
              <Route path="/backups/:id" element={<BackupSetDetailPage />} />
              <Route path="/versions/:id" element={<PolicyHistoryPage />} />
              <Route path="/restores" element={<RestoresPage />} />
              <Route path="/restores/:id" element={<RestoreRunDetailPage />} />
              <Route path="/restore/new" element={<RestoreWizardPage />} />
              <Route path="/reviews" element={<ReviewsPage />} />
              <Route path="/reviews/compare" element={<ReviewComparePage />} />
              <Route path="/reviews/:id" element={<ReviewDetailPage />} />
              <Route path="/baselines" element={<BaselinesPage />} />
              <Route path="/baselines/:id" element={<BaselineDetailPage />} />
              <Route path="/deployments/:id" element={<DeploymentPage />} />
              <Route path="/fleet" element={<FleetPage />} />
              <Route path="/fleet/environments/:id" element={<EnvironmentFindingsPage />} />
              <Route
                path="/playground"
                element={
                  <Suspense fallback={<PageLoader />}>
                    <PlaygroundPage />
                  </Suspense>
                }
              />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </UrqlProvider>
    </MantineProvider>
  );
}
