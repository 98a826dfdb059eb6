// The production build every HTTP bench measures (not the demo build, which carries demo routes).
import { execFileSync } from "node:child_process";
import path from "node:path";

export function buildProductionApp(root: string) {
  console.log("building the app (remix vite:build → build/, keeping build/demo) …");
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
  delete env.LOYALTY_DEMO; // a demo build goes to build/demo and carries demo routes; we want the production one
  try {
    const viteConfig = path.join(root, "scripts", "bench", "vite.config.ts");
    execFileSync(path.join(root, "node_modules", ".bin", "remix"), ["vite:build", "--config", viteConfig], { cwd: root, env, stdio: "pipe" });
  } catch (error) {
    const output = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`build failed:\n${output.stdout ?? ""}${output.stderr ?? ""}`);
  }
}
