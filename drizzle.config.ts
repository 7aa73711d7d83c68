import { defineConfig } from "drizzle-kit";

// `npx drizzle-kit generate` writes SQL migrations from the module schemas into migrations/.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/modules/**/schema.ts",
  out: "./migrations",
});
