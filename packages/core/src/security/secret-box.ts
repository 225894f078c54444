import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * AES-256-GCM for provider credentials at rest. The key comes from ATLAS_SECRET_KEY (32 bytes,
 * base64); without it a development key is generated once into the data dir, so a fresh clone
 * works and production must set its own.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  static fromKey(base64Key: string): SecretBox {
    const key = Buffer.from(base64Key, "base64");
    if (key.length !== 32) throw new Error("ATLAS_SECRET_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32).");
    return new SecretBox(key);
  }

  static fromEnvironment(dataDir: string): SecretBox {
    const configured = process.env.ATLAS_SECRET_KEY;
    if (configured) return SecretBox.fromKey(configured);
    const file = path.join(dataDir, "dev-secret.key");
    if (!existsSync(file)) {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
    }
    return SecretBox.fromKey(readFileSync(file, "utf8").trim());
  }

  /** A separate key per purpose (e.g. signing download links), derived so the master key never signs. */
  deriveKey(purpose: string): Buffer {
    return Buffer.from(hkdfSync("sha256", this.key, Buffer.alloc(0), `tenantatlas:${purpose}`, 32));
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    const tag = cipher.getAuthTag();
    return ["v1", iv, tag, ciphertext].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
  }

  decrypt(envelope: string): string {
    const [version, iv, tag, ciphertext] = envelope.split(".");
    if (version !== "v1" || !iv || !tag || !ciphertext) throw new Error("Unknown secret envelope format.");
    const decipher = createDecipheriv("aes-256-gcm", this.key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  }
}
