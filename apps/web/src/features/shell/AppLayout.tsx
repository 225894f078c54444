import { AppShell, Burger, Button, Divider, Group, NavLink, Stack, Text } from "@mantine/core";
import { useDisclosure, useMediaQuery } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation } from "react-router";
import { useSession } from "../../session/SessionProvider";
import { logout } from "../auth/authApi";
import { NotificationBell } from "../notifications/NotificationBell";
import { EnvironmentSwitcher } from "./EnvironmentSwitcher";
import { LanguageSwitch } from "./LanguageSwitch";
import { WorkspaceSwitcher } from "./WorkspaceSwitcher";

const navigation = [
  { to: "/environments", labelKey: "nav.environments" },
  { to: "/dashboard", labelKey: "nav.dashboard" },
  { to: "/operations", labelKey: "nav.operations" },
  { to: "/inventory", labelKey: "nav.inventory" },
  { to: "/backups", labelKey: "nav.backups" },
  { to: "/restores", labelKey: "nav.restores" },
  { to: "/reviews", labelKey: "nav.reviews" },
  { to: "/baselines", labelKey: "nav.baselines" },
  { to: "/fleet", labelKey: "nav.fleet" },
  { to: "/playground", labelKey: "nav.playground" },
] as const;

/** A run's detail page belongs to the Operations section, a policy's history to Backups, the wizard to Restores. */
function isActive(to: string, pathname: string): boolean {
  if (to === "/operations" && pathname.startsWith("/runs/")) return true;
  if (to === "/backups" && pathname.startsWith("/versions/")) return true;
  if (to === "/restores" && pathname.startsWith("/restore/")) return true;
  return pathname.startsWith(to);
}

export function AppLayout() {
  const { t } = useTranslation();
  const { viewer } = useSession();
  const location = useLocation();
  const [navbarOpened, { toggle: toggleNavbar, close: closeNavbar }] = useDisclosure();
  // Below 62em the switchers, language and sign-out move from the header into the navigation menu
  // (behind the burger on phones), so the header never grows wider than the window.
  const compact = useMediaQuery("(max-width: 62em)", false, { getInitialValueInEffect: false });

  async function signOut() {
    await logout();
    // A full navigation drops every cached query and open subscription stream of the old session.
    window.location.assign("/login");
  }

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: "sm", collapsed: { mobile: !navbarOpened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger
              opened={navbarOpened}
              onClick={toggleNavbar}
              hiddenFrom="sm"
              size="sm"
              aria-label={t("shell.menu")}
              aria-expanded={navbarOpened}
              data-testid="nav-menu"
            />
            <Text fw={700}>TenantAtlas</Text>
            {!compact && (
              <>
                <WorkspaceSwitcher />
                <EnvironmentSwitcher />
              </>
            )}
          </Group>
          <Group gap="sm" wrap="nowrap">
            {!compact && <LanguageSwitch />}
            <NotificationBell />
            {!compact && (
              <>
                <Text
                  size="sm"
                  c="dimmed"
                  visibleFrom="lg"
                  data-testid="viewer-name"
                  className="truncate"
                  maw={180}
                  title={viewer.displayName}
                >
                  {viewer.displayName}
                </Text>
                <Button variant="subtle" size="xs" onClick={signOut} data-testid="sign-out">
                  {t("shell.signOut")}
                </Button>
              </>
            )}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t("shell.navigation")}>
        {compact && (
          <Stack gap="xs" mb="sm" data-testid="nav-controls">
            <WorkspaceSwitcher fullWidth />
            <EnvironmentSwitcher fullWidth />
            <LanguageSwitch />
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm" c="dimmed" className="truncate" title={viewer.displayName} data-testid="viewer-name">
                {viewer.displayName}
              </Text>
              <Button variant="subtle" size="xs" onClick={signOut} data-testid="sign-out">
                {t("shell.signOut")}
              </Button>
            </Group>
            <Divider />
          </Stack>
        )}
        {navigation.map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={t(item.labelKey)}
            active={isActive(item.to, location.pathname)}
            onClick={closeNavbar}
            data-testid={`nav-${item.to.slice(1)}`}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
