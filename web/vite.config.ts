import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The web app lives in web/ and is built to web/dist, which the Fastify server serves
// (with an SPA fallback to index.html). In development, `vite --config web/vite.config.ts`
// proxies /api to a locally running server.
const root = fileURLToPath(new URL(".", import.meta.url));
const apiTarget = process.env.WHOLESAIL_API_URL ?? "http://127.0.0.1:3000";

export default defineConfig({
  root,
  base: "/",
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: {
      "/api": { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      "/api": { target: apiTarget, changeOrigin: false },
    },
  },
});
