import path from "node:path";

export type Config = {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  sessionSecret: string;
  logLevel: string;
  secureCookies: boolean;
  loginAttemptsPerMinute: number;
  // Outbound mail: smtp://host:port (unset: mail is stored and readable in the app, not sent).
  smtpUrl?: string;
  mailFrom: string;
};

/** Reads configuration from the environment; every setting has a sensible default for a laptop. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? "127.0.0.1",
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.WHOLESAIL_DATA_DIR ?? "data"),
    // Sessions live in Postgres and the cookie holds a signed random id; a fixed dev secret only
    // means signatures are predictable, so production must set one.
    sessionSecret: env.SESSION_SECRET ?? "wholesail-development-secret-change-me-in-production",
    // Request logs are "info"; a newcomer's terminal stays quiet unless asked.
    logLevel: env.LOG_LEVEL ?? "warn",
    secureCookies: env.SECURE_COOKIES === "1",
    loginAttemptsPerMinute: Number(env.WHOLESAIL_LOGIN_ATTEMPTS_PER_MINUTE ?? 10),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? "Wholesail <wholesail@localhost>",
  };
}
