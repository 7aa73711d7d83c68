// API keys for integrations: a random secret shown once, stored as a SHA-256 hash. A fast hash is
// right here (unlike passwords) because the key has 256 bits of entropy; nothing to brute-force.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "../../app/db.ts";
import { DomainError } from "../../lib/errors.ts";

export const API_SCOPES = [
  "orders:read",
  "orders:write",
  "catalog:read",
  "accounts:read",
  "edi:read",
  "edi:write",
  "pricing:read",
  "pricing:write",
  "exceptions:read",
  "exceptions:write",
  "notifications:read",
  "notifications:write",
  "mail:read",
  "shipments:write",
  "inventory:write",
] as const;

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export async function createApiKey(db: Db, userId: number, name: string, scopes: string[]) {
  const unknown = scopes.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
  if (unknown.length) throw new DomainError("VALIDATION_FAILED", `Unknown scopes: ${unknown.join(", ")}`);
  const prefix = randomBytes(6).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  const key = `wsk_${prefix}_${secret}`;
  const result = await db.pool.query(
    "insert into api_keys (name, prefix, key_hash, scopes, user_id) values ($1, $2, $3, $4, $5) returning id, created_at",
    [name, prefix, sha256(key), scopes, userId],
  );
  return { id: result.rows[0].id as number, name, prefix, scopes, key };
}

export async function listApiKeys(db: Db) {
  const result = await db.pool.query(
    `select k.id, k.name, k.prefix, k.scopes, k.created_at as "createdAt", k.last_used_at as "lastUsedAt",
            k.revoked_at as "revokedAt", u.email as "userEmail"
       from api_keys k join users u on u.id = k.user_id order by k.id`,
  );
  return result.rows;
}

export async function revokeApiKey(db: Db, id: number): Promise<boolean> {
  const result = await db.pool.query(
    "update api_keys set revoked_at = now() where id = $1 and revoked_at is null",
    [id],
  );
  return (result.rowCount ?? 0) > 0;
}

/** Returns the key's user and scopes, or null when the key is unknown, revoked or malformed. */
export async function resolveApiKey(db: Db, key: string) {
  const match = /^wsk_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/.exec(key);
  if (!match) return null;
  const result = await db.pool.query(
    `select k.id, k.key_hash, k.scopes, u.id as "userId", u.role, u.account_id as "accountId", u.name, u.email
       from api_keys k join users u on u.id = k.user_id
      where k.prefix = $1 and k.revoked_at is null and u.active`,
    [match[1]],
  );
  const row = result.rows[0];
  if (!row) return null;
  const expected = Buffer.from(row.key_hash, "hex");
  if (!timingSafeEqual(expected, Buffer.from(sha256(key), "hex"))) return null;
  db.pool.query("update api_keys set last_used_at = now() where id = $1", [row.id]).catch(() => {});
  return row as {
    userId: number;
    role: any;
    accountId: number | null;
    name: string;
    email: string;
    scopes: string[];
  };
}
