// Signs in through the real login route and returns headers that carry the session and CSRF token.
import type { FastifyInstance } from "fastify";
import { PASSWORD } from "./fixture.ts";

export type Session = { cookie: string; csrf: string; headers: Record<string, string> };

export async function signIn(app: FastifyInstance, email: string, password = PASSWORD): Promise<Session> {
  const response = await app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password } });
  if (response.statusCode !== 200)
    throw new Error(`sign-in as ${email} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const csrf = response.json().csrfToken as string;
  return { cookie, csrf, headers: { cookie, "x-csrf-token": csrf } };
}
