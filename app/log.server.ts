// The app's log: one JSON object a line on stderr, so a log collector can filter by shop, webhook or job without
// parsing sentences. Each line has time, level and msg, then the context the caller knows (shop, webhookId, topic,
// job, jobId, path …) and, for a failure, the error's name, message and stack.
//
// pino would do the same; it is not a dependency, and these few lines are all the app needs. LOG_LEVEL (debug, info,
// warn, error, silent) sets the lowest level written; info by default.
export type LogContext = {
  shop?: string;
  webhookId?: string;
  topic?: string;
  job?: string;
  jobId?: number;
  path?: string;
  error?: unknown;
  [key: string]: unknown;
};

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = Exclude<keyof typeof LEVELS, "silent">;

export type Logger = {
  [level in LogLevel]: (msg: string, context?: LogContext) => void;
} & {
  /** A logger that adds `context` to every line (a job's name, the shop a request is for). */
  child(context: LogContext): Logger;
};

type Sink = (line: string) => void;

function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    const cause = error.cause === undefined ? {} : { cause: errorFields(error.cause) };
    return { name: error.name, message: error.message, stack: error.stack, ...cause };
  }
  return { message: String(error) };
}

function threshold(): number {
  const configured = (process.env.LOG_LEVEL ?? "info").toLowerCase();
  return configured in LEVELS ? LEVELS[configured as keyof typeof LEVELS] : LEVELS.info;
}

export function createLogger(base: LogContext = {}, sink: Sink = (line) => process.stderr.write(`${line}\n`)): Logger {
  const write = (level: LogLevel, msg: string, context: LogContext = {}) => {
    if (LEVELS[level] < threshold()) return;
    const { error, ...fields } = { ...base, ...context };
    const line: Record<string, unknown> = { time: new Date().toISOString(), level, msg, ...fields };
    if (error !== undefined) line.error = errorFields(error);
    let text: string;
    try {
      text = JSON.stringify(line);
    } catch {
      // A context value that cannot be serialised (a cycle, a BigInt) must not hide the message.
      text = JSON.stringify({ time: line.time, level, msg, ...(error !== undefined ? { error: line.error } : {}) });
    }
    sink(text);
  };
  return {
    debug: (msg, context) => write("debug", msg, context),
    info: (msg, context) => write("info", msg, context),
    warn: (msg, context) => write("warn", msg, context),
    error: (msg, context) => write("error", msg, context),
    child: (context) => createLogger({ ...base, ...context }, sink),
  };
}

export const log = createLogger();
