// Turns the bytes of an uploaded baseline file into JSON text. The files people have come from
// different tools: IntuneManagement writes UTF-16 LE with a byte order mark (PowerShell's default),
// the Intune portal and Graph answers are UTF-8, with or without a mark. The encoding is read from
// the mark, or, without one, from where the zero bytes of the first two characters sit: JSON text
// starts with an ASCII character, so that pattern decides it (the rule of RFC 4627, section 3).

export type FileEncoding = "utf-8" | "utf-16le" | "utf-16be";

export type DecodedFile = { ok: true; text: string; encoding: FileEncoding } | { ok: false; reason: string };

function detectEncoding(bytes: Uint8Array): { encoding: FileEncoding; skip: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", skip: 2 };
  if (bytes.length >= 2 && bytes[0] !== 0 && bytes[1] === 0) return { encoding: "utf-16le", skip: 0 };
  if (bytes.length >= 2 && bytes[0] === 0 && bytes[1] !== 0) return { encoding: "utf-16be", skip: 0 };
  return { encoding: "utf-8", skip: 0 };
}

export function decodeFile(bytes: Uint8Array): DecodedFile {
  const { encoding, skip } = detectEncoding(bytes);
  try {
    // fatal: a byte sequence that is not valid text in the detected encoding is refused, not replaced.
    const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(skip));
    return { ok: true, text, encoding };
  } catch {
    return { ok: false, reason: `The file is not valid ${encoding.toUpperCase()} text.` };
  }
}
