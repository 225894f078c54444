import { Badge, Button, Center, Group, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useLabels } from "../../i18n/useLabels";
import { useSession } from "../../session/SessionProvider";
import { BackUpNowButton } from "../backups/BackUpNowButton";
import { SyncInventoryButton } from "./SyncInventoryButton";

export function EnvironmentsPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { environments, environmentsLoading, environment: selected, selectEnvironment, can, membership } = useSession();
  const canSync = can("inventory.sync");
  const canBackup = can("backup.run");

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t("environments.title")}</Title>
        {membership && <Badge variant="outline">{t("environments.role", { role: labels.role(membership.role) })}</Badge>}
      </Group>
      {environmentsLoading && environments.length === 0 ? (
        <Center>
          <Loader size="sm" />
        </Center>
      ) : environments.length === 0 ? (
        <Text c="dimmed">{t("environments.empty")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={620} type="native" tabIndex={0}>
          <Table striped highlightOnHover data-testid="environments-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("environments.columns.name")}</Table.Th>
                <Table.Th>{t("environments.columns.providerTenantId")}</Table.Th>
                <Table.Th>{t("environments.columns.actions")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {environments.map((environment) => (
                <Table.Tr key={environment.id} data-testid={`environment-row-${environment.name}`}>
                  <Table.Td>
                    <Group gap="xs">
                      <Text fw={500}>{environment.name}</Text>
                      {selected?.id === environment.id && (
                        <Badge size="xs" variant="light">
                          {t("environments.selected")}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text ff="monospace" size="sm">
                      {environment.providerTenantId}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      {canSync && <SyncInventoryButton environment={environment} />}
                      {canBackup && <BackUpNowButton environment={environment} variant="light" />}
                      <Button size="xs" variant="subtle" component={Link} to="/inventory" onClick={() => selectEnvironment(environment.id)}>
                        {t("environments.browseInventory")}
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        component={Link}
                        to="/backups"
                        onClick={() => selectEnvironment(environment.id)}
                        data-testid={`backups-${environment.name}`}
                      >
                        {t("backups.openBackups")}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
