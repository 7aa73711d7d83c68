import type { Db } from "../../app/db.ts";
import { DomainError } from "../../lib/errors.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";
import { ROLES, type Role } from "./schema.ts";

export type UserSummary = {
  id: number;
  email: string;
  name: string;
  role: Role;
  accountId: number | null;
  accountName: string | null;
};

const SELECT_USER = `select u.id, u.email, u.name, u.role, u.account_id as "accountId", a.name as "accountName"
  from users u left join accounts a on a.id = u.account_id`;

// Checked even when the email is unknown, so response time does not reveal which emails exist.
const DUMMY_HASH =
  "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$6cLnyGV9nDF0CeUwZMOWSGe3lMsMFzTS7OrTU8bRBvk";

export async function authenticate(db: Db, email: string, password: string): Promise<UserSummary | null> {
  const result = await db.pool.query(
    `select u.password_hash, u.active, u.id from users u where lower(u.email) = lower($1)`,
    [email],
  );
  const row = result.rows[0];
  const ok = await verifyPassword(row?.password_hash ?? DUMMY_HASH, password);
  if (!row || !ok || !row.active) return null;
  return getUser(db, row.id);
}

export async function getUser(db: Db, id: number): Promise<UserSummary | null> {
  const result = await db.pool.query(`${SELECT_USER} where u.id = $1`, [id]);
  return result.rows[0] ?? null;
}

export async function listUsers(db: Db): Promise<UserSummary[]> {
  const result = await db.pool.query(`${SELECT_USER} order by u.role, u.email`);
  return result.rows;
}

export type NewUser = { email: string; name: string; password: string; role: Role; accountNumber?: string };

export async function createUser(db: Db, input: NewUser): Promise<UserSummary> {
  if (!ROLES.includes(input.role)) {
    throw new DomainError(
      "VALIDATION_FAILED",
      `Unknown role "${input.role}"; use one of ${ROLES.join(", ")}`,
    );
  }
  if (input.password.length < 8)
    throw new DomainError("VALIDATION_FAILED", "Password must be at least 8 characters");
  let accountId: number | null = null;
  if (input.role === "buyer") {
    if (!input.accountNumber)
      throw new DomainError("VALIDATION_FAILED", "A buyer needs the customer account number");
    const account = await db.pool.query("select id from accounts where number = $1", [input.accountNumber]);
    if (!account.rows[0]) throw new DomainError("UNKNOWN_ACCOUNT", `No account ${input.accountNumber}`);
    accountId = account.rows[0].id;
  } else if (input.accountNumber) {
    throw new DomainError("VALIDATION_FAILED", "Only buyers belong to a customer account");
  }
  const existing = await db.pool.query("select 1 from users where lower(email) = lower($1)", [input.email]);
  if (existing.rows.length)
    throw new DomainError("CONFLICT", `A user with email ${input.email} already exists`);
  const hash = await hashPassword(input.password);
  const inserted = await db.pool.query(
    "insert into users (email, name, password_hash, role, account_id) values ($1, $2, $3, $4, $5) returning id",
    [input.email, input.name, hash, input.role, accountId],
  );
  return (await getUser(db, inserted.rows[0].id))!;
}
