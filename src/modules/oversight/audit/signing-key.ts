import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, sign, verify } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** An Ed25519 public key as checkpoints and dossiers carry it: the raw 32 bytes, base64. */
export type PublicKeyText = string;

/** A short, stable name of a public key: the first 16 hex digits of SHA-256 over its raw bytes. */
export function keyIdOf(publicKey: PublicKeyText): string {
  return createHash('sha256').update(Buffer.from(publicKey, 'base64')).digest('hex').slice(0, 16);
}

function rawPublicKey(key: KeyObject): PublicKeyText {
  // The SPKI encoding of an Ed25519 key is a fixed 12-byte header and the 32 raw bytes.
  return (key.export({ format: 'der', type: 'spki' }) as Buffer).subarray(12).toString('base64');
}

function publicKeyObject(publicKey: PublicKeyText): KeyObject {
  const raw = Buffer.from(publicKey, 'base64');
  if (raw.length !== 32) throw new Error('an Ed25519 public key is 32 bytes');
  return createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]), format: 'der', type: 'spki' });
}

export class SigningKey {
  readonly publicKey: PublicKeyText;
  readonly keyId: string;

  private constructor(private readonly privateKey: KeyObject) {
    this.publicKey = rawPublicKey(createPublicKey(privateKey));
    this.keyId = keyIdOf(this.publicKey);
  }

  /**
   * The key in `path` (PEM, PKCS#8, Ed25519). Unless it was given, a missing key is generated there,
   * readable by the service's user only: checkpoints are signed from the first start, without set-up.
   */
  static load(path: string, { generate }: { generate: boolean }): SigningKey {
    if (!existsSync(path)) {
      if (!generate) throw new Error(`No audit signing key at ${path}`);
      mkdirSync(dirname(path), { recursive: true });
      const { privateKey } = generateKeyPairSync('ed25519');
      try {
        writeFileSync(path, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
      } catch (error) {
        // Another process created it first: use theirs.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      chmodSync(path, 0o600);
    }
    const key = createPrivateKey(readFileSync(path));
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`The audit signing key at ${path} is ${key.asymmetricKeyType}, not Ed25519`);
    return new SigningKey(key);
  }

  sign(payload: string): string {
    return sign(null, Buffer.from(payload, 'utf8'), this.privateKey).toString('base64');
  }
}

/** Whether `signature` (base64) is `publicKey`'s signature of `payload`; false for anything malformed. */
export function verifySignature(publicKey: PublicKeyText, payload: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(payload, 'utf8'), publicKeyObject(publicKey), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** Reads a public key given as base64 raw bytes, or as a PEM file's text (SPKI or the private key). */
export function parsePublicKey(text: string): PublicKeyText {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN')) return rawPublicKey(createPublicKey(trimmed));
  publicKeyObject(trimmed);
  return trimmed;
}
