/** One thing wrong with the configuration, as one line of output. */
export interface ConfigProblem {
  /** The config file, or the environment variable ("$DATABASE_URL") the value came from. */
  file: string;
  /** `listeners[0].tls.certificate`; '' for the document as a whole. */
  keyPath: string;
  /** What the key takes: "an integer port from 1 to 65535". */
  expected: string;
  /** What it holds: `string "80a"`, "nothing (the key is missing)". */
  got: string;
  /** 1-based position in the file, when the problem has one. */
  line?: number;
  col?: number;
}

/**
 * Thrown by loadConfig, and only by it, with every problem found. The app prints format() to
 * stderr and exits 1; a stack trace would only hide the lines the operator needs.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly problems: ConfigProblem[]) {
    super(formatProblems(problems));
  }

  /** One line per problem: `<file>: <key.path>: expected <...>, got <...> (line L, col C)`. */
  format(): string {
    return formatProblems(this.problems);
  }
}

function formatProblems(problems: ConfigProblem[]): string {
  return problems.map(formatProblem).join('\n');
}

function formatProblem(p: ConfigProblem): string {
  const where = p.line === undefined ? '' : ` (line ${p.line}, col ${p.col ?? 1})`;
  return `${p.file}: ${p.keyPath || '(root)'}: expected ${p.expected}, got ${p.got}${where}`;
}
