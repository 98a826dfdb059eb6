// Types of server.mjs (plain JavaScript so that production starts it with Node alone).
import type { Server } from "node:http";

export const DEFAULT_HOST: string;
export function serveBuild(options: { buildEntry: string; clientDirectory: string; port: number; host?: string }): Promise<Server>;
export function hotResourceRoutes(build: unknown): Map<string, unknown>;
