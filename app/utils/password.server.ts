import { hash, verify } from "@node-rs/argon2";

// argon2id at OWASP's floor: 19 MiB, t=2, p=1 (2 = Algorithm.Argon2id; the enum is const).
const options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
