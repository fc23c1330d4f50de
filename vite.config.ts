import { defineConfig } from "vite";

// The analyst page: src/web is the Vite root; the bundle lands in dist/web, which `redline serve` serves at /.
export default defineConfig({
  root: "src/web",
  base: "/",
  logLevel: "warn",
  build: { outDir: "../../dist/web", emptyOutDir: true, target: "es2022" },
});
