import { Button, Group, Paper, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import type { DriftFindingKind, DriftFindingState } from "../../graphql/generated/graphql";
import { useLabels } from "../../i18n/useLabels";
import { DiffTable } from "../policy-history/DiffTable";
import { EnumBadge } from "../shared/EnumBadge";
import { ObjectTypeLabel } from "../shared/ObjectTypeLabel";
import { Time } from "../shared/Time";
import type { DriftFindingRow } from "./documents";

const kindColors = { MISSING: "red", CHANGED: "orange", UNMANAGED: "gray", AMBIGUOUS: "yellow" } as const satisfies Record<
  DriftFindingKind,
  string
>;
const stateColors = { OPEN: "blue", ACCEPTED: "teal", REVERTED: "grape", RESOLVED: "green" } as const satisfies Record<
  DriftFindingState,
  string
>;

/** Only changed and missing objects can be put back: a restore writes what the baseline holds. */
const REVERTIBLE: DriftFindingKind[] = ["CHANGED", "MISSING"];

interface FindingCardProps {
  finding: DriftFindingRow;
  canAccept: boolean;
  canRevert: boolean;
  reverting: boolean;
  onAccept: (finding: DriftFindingRow) => void;
  onRevert: (finding: DriftFindingRow) => void;
}

/** One finding: what and where first, the setting diff on demand, then who acted, then the actions. */
export function FindingCard({ finding, canAccept, canRevert, reverting, onAccept, onRevert }: FindingCardProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [diffShown, { toggle }] = useDisclosure(false);
  const open = finding.state === "OPEN";
  const settings = finding.settingChanges.length;
  return (
    <Paper
      withBorder
      p="sm"
      data-testid="drift-finding"
      data-kind={finding.kind}
      data-state={finding.state}
      data-name={finding.displayName}
    >
      <Stack gap="xs">
        <Group gap="xs" wrap="wrap">
          <EnumBadge value={finding.kind} colors={kindColors} label={t(`labels.driftFindingKind.${finding.kind}`)} dataName="kind" />
          <EnumBadge
            value={finding.state}
            colors={stateColors}
            label={t(`labels.driftFindingState.${finding.state}`)}
            variant="light"
            dataName="state"
          />
          <ObjectTypeLabel type={finding.objectType} />
        </Group>
        <Text fw={600} data-testid="drift-finding-name">
          {finding.displayName}
        </Text>
        <Text size="xs" c="dimmed">
          {t("fleet.findings.baseline", { name: finding.baseline.name })} · {t("fleet.findings.firstSeen")}{" "}
          <Time value={finding.createdAt} />
        </Text>
        {finding.kind === "CHANGED" && settings > 0 ? (
          <Stack gap="xs">
            <Group gap="xs">
              <Text size="sm">{t("fleet.findings.settings", { count: settings })}</Text>
              <Button size="compact-xs" variant="subtle" onClick={toggle} aria-expanded={diffShown} data-testid="drift-finding-toggle">
                {diffShown ? t("fleet.findings.hideDiff") : t("fleet.findings.showDiff")}
              </Button>
            </Group>
            {diffShown && (
              <DiffTable
                changes={finding.settingChanges.map((change) => ({
                  kind: change.kind,
                  path: change.path,
                  before: change.expected ?? null,
                  after: change.actual ?? null,
                }))}
                columns={{ before: t("fleet.findings.expected"), after: t("fleet.findings.actual") }}
              />
            )}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {t(`fleet.findings.noSettings.${finding.kind}`)}
          </Text>
        )}
        {finding.actedBy && (
          <Text size="sm" data-testid="drift-finding-acted">
            {t("fleet.findings.acted", {
              state: t(`labels.driftFindingState.${finding.state}`),
              who: labels.actor(finding.actedBy, finding.actedByName),
            })}{" "}
            <Time value={finding.actedAt} />
          </Text>
        )}
        {finding.reason && (
          <Text size="sm" c="dimmed" className="break-anywhere">
            {t("fleet.findings.reason", { reason: finding.reason })}
          </Text>
        )}
        {open && (canAccept || (canRevert && REVERTIBLE.includes(finding.kind))) && (
          <Group gap="xs">
            {canAccept && (
              <Button size="xs" variant="light" onClick={() => onAccept(finding)} data-testid="drift-accept">
                {t("fleet.findings.accept")}
              </Button>
            )}
            {canRevert && REVERTIBLE.includes(finding.kind) && (
              <Button
                size="xs"
                variant="light"
                color="orange"
                loading={reverting}
                onClick={() => onRevert(finding)}
                data-testid="drift-revert"
              >
                {t("fleet.findings.revert")}
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
