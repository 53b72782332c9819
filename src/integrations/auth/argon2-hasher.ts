/** Password hashing with argon2id (OWASP's recommended parameters: 19 MiB, t=2, p=1). */
import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '../../services/ports.js';

const Argon2id = 2;

export const argon2Hasher: PasswordHasher = {
  hash: (password) =>
    hash(password, { algorithm: Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 }),
  verify: async (digest, password) => {
    try {
      return await verify(digest, password);
    } catch {
      return false;
    }
  },
};
