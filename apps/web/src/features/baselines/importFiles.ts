/**
 * Files chosen for a baseline import, named by their path inside a dropped or chosen folder so a
 * file that is not recognized can be found again. The API takes each file's bytes as base64 and
 * decodes UTF-8 or UTF-16 itself: the browser never reinterprets the text.
 */

/** The API's request body limit is 16 MB; base64 grows the bytes by a third, the rest is headroom. */
export const MAX_IMPORT_BYTES = 11 * 1024 * 1024;

/** The API's limit of files per import. */
export const MAX_IMPORT_FILES = 500;

export interface PickedFile {
  path: string;
  file: File;
}

/**
 * A file's path inside the folder it came from: react-dropzone's `path` for drops (which may start
 * with "./" or "/"), `webkitRelativePath` for a chosen folder, else its name.
 */
export function pathOf(file: File & { path?: string }): string {
  const path = file.path || file.webkitRelativePath || file.name;
  return path.replace(/^\.?\/+/, "");
}

/** Adds files to a pick, a file of the same path replacing the earlier one; in path order. */
export function addFiles(current: readonly PickedFile[], files: readonly File[]): PickedFile[] {
  const byPath = new Map(current.map((picked) => [picked.path, picked]));
  for (const file of files) {
    const path = pathOf(file);
    // Finder's and Explorer's own files are never exports.
    if (/(^|\/)(\.DS_Store|Thumbs\.db|desktop\.ini)$/i.test(path)) continue;
    byPath.set(path, { path, file });
  }
  return [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path));
}

export function totalBytes(files: readonly PickedFile[]): number {
  return files.reduce((sum, picked) => sum + picked.file.size, 0);
}

/** Base64 of bytes, in chunks so a large file does not overflow the argument list of fromCharCode. */
export function base64Of(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let offset = 0; offset < bytes.length; offset += chunk) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + chunk));
  }
  return btoa(binary);
}

export async function filesInput(files: readonly PickedFile[]): Promise<{ name: string; contentBase64: string }[]> {
  return Promise.all(
    files.map(async (picked) => ({ name: picked.path, contentBase64: base64Of(new Uint8Array(await picked.file.arrayBuffer())) })),
  );
}
