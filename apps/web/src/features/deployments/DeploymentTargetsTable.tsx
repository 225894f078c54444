import { Anchor, Badge, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useFormatters } from "../../i18n/useFormatters";
import type { DeploymentDetail } from "./documents";

const outcomeColor: Record<string, string> = {
  SUCCEEDED: "green",
  PREVIEWED: "teal",
  PARTIALLY_SUCCEEDED: "yellow",
  BLOCKED: "orange",
  FAILED: "red",
};

/** One row per tenant: what its preview would create, update or leave alone, how it ended, its proof and its restore. */
export function DeploymentTargetsTable({ deployment }: { deployment: DeploymentDetail }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Table.ScrollContainer minWidth={640} type="native" tabIndex={0}>
      <Table striped data-testid="deployment-targets">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("deployments.detail.environment")}</Table.Th>
            <Table.Th ta="right">{t("deployments.detail.create")}</Table.Th>
            <Table.Th ta="right">{t("deployments.detail.update")}</Table.Th>
            <Table.Th ta="right">{t("deployments.detail.unchanged")}</Table.Th>
            <Table.Th>{t("deployments.detail.outcome")}</Table.Th>
            <Table.Th>{t("deployments.detail.proof")}</Table.Th>
            <Table.Th>{t("deployments.detail.restore")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {deployment.targets.map((target) => (
            <Table.Tr
              key={target.environment.id}
              data-testid="deployment-target"
              data-environment={target.environment.name}
              data-outcome={target.outcome}
              data-proven={String(target.proven)}
            >
              <Table.Td>
                <Text size="sm" fw={500} className="break-anywhere">
                  {target.environment.name}
                </Text>
              </Table.Td>
              <Table.Td ta="right" data-testid="deployment-target-create" data-value={target.create}>
                {format.number(target.create)}
              </Table.Td>
              <Table.Td ta="right" data-testid="deployment-target-update" data-value={target.update}>
                {format.number(target.update)}
              </Table.Td>
              <Table.Td ta="right" data-testid="deployment-target-unchanged" data-value={target.unchanged}>
                {format.number(target.unchanged)}
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={outcomeColor[target.outcome] ?? "blue"}>
                  {t(`labels.baselineDeploymentTargetOutcome.${target.outcome}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                {deployment.dryRun ? (
                  "—"
                ) : (
                  <Badge variant="outline" color={target.proven ? "green" : "gray"}>
                    {target.proven ? t("deployments.detail.proven") : t("deployments.detail.notProven")}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                {target.restoreRun ? (
                  <Anchor
                    component={Link}
                    to={`/restores/${encodeURIComponent(target.restoreRun.id)}`}
                    size="sm"
                    data-testid="deployment-target-restore"
                  >
                    {t("deployments.detail.openRestore")}
                  </Anchor>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t("deployments.detail.hidden")}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
