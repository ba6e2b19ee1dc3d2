import { readFileSync } from 'node:fs';
import { ConfigError, ConfigProblem } from '../config-error';
import { expectedErrorMap, issuesToProblems, valueProblems } from '../internal/problems';
import { YamlSource } from '../internal/yaml-source';
import { AppserviceRegistration } from './registration';
import { RegistrationFile, registrationSchema } from './registration.schema';
import { LoadedRegistration, registrationSetProblems } from './registration-set';

/**
 * Reads and validates the registration files of `app_service_config_files`. Throws ConfigError
 * listing every problem in every file, including those only the set shows: an ID, sender or token
 * used twice, and namespaces two application services both claim exclusively (see
 * registrationSetProblems). `serverName` makes the sender user IDs the namespaces are checked against.
 */
export function loadAppserviceRegistrations(
  files: readonly string[],
  serverName: string,
): AppserviceRegistration[] {
  const problems: ConfigProblem[] = [];
  const loaded: LoadedRegistration[] = [];
  for (const file of files) {
    const parsed = parseRegistrationFile(file);
    if (Array.isArray(parsed)) problems.push(...parsed);
    else loaded.push(parsed);
  }
  problems.push(...registrationSetProblems(loaded, serverName));
  if (problems.length > 0) throw new ConfigError(problems);
  return loaded.map((l) => l.registration);
}

/**
 * A registration given as a value rather than a file (a bridge the homeserver runs itself), checked
 * by the same schema; `label` names it in problem lines.
 */
export function registrationFromValue(value: unknown, label: string): AppserviceRegistration {
  const result = registrationSchema.safeParse(value, { errorMap: expectedErrorMap });
  if (!result.success) throw new ConfigError(valueProblems(result.error.issues, value, label));
  return normalize(result.data, label);
}

function parseRegistrationFile(file: string): LoadedRegistration | ConfigProblem[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const got = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : `error ${code}`;
    return [{ file, keyPath: '', expected: 'a readable registration file', got }];
  }
  const source = YamlSource.parse(text, file);
  if (Array.isArray(source)) return source;
  const result = registrationSchema.safeParse(source.value, { errorMap: expectedErrorMap });
  if (!result.success) return issuesToProblems(result.error.issues, registrationSchema, source, new Map());
  return { registration: normalize(result.data, file), source };
}

function normalize(raw: RegistrationFile, file: string): AppserviceRegistration {
  const pick = (list: { regex: string; exclusive: boolean }[] | null | undefined) =>
    (list ?? []).map(({ regex, exclusive }) => ({ regex, exclusive }));
  return {
    file,
    id: raw.id,
    url: raw.url === '' ? null : raw.url,
    as_token: raw.as_token,
    hs_token: raw.hs_token,
    sender_localpart: raw.sender_localpart,
    namespaces: {
      users: pick(raw.namespaces?.users),
      aliases: pick(raw.namespaces?.aliases),
      rooms: pick(raw.namespaces?.rooms),
    },
    rate_limited: raw.rate_limited ?? true,
    protocols: raw.protocols ?? [],
    receive_ephemeral: Boolean(
      raw.receive_ephemeral || raw.push_ephemeral || raw['de.sorunome.msc2409.push_ephemeral'],
    ),
    msc3202: raw['org.matrix.msc3202'] ?? false,
    msc4190: raw['io.element.msc4190'] ?? false,
  };
}
