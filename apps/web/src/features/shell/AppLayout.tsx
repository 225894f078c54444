import { AppShell, Burger, Button, Group, NavLink, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
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
  { to: "/operations", labelKey: "nav.operations" },
  { to: "/inventory", labelKey: "nav.inventory" },
  { to: "/backups", labelKey: "nav.backups" },
  { to: "/restores", labelKey: "nav.restores" },
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
  const [navbarOpened, { toggle: toggleNavbar }] = useDisclosure();

  async function signOut() {
    await logout();
    // A full navigation drops every cached query and open subscription stream of the old session.
    window.location.assign("/login");
  }

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: "sm", collapsed: { mobile: !navbarOpened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={navbarOpened} onClick={toggleNavbar} hiddenFrom="sm" size="sm" />
            <Text fw={700}>TenantAtlas</Text>
            <WorkspaceSwitcher />
            <EnvironmentSwitcher />
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            <NotificationBell />
            <Text size="sm" c="dimmed" visibleFrom="md" data-testid="viewer-name">
              {viewer.displayName}
            </Text>
            <Button variant="subtle" size="xs" onClick={signOut} data-testid="sign-out">
              {t("shell.signOut")}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        {navigation.map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={t(item.labelKey)}
            active={isActive(item.to, location.pathname)}
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
