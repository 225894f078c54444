import { Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ObjectTypeLabel } from "../shared/ObjectTypeLabel";
import type { VersionContent as Content } from "./documents";

const KNOWN_REASONS = [
  "NOT_TEXT",
  "NOT_JSON",
  "NOT_AN_OBJECT",
  "UNKNOWN_TYPE",
  "UNSUPPORTED_TYPE",
  "INCOMPLETE",
  "NO_NAME",
  "DUPLICATE",
  "TOO_LARGE",
] as const;
type KnownReason = (typeof KNOWN_REASONS)[number];
const isKnownReason = (reason: string): reason is KnownReason => (KNOWN_REASONS as readonly string[]).includes(reason);

/** A file the import did not take: the reason in the reader's language, the server's detail beside it. */
export function NotRecognizedTable({ files }: { files: { fileName: string; reason: string; message: string }[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={560} type="native" tabIndex={0}>
      <Table striped data-testid="baseline-not-recognized">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("baselines.import.file")}</Table.Th>
            <Table.Th>{t("baselines.import.reason")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {files.map((file) => (
            <Table.Tr key={file.fileName} data-testid="baseline-not-recognized-file" data-reason={file.reason} data-file={file.fileName}>
              <Table.Td className="break-anywhere">
                <Text size="sm">{file.fileName}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {isKnownReason(file.reason) ? t(`baselines.reasons.${file.reason}`) : file.reason}
                </Text>
                <Text size="xs" c="dimmed" className="break-anywhere">
                  {file.message}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A version's objects by type and name (with the file each came from), then the files it did not take. */
export function VersionContent({ version, title }: { version: Content; title?: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      {title ? (
        <Title order={4}>{title}</Title>
      ) : (
        <Text size="sm" fw={500} data-testid="baseline-recognized-count" data-count={version.items.length}>
          {t("baselines.import.recognized", { count: version.items.length })}
        </Text>
      )}
      <Table.ScrollContainer minWidth={560} type="native" tabIndex={0}>
        <Table striped data-testid="baseline-items">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("baselines.detail.type")}</Table.Th>
              <Table.Th>{t("baselines.detail.name")}</Table.Th>
              <Table.Th>{t("baselines.detail.source")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {version.items.map((item) => (
              <Table.Tr key={item.id} data-testid="baseline-item" data-type={item.objectType} data-name={item.displayName}>
                <Table.Td>
                  <ObjectTypeLabel type={item.objectType} />
                </Table.Td>
                <Table.Td className="break-anywhere">
                  <Text size="sm">{item.displayName}</Text>
                </Table.Td>
                <Table.Td className="break-anywhere">
                  <Text size="xs" c="dimmed">
                    {item.source.fileName ?? t(`baselines.origin.${item.source.kind === "backup" ? "backup" : "import"}`)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {version.notRecognizedFiles.length > 0 && (
        <>
          <Text size="sm" fw={500} data-testid="baseline-not-recognized-count" data-count={version.notRecognizedFiles.length}>
            {t("baselines.import.notRecognized", { count: version.notRecognizedFiles.length })}
          </Text>
          <NotRecognizedTable files={version.notRecognizedFiles} />
        </>
      )}
    </Stack>
  );
}
