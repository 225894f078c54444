// The items of a baseline version, built from the two sources a baseline has: a backup's items
// (whose policy versions are already normalized) and imported files (normalized here by the same
// normalizeCapture a backup uses). Either way an item's payload equals what a capture of the same
// object would store, so baseline items and policy versions compare directly.

import {
  type ContractKey,
  contentHash,
  contractFor,
  type GraphObject,
  normalizeCapture,
  normalizePayload,
  type NormalizedPayload,
} from "@atlas/graph-client";
import type { BackupItem, PolicyVersion } from "@atlas/db";
import { type BaselineFileFormat, isRecognized, NOT_RECOGNIZED_REASONS, type NotRecognizedFile, recognizeFile } from "./recognize-file.ts";

export type BaselineItemSource =
  | { kind: "backup"; backupSetId: string; backupItemId: string; policyVersionId: string; environmentId: string; providerId: string }
  | { kind: "file"; fileName: string; format: BaselineFileFormat };

export interface BaselineItemDraft {
  objectType: string;
  displayName: string;
  normalizedPayload: NormalizedPayload;
  contentHash: string;
  source: BaselineItemSource;
}

export interface BaselineFile {
  name: string;
  bytes: Uint8Array;
}

/** A file larger than this is no single Intune object (the largest real policies are a few hundred KB). */
export const MAX_BASELINE_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_BASELINE_FILES = 500;

/** Type and name identify an object across tenants: a tenant's object is matched to an item by both. */
export function itemKeyOf(item: { objectType: string; displayName: string }): string {
  return `${item.objectType}\u0000${item.displayName}`;
}

/**
 * A baseline holds one object per type and name; types whose objects are told apart by kind as well
 * (mobile apps: Outlook for iOS and for Android share a name) are left out of baselines until their
 * items carry the kind too.
 */
export function isBaselineType(objectType: string): boolean {
  return !contractFor(objectType as ContractKey).identityIncludesODataType;
}

export function itemsFromBackup(backupSetId: string, items: Array<BackupItem & { policyVersion: PolicyVersion }>): BaselineItemDraft[] {
  return items
    .filter((item) => isBaselineType(item.objectType))
    .map((item) => ({
      objectType: item.objectType,
      displayName: item.displayName,
      normalizedPayload: item.policyVersion.normalizedPayload as NormalizedPayload,
      contentHash: item.policyVersion.contentHash,
      source: {
        kind: "backup",
        backupSetId,
        backupItemId: item.id,
        policyVersionId: item.policyVersionId,
        environmentId: item.managedEnvironmentId,
        providerId: item.providerId,
      },
    }));
}

export interface FileImport {
  items: BaselineItemDraft[];
  notRecognized: NotRecognizedFile[];
}

/** Every file is either an item (or several, for a Graph list answer) or listed with its reason. */
export function itemsFromFiles(files: readonly BaselineFile[]): FileImport {
  const items: BaselineItemDraft[] = [];
  const notRecognized: NotRecognizedFile[] = [];
  const firstFileOf = new Map<string, string>();
  for (const file of files) {
    if (file.bytes.byteLength > MAX_BASELINE_FILE_BYTES) {
      notRecognized.push({
        fileName: file.name,
        reason: NOT_RECOGNIZED_REASONS.tooLarge,
        message: `The file has ${file.bytes.byteLength} bytes; one object's file has at most ${MAX_BASELINE_FILE_BYTES}.`,
      });
      continue;
    }
    for (const result of recognizeFile(file.name, file.bytes)) {
      if (!isRecognized(result)) {
        notRecognized.push(result);
        continue;
      }
      const key = itemKeyOf(result);
      const earlier = firstFileOf.get(key);
      if (earlier) {
        notRecognized.push({
          fileName: result.fileName,
          reason: NOT_RECOGNIZED_REASONS.duplicate,
          message: `${earlier} already holds the ${contractFor(result.objectType).label.toLowerCase()} "${result.displayName}".`,
        });
        continue;
      }
      firstFileOf.set(key, result.fileName);
      // A file without assignments says nothing about them: the payload leaves them out rather than
      // claiming "assigned to nobody".
      const normalizedPayload = result.assignments
        ? normalizeCapture(result.objectType, { raw: result.raw, assignments: result.assignments as GraphObject[] })
        : normalizePayload(result.objectType, result.raw);
      items.push({
        objectType: result.objectType,
        displayName: result.displayName,
        normalizedPayload,
        contentHash: contentHash(normalizedPayload),
        source: { kind: "file", fileName: result.fileName, format: result.format },
      });
    }
  }
  return { items, notRecognized };
}
