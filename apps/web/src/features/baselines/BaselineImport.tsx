import { Alert, Anchor, Button, Group, Paper, ScrollArea, Stack, Text, TextInput, Title } from "@mantine/core";
import { Dropzone } from "@mantine/dropzone";
import { type FormEvent, type InputHTMLAttributes, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMutation } from "urql";
import { errorMessage } from "../../graphql/errors";
import { interpretMutationResult } from "../../graphql/mutationResult";
import { useFormatters } from "../../i18n/useFormatters";
import { useSession } from "../../session/SessionProvider";
import { ImportBaselineMutation, type ImportedBaseline } from "./documents";
import { MAX_IMPORT_BYTES, MAX_IMPORT_FILES, type PickedFile, addFiles, filesInput, totalBytes } from "./importFiles";
import { VersionContent } from "./VersionContent";

type Outcome = { kind: "imported"; baseline: ImportedBaseline } | { kind: "refused"; message: string; lines: string[] };

/**
 * Import a baseline from exported files: drop files or a whole folder (or choose them), name it,
 * and see which objects were recognized and which files were not, each with its reason.
 */
export function BaselineImport({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { workspaceId } = useSession();
  const [name, setName] = useState("");
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [reading, setReading] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  // Not among React's input attributes: lets the file dialog choose a folder (its files, recursively).
  useEffect(() => {
    folderInput.current?.setAttribute("webkitdirectory", "");
  }, []);
  const [{ fetching }, importBaseline] = useMutation(ImportBaselineMutation);
  const dropInputProps: InputHTMLAttributes<HTMLInputElement> & { "data-testid": string } = {
    "aria-label": t("baselines.import.drop"),
    "data-testid": "baseline-drop-input",
  };
  const bytes = totalBytes(files);
  const tooMuch = bytes > MAX_IMPORT_BYTES || files.length > MAX_IMPORT_FILES;

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (!workspaceId || files.length === 0 || name.trim() === "" || tooMuch) return;
    setReading(true);
    const input = { workspaceId, name: name.trim(), files: await filesInput(files) };
    setReading(false);
    const response = await importBaseline({ input });
    if (response.error) {
      setOutcome({ kind: "refused", message: errorMessage(response.error), lines: [] });
      return;
    }
    const result = interpretMutationResult(response.data?.importBaseline, "BaselinePayload", t("common.unexpectedError"));
    if (result.kind === "success") {
      setOutcome({ kind: "imported", baseline: result.payload.baseline });
      setFiles([]);
      setName("");
      onImported();
    } else if (result.kind === "rejected") {
      setOutcome({ kind: "refused", message: result.message, lines: result.fieldErrors.map((error) => error.message) });
    } else {
      setOutcome({ kind: "refused", message: result.message, lines: [] });
    }
  }

  return (
    <Paper withBorder p="md" data-testid="baseline-import">
      <form onSubmit={handleSubmit}>
        <Stack gap="sm">
          <Title order={3}>{t("baselines.import.title")}</Title>
          <Text size="sm" c="dimmed">
            {t("baselines.import.hint")}
          </Text>
          <TextInput
            label={t("baselines.import.name")}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            maxLength={200}
            required
            data-testid="baseline-import-name"
          />
          <Dropzone
            onDrop={(dropped) => setFiles((current) => addFiles(current, dropped))}
            multiple
            inputProps={dropInputProps}
            data-testid="baseline-dropzone"
          >
            <Stack align="center" gap={4} py="md" style={{ pointerEvents: "none" }}>
              <Dropzone.Accept>
                <Text fw={500}>{t("baselines.import.dropActive")}</Text>
              </Dropzone.Accept>
              <Dropzone.Idle>
                <Text ta="center">{t("baselines.import.drop")}</Text>
              </Dropzone.Idle>
            </Stack>
          </Dropzone>
          <input
            ref={folderInput}
            type="file"
            multiple
            hidden
            onChange={(event) => {
              const chosen = [...(event.currentTarget.files ?? [])];
              setFiles((current) => addFiles(current, chosen));
              event.currentTarget.value = "";
            }}
            data-testid="baseline-folder-input"
          />
          <Group justify="space-between" gap="xs">
            <Button variant="default" size="xs" onClick={() => folderInput.current?.click()}>
              {t("baselines.import.chooseFolder")}
            </Button>
            {files.length > 0 && (
              <Group gap="xs">
                <Text size="sm" data-testid="baseline-chosen-count" data-count={files.length}>
                  {t("baselines.import.chosen", { count: files.length })} · {format.bytes(bytes)}
                </Text>
                <Button variant="subtle" size="compact-xs" onClick={() => setFiles([])}>
                  {t("baselines.import.clear")}
                </Button>
              </Group>
            )}
          </Group>
          {files.length > 0 && (
            <ScrollArea.Autosize mah={140} type="auto">
              <Stack gap={0}>
                {files.map((picked) => (
                  <Text key={picked.path} size="xs" c="dimmed" className="break-anywhere" data-testid="baseline-chosen-file">
                    {picked.path}
                  </Text>
                ))}
              </Stack>
            </ScrollArea.Autosize>
          )}
          {tooMuch && (
            <Alert color="yellow" data-testid="baseline-import-too-much">
              {t("baselines.import.tooMuch", { files: String(MAX_IMPORT_FILES), size: format.bytes(MAX_IMPORT_BYTES) })}
            </Alert>
          )}
          <Group>
            <Button
              type="submit"
              loading={reading || fetching}
              disabled={files.length === 0 || name.trim() === "" || tooMuch}
              data-testid="baseline-import-submit"
            >
              {reading ? t("baselines.import.reading") : t("baselines.import.submit")}
            </Button>
          </Group>
          {outcome?.kind === "refused" && (
            <Alert color="red" title={t("baselines.import.failed")} data-testid="baseline-import-refused">
              <Text size="sm" className="break-anywhere">
                {outcome.message}
              </Text>
              {outcome.lines.map((line) => (
                <Text key={line} size="xs" className="break-anywhere">
                  {line}
                </Text>
              ))}
            </Alert>
          )}
          {outcome?.kind === "imported" && (
            <Stack gap="sm" data-testid="baseline-import-result">
              <Alert color="green" title={t("baselines.import.done")}>
                <Anchor component={Link} to={`/baselines/${encodeURIComponent(outcome.baseline.id)}`} data-testid="baseline-import-open">
                  {t("baselines.import.open")}: {outcome.baseline.name}
                </Anchor>
              </Alert>
              <VersionContent version={outcome.baseline.latestVersion} />
            </Stack>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
