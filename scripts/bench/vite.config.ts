// The project's Vite config, except that the build does not empty build/ first. Remix's `vite:build` otherwise
// deletes the whole build directory, including build/demo, which a demo running alongside still serves from.
// Used only by scripts/bench-webhooks.ts; the output is the same production build `npm run build` makes.
import { mergeConfig } from "vite";
import projectConfig from "../../vite.config";

export default mergeConfig(projectConfig, { build: { emptyOutDir: false } });
