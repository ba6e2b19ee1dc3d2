import { readFileSync } from 'node:fs';
import { ConfigError, ConfigProblem } from '../config-error';
import { expectedErrorMap, issuesToProblems } from '../internal/problems';
import { YamlSource } from '../internal/yaml-source';
import { AppserviceRegistration } from './registration';
import { RegistrationFile, registrationSchema } from './registration.schema';

/**
 * Reads and validates the registration files of `app_service_config_files`. Throws ConfigError
 * listing every problem in every file, including those only the set shows: an ID, as_token or
 * hs_token used twice, or an exclusive namespace claimed by two application services.
 */
export function loadAppserviceRegistrations(files: readonly string[]): AppserviceRegistration[] {
  const problems: ConfigProblem[] = [];
  const registrations: AppserviceRegistration[] = [];
  for (const file of files) {
    const parsed = parseRegistrationFile(file);
    if (Array.isArray(parsed)) problems.push(...parsed);
    else registrations.push(parsed);
  }
  problems.push(...setProblems(registrations));
  if (problems.length > 0) throw new ConfigError(problems);
  return registrations;
}

function parseRegistrationFile(file: string): AppserviceRegistration | ConfigProblem[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return [{ file, keyPath: '', expected: 'a readable registration file', got: `error ${code}` }];
  }
  const source = YamlSource.parse(text, file);
  if (Array.isArray(source)) return source;
  const result = registrationSchema.safeParse(source.value, { errorMap: expectedErrorMap });
  if (!result.success) return issuesToProblems(result.error.issues, registrationSchema, source, new Map());
  return normalize(result.data, file);
}

function normalize(raw: RegistrationFile, file: string): AppserviceRegistration {
  const ns = raw.namespaces ?? {};
  const pick = (list: { regex: string; exclusive: boolean }[] | null | undefined) =>
    (list ?? []).map(({ regex, exclusive }) => ({ regex, exclusive }));
  return {
    file,
    id: raw.id,
    url: raw.url,
    as_token: raw.as_token,
    hs_token: raw.hs_token,
    sender_localpart: raw.sender_localpart,
    namespaces: { users: pick(ns.users), aliases: pick(ns.aliases), rooms: pick(ns.rooms) },
    rate_limited: raw.rate_limited ?? true,
    protocols: raw.protocols ?? [],
    receive_ephemeral: Boolean(
      raw.receive_ephemeral || raw.push_ephemeral || raw['de.sorunome.msc2409.push_ephemeral'],
    ),
    msc3202: raw['org.matrix.msc3202'] ?? false,
    msc4190: raw['io.element.msc4190'] ?? false,
  };
}

/** Problems between files: what must be unique across the set. */
function setProblems(registrations: readonly AppserviceRegistration[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const seen = new Map<string, AppserviceRegistration>();
  const claim = (key: string, r: AppserviceRegistration, keyPath: string, what: string) => {
    const earlier = seen.get(key);
    if (earlier) {
      problems.push({
        file: r.file,
        keyPath,
        expected: `${what} not used by another registration`,
        got: `the same as in ${earlier.file}`,
      });
    } else seen.set(key, r);
  };
  for (const r of registrations) {
    claim(`id ${r.id}`, r, 'id', 'an ID');
    claim(`token ${r.as_token}`, r, 'as_token', 'a token');
    claim(`token ${r.hs_token}`, r, 'hs_token', 'a token');
    claim(`sender ${r.sender_localpart}`, r, 'sender_localpart', 'a sender_localpart');
    for (const kind of ['users', 'aliases', 'rooms'] as const) {
      r.namespaces[kind].forEach((rule, i) => {
        if (rule.exclusive)
          claim(`${kind} ${rule.regex}`, r, `namespaces.${kind}[${i}].regex`, 'an exclusive namespace');
      });
    }
  }
  return problems;
}
