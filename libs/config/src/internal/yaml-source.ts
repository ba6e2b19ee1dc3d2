import { isMap, isScalar, isSeq, LineCounter, Node, parseDocument } from 'yaml';
import { ConfigProblem } from '../config-error';

export type KeyPath = readonly (string | number)[];

/** A parsed YAML file that can still say where a key path sits in the text. */
export class YamlSource {
  private constructor(
    readonly file: string,
    /** The document as plain data; an empty file is an empty mapping. */
    readonly value: unknown,
    private readonly root: unknown,
    private readonly lines: LineCounter,
  ) {}

  /** Parses `text`; syntax errors come back as problems, one per error, with line and column. */
  static parse(text: string, file: string): YamlSource | ConfigProblem[] {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
    if (doc.errors.length > 0) {
      return doc.errors.map((error) => ({
        file,
        keyPath: '',
        expected: 'valid YAML',
        got: `a syntax error: ${firstSentence(error.message)}`,
        line: error.linePos?.[0].line,
        col: error.linePos?.[0].col,
      }));
    }
    let value: unknown;
    try {
      value = doc.toJS();
    } catch (err) {
      // Alias expansion past yaml's limit ("billion laughs") is only found while building values.
      return [{ file, keyPath: '', expected: 'valid YAML', got: `an error: ${(err as Error).message}` }];
    }
    return new YamlSource(file, value ?? {}, doc.contents, lines);
  }

  /**
   * Where `path` is written: the key itself when `atKey` (an unknown key), else its value; for a
   * key that is missing, the nearest mapping or list that holds it.
   */
  position(path: KeyPath, atKey = false): { line: number; col: number } | undefined {
    let node: unknown = this.root;
    let at: unknown = node;
    for (const [i, segment] of path.entries()) {
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => String(isScalar(p.key) ? p.key.value : p.key) === String(segment),
        );
        if (pair === undefined) break;
        at = atKey && i === path.length - 1 ? pair.key : (pair.value ?? pair.key);
      } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
        at = node.items[segment];
      } else {
        break;
      }
      node = at;
    }
    const offset = (at as Node | null)?.range?.[0];
    return offset === undefined ? undefined : this.lines.linePos(offset);
  }
}

/** yaml's pretty messages go on with "at line L, column C:" and a code excerpt; keep one line. */
function firstSentence(message: string): string {
  return message.split(/ at line \d+|\n/)[0].trim();
}

/** The plain value at `path`, or undefined if it is not there. */
export function valueAt(value: unknown, path: KeyPath): unknown {
  let at = value;
  for (const segment of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string | number, unknown>)[segment];
  }
  return at;
}

/** `listeners[0].tls.certificate`. */
export function formatKeyPath(path: KeyPath): string {
  return path
    .map((segment, i) => {
      if (typeof segment === 'number') return `[${segment}]`;
      if (!/^[A-Za-z0-9_-]+$/.test(segment)) return `[${JSON.stringify(segment)}]`;
      return i === 0 ? segment : `.${segment}`;
    })
    .join('');
}
