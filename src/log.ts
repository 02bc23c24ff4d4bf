// Structured logging: one JSON object per line on stderr, filtered by level.
const levels = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof levels;
export type Logger = Record<Exclude<LogLevel, "silent">, (msg: string, fields?: object) => void>;

export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stderr.write(line),
): Logger {
  const at =
    (name: Exclude<LogLevel, "silent">) =>
    (msg: string, fields: object = {}) => {
      if (levels[name] < levels[level]) return;
      write(`${JSON.stringify({ time: new Date().toISOString(), level: name, msg, ...fields })}\n`);
    };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
