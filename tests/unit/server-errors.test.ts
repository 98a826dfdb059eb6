import { afterEach, describe, expect, it, vi } from "vitest";
import { handleServerError } from "../../app/server-errors";

const request = () => new Request("https://app.example/favicon.ico");

/** The log's lines (app/log.server.ts writes JSON lines to stderr). */
function captureLog() {
  const lines: string[] = [];
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  return lines;
}

/** What Remix hands handleError for a request it answers itself with a 4xx (its router's ErrorResponseImpl). */
function routerErrorResponse(status: number, statusText: string, error: Error) {
  return { status, statusText, internal: true, data: error.toString(), error };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("handleServerError (entry.server's handleError)", () => {
  it("GIVEN Remix's 404 for an unknown URL or 405 for a route without that method THEN nothing is logged", () => {
    const log = captureLog();
    handleServerError(routerErrorResponse(404, "Not Found", new Error('No route matches URL "/favicon.ico"')), { request: request() });
    handleServerError(routerErrorResponse(405, "Method Not Allowed", new Error("You made a GET request")), { request: request() });
    expect(log).toEqual([]);
  });

  it("GIVEN a real server error THEN it is logged with its stack (logs are for the operator, not the response)", () => {
    const log = captureLog();
    const error = new Error("database went away");
    handleServerError(error, { request: request() });
    expect(log).toHaveLength(1);
    expect(JSON.parse(log[0]!)).toMatchObject({
      level: "error",
      msg: "request failed",
      path: "/favicon.ico",
      error: { name: "Error", message: "database went away", stack: error.stack },
    });
  });

  it("GIVEN the client went away (aborted request) THEN nothing is logged", () => {
    const log = captureLog();
    const controller = new AbortController();
    controller.abort();
    handleServerError(new Error("aborted"), { request: new Request("https://app.example/", { signal: controller.signal }) });
    expect(log).toEqual([]);
  });
});
