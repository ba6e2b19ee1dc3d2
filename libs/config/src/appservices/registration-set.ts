import { ConfigProblem } from '../config-error';
import { describeValue } from '../internal/problems';
import { formatKeyPath, KeyPath, YamlSource } from '../internal/yaml-source';
import { anchoredNamespaceRegex, namespaceSample } from './namespace-sample';
import { AppserviceRegistration } from './registration';

/** A valid registration and the file it was read from, which can still say where its keys sit. */
export interface LoadedRegistration {
  registration: AppserviceRegistration;
  source: YamlSource;
}

const KINDS = ['users', 'aliases', 'rooms'] as const;

interface ExclusiveRule {
  owner: LoadedRegistration;
  path: KeyPath;
  regex: string;
  matcher: RegExp;
  sample: string | undefined;
}

/**
 * What no single file shows. Each problem is reported on the later file, naming the earlier one:
 * - an ID, a sender_localpart or a token (as_token or hs_token, in any pairing) used twice;
 * - an as_token equal to its own hs_token, with which the application service could not tell
 *   the homeserver's requests from its own answers;
 * - an exclusive namespace that another application service also claims exclusively: the same
 *   regex, or one that matches a sample ID of the other (an ID both claim, see namespaceSample);
 * - a sender user that falls in another application service's exclusive user namespace.
 * Sharing a non-exclusive namespace is fine: the spec lets several services watch the same IDs.
 */
export function registrationSetProblems(
  loaded: readonly LoadedRegistration[],
  serverName: string,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const ids = new Map<string, LoadedRegistration>();
  const senders = new Map<string, LoadedRegistration>();
  const tokens = new Map<string, { owner: LoadedRegistration; key: string }>();
  const exclusive: Record<(typeof KINDS)[number], ExclusiveRule[]> = { users: [], aliases: [], rooms: [] };

  for (const l of loaded) {
    const r = l.registration;
    const problem = (path: KeyPath, expected: string, got: string) =>
      problems.push(problemAt(l, path, expected, got));

    const sameId = ids.get(r.id);
    if (sameId) {
      problem(
        ['id'],
        'an ID no other registration uses',
        `${describeValue(r.id)}, the ID of ${where(sameId, ['id'])}`,
      );
    } else ids.set(r.id, l);

    const sameSender = senders.get(r.sender_localpart);
    if (sameSender) {
      problem(
        ['sender_localpart'],
        'a sender_localpart no other registration uses',
        `${describeValue(r.sender_localpart)}, the sender of ${where(sameSender, ['sender_localpart'])}`,
      );
    } else senders.set(r.sender_localpart, l);

    if (r.as_token === r.hs_token) {
      problem(
        ['hs_token'],
        'an hs_token different from the as_token (each side must know the other by it)',
        'the same string as as_token (not shown: a secret)',
      );
    }
    for (const key of ['as_token', 'hs_token'] as const) {
      const same = tokens.get(r[key]);
      if (same && same.owner !== l) {
        problem(
          [key],
          'a token no other registration uses',
          `the ${same.key} of ${where(same.owner, [same.key])} (not shown: a secret)`,
        );
      } else if (!same) tokens.set(r[key], { owner: l, key });
    }

    for (const kind of KINDS) {
      r.namespaces[kind].forEach((rule, i) => {
        if (!rule.exclusive) return;
        const path = ['namespaces', kind, i, 'regex'];
        const mine: ExclusiveRule = {
          owner: l,
          path,
          regex: rule.regex,
          matcher: anchoredNamespaceRegex(rule.regex),
          sample: namespaceSample(rule.regex),
        };
        const clash = exclusive[kind]
          .map((theirs) => ({ theirs, overlap: overlap(mine, theirs) }))
          .find(({ theirs, overlap }) => theirs.owner !== l && overlap !== undefined);
        if (clash) {
          problem(
            path,
            'an exclusive namespace no other application service claims exclusively',
            `${describeValue(rule.regex)}, ${clash.overlap} ${where(clash.theirs.owner, clash.theirs.path)}`,
          );
        }
        exclusive[kind].push(mine);
      });
    }
  }

  for (const l of loaded) {
    const sender = `@${l.registration.sender_localpart}:${serverName}`;
    const owner = exclusive.users.find((rule) => rule.owner !== l && rule.matcher.test(sender));
    if (owner) {
      problems.push(
        problemAt(
          l,
          ['sender_localpart'],
          'a sender user outside the exclusive namespaces of other application services',
          `${describeValue(l.registration.sender_localpart)}: ${sender} is claimed by ${where(owner.owner, owner.path)}`,
        ),
      );
    }
  }
  return problems;
}

/** How two exclusive rules overlap, in words, or undefined when no shared ID was found. */
function overlap(a: ExclusiveRule, b: ExclusiveRule): string | undefined {
  if (a.regex === b.regex) return 'the same regex as';
  const shared = [a.sample, b.sample].find(
    (sample) => sample !== undefined && a.matcher.test(sample) && b.matcher.test(sample),
  );
  return shared === undefined ? undefined : `which claims ${JSON.stringify(shared)} as does`;
}

function problemAt(l: LoadedRegistration, path: KeyPath, expected: string, got: string): ConfigProblem {
  return {
    file: l.registration.file,
    keyPath: formatKeyPath(path),
    expected,
    got,
    ...l.source.position(path),
  };
}

/** `other.yaml (namespaces.users[0].regex, line 7)`: where the other half of a clash is written. */
function where(l: LoadedRegistration, path: KeyPath): string {
  const position = l.source.position(path);
  const line = position ? `, line ${position.line}` : '';
  return `${l.registration.file} (${formatKeyPath(path)}${line})`;
}
