#!/usr/bin/env node
// Switchboard <-> real Synapse, over real federation on 127.0.0.1 (issue #6). For each room
// version: a Synapse user joins a Switchboard room and a Switchboard user joins a Synapse room;
// messages, m.room.name / m.room.topic and leaves must reach the other side's client API.
// See test/interop/README.md for what it needs, how to run it and what it found.
//
//   node test/interop/run-synapse-interop.mjs [--versions 10,11,12] [--no-build] [--keep]
//
// Environment (all optional): SYNAPSE_ROOT (/opt/synapse-root), SYNAPSE_PEERS
// (../shared/peers/synapse), SWITCHBOARD_DIST (dist-synapse), INTEROP_DIR (/tmp/switchboard-interop),
// INTEROP_PORTS "synapseClient,synapseFederation,switchboardClient,switchboardFederation"
// (38008,38448,38009,38449), INTEROP_TIMEOUT_MS per check (30000), INTEROP_DATABASE_URL (an empty
// PostgreSQL database for Switchboard; default: embedded PGlite in INTEROP_DIR), INTEROP_LOG_LEVEL (info).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};

const VERSIONS = option('--versions', '10,11,12').split(',');
const SYNAPSE_ROOT = process.env.SYNAPSE_ROOT ?? '/opt/synapse-root';
const PEERS = resolve(ROOT, process.env.SYNAPSE_PEERS ?? '../shared/peers/synapse');
const DIST = process.env.SWITCHBOARD_DIST ?? 'dist-synapse';
const DIR = process.env.INTEROP_DIR ?? '/tmp/switchboard-interop';
const [SYN_CLIENT_PORT, SYN_FED_PORT, SB_CLIENT_PORT, SB_FED_PORT] = (
  process.env.INTEROP_PORTS ?? '38008,38448,38009,38449'
)
  .split(',')
  .map(Number);
const TIMEOUT_MS = Number(process.env.INTEROP_TIMEOUT_MS ?? 30000);
const SYNAPSE_INSTANCE = 'sbinterop';

const SYNAPSE = { name: `localhost:${SYN_FED_PORT}`, base: `http://127.0.0.1:${SYN_CLIENT_PORT}` };
const SWITCHBOARD = { name: `localhost:${SB_FED_PORT}`, base: `http://127.0.0.1:${SB_CLIENT_PORT}` };

const log = (...parts) => console.log(new Date().toISOString().slice(11, 19), ...parts);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// The two servers

/** A server left running by an earlier --keep run would silently answer in place of ours. */
async function assertFree(port) {
  const server = createServer();
  await new Promise((ok, fail) => server.once('error', fail).listen(port, '127.0.0.1', ok)).catch(() => {
    throw new Error(`port ${port} is in use (an earlier --keep run? stop it first, or set INTEROP_PORTS)`);
  });
  await new Promise((ok) => server.close(ok));
}

function startSynapse() {
  if (!existsSync(join(SYNAPSE_ROOT, 'usr/bin/python3'))) {
    throw new Error(`no Synapse chroot at ${SYNAPSE_ROOT}: run ${PEERS}/setup.sh first (as root)`);
  }
  const run = (script, ...rest) =>
    execFileSync(join(PEERS, script), [...rest], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  run('stop.sh', SYNAPSE_INSTANCE);
  log(run('mkhs.sh', SYNAPSE_INSTANCE, String(SYN_CLIENT_PORT), String(SYN_FED_PORT)).trim());
  log(run('start.sh', SYNAPSE_INSTANCE).trim());
  const version = execFileSync(
    'chroot',
    [SYNAPSE_ROOT, 'python3', '-c', 'import synapse; print(synapse.__version__)'],
    {
      encoding: 'utf8',
    },
  ).trim();
  return { version, log: join(SYNAPSE_ROOT, 'srv', SYNAPSE_INSTANCE, 'homeserver.log') };
}

function stopSynapse() {
  execFileSync(join(PEERS, 'stop.sh'), [SYNAPSE_INSTANCE], { stdio: 'ignore' });
}

async function startSwitchboard() {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const certificate = join(DIR, 'tls.crt');
  const key = join(DIR, 'tls.key');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
      .concat(['-keyout', key, '-out', certificate, '-days', '2', '-subj', '/CN=localhost'])
      .concat(['-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1']),
    { stdio: 'ignore' },
  );
  const config = join(DIR, 'homeserver.yaml');
  writeFileSync(
    config,
    `# Written by test/interop/run-synapse-interop.mjs
server_name: "${SWITCHBOARD.name}"
public_baseurl: "${SWITCHBOARD.base}/"
data_dir: "${join(DIR, 'data')}"
log_level: ${process.env.INTEROP_LOG_LEVEL ?? 'info'}
listeners:
  - { port: ${SB_FED_PORT}, bind_addresses: [127.0.0.1], tls: { certificate: "${certificate}", key: "${key}" }, resources: [federation] }
  - { port: ${SB_CLIENT_PORT}, bind_addresses: [127.0.0.1], tls: null, resources: [client] }
database: { url: ${process.env.INTEROP_DATABASE_URL ? JSON.stringify(process.env.INTEROP_DATABASE_URL) : 'null'} }
registration: { enabled: true }
rate_limiting: { enabled: false }
federation:
  enabled: true
  verify_certificates: false
  ip_range_allowlist: [127.0.0.0/8]
`,
  );
  if (!flag('--no-build')) {
    log(`building Switchboard into ${DIST}`);
    execFileSync('npx', ['swc', 'apps', 'libs', '--out-dir', DIST, '--quiet', '--ignore', '**/*.spec.ts'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, SWITCHBOARD_DIST: DIST },
    });
  }
  const out = openSync(join(DIR, 'switchboard.log'), 'w');
  // DATABASE_URL / REDIS_URL from the caller's environment would override the config's.
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  // --keep: its own process group, so it outlives this script.
  const child = spawn('node', [join(DIST, 'apps/homeserver/src/main.js'), '--config', config], {
    cwd: ROOT,
    stdio: ['ignore', out, out],
    env,
    detached: flag('--keep'),
  });
  if (flag('--keep')) child.unref();
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null)
      throw new Error(`Switchboard exited (${child.exitCode}); see ${DIR}/switchboard.log`);
    try {
      if ((await fetch(`${SWITCHBOARD.base}/_matrix/client/versions`)).ok) return child;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`Switchboard did not come up; see ${DIR}/switchboard.log`);
}

// ---------------------------------------------------------------------------------------------
// Client API

class MatrixUser {
  constructor(server, userId, token) {
    Object.assign(this, { server, userId, token });
  }

  static async register(server, username) {
    const body = { username, password: 'interop-pass-1', inhibit_login: false };
    const first = await call(server.base, 'POST', '/_matrix/client/v3/register', body, undefined, [200, 401]);
    const done = first.access_token
      ? first
      : await call(server.base, 'POST', '/_matrix/client/v3/register', {
          ...body,
          auth: { type: 'm.login.dummy', session: first.session },
        });
    return new MatrixUser(server, done.user_id, done.access_token);
  }

  request(method, path, body, okStatuses) {
    return call(this.server.base, method, path, body, this.token, okStatuses);
  }

  createRoom(version, name) {
    return this.request('POST', '/_matrix/client/v3/createRoom', {
      room_version: version,
      preset: 'public_chat',
      name,
    }).then((r) => r.room_id);
  }

  join(roomId, via) {
    return this.request('POST', `/_matrix/client/v3/join/${e(roomId)}?server_name=${e(via)}`, {});
  }

  leave(roomId) {
    return this.request('POST', `/_matrix/client/v3/rooms/${e(roomId)}/leave`, {});
  }

  send(roomId, body) {
    return this.request('PUT', `/_matrix/client/v3/rooms/${e(roomId)}/send/m.room.message/${txn()}`, {
      msgtype: 'm.text',
      body,
    }).then((r) => r.event_id);
  }

  setState(roomId, type, content) {
    return this.request('PUT', `/_matrix/client/v3/rooms/${e(roomId)}/state/${type}/`, content).then(
      (r) => r.event_id,
    );
  }

  /** The room's latest timeline events, newest first (GET /messages dir=b). */
  async recent(roomId) {
    const page = await this.request('GET', `/_matrix/client/v3/rooms/${e(roomId)}/messages?dir=b&limit=50`);
    return page.chunk;
  }

  /** An initial /sync that includes left rooms (the spec leaves them out unless include_leave). */
  sync() {
    const filter = JSON.stringify({ room: { include_leave: true, timeline: { limit: 5 } } });
    return this.request('GET', `/_matrix/client/v3/sync?timeout=0&filter=${e(filter)}`);
  }
}

const e = encodeURIComponent;
let txnCounter = 0;
const txn = () => `interop-${process.pid}-${Date.now()}-${txnCounter++}`;

async function call(base, method, path, body, token, okStatuses = [200]) {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = { raw: text };
  }
  if (!okStatuses.includes(res.status)) {
    throw new Error(`${method} ${base}${path} -> ${res.status} ${text.slice(0, 300)}`);
  }
  return json;
}

/** Polls `probe` until it returns something truthy, or throws after TIMEOUT_MS. */
async function eventually(what, probe) {
  const until = Date.now() + TIMEOUT_MS;
  let last;
  for (;;) {
    try {
      const found = await probe();
      if (found) return found;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
    await sleep(500);
  }
}

// ---------------------------------------------------------------------------------------------
// The scenario

const results = [];

/** Runs one step and records it; false when it failed. */
async function check(version, scenario, step, run) {
  const started = Date.now();
  const record = (outcome, detail) => {
    results.push({ version, scenario, step, outcome, ms: Date.now() - started, detail: detail ?? '' });
    log(
      `${outcome.toUpperCase()} v${version} ${scenario}: ${step}${outcome === 'pass' ? '' : `: ${detail}`}`,
    );
  };
  try {
    record('pass', await run());
    return true;
  } catch (err) {
    record('fail', err.message);
    return false;
  }
}

/** Waits until `viewer` sees an event matching `match` in the room's /messages. */
function sees(viewer, roomId, what, match) {
  return eventually(`${viewer.userId} to see ${what}`, async () => {
    const found = (await viewer.recent(roomId)).find(match);
    return found && `${found.event_id} seen by ${viewer.server.name}`;
  });
}

/** Waits until the newest m.room.member of `userId` in `viewer`'s /messages has `membership`. */
function seesMembership(viewer, roomId, userId, membership) {
  return eventually(`${viewer.userId} to see ${userId} ${membership}`, async () => {
    const newest = (await viewer.recent(roomId)).find(
      (ev) => ev.type === 'm.room.member' && ev.state_key === userId,
    );
    return newest?.content?.membership === membership && `${newest.event_id} seen by ${viewer.server.name}`;
  });
}

/** Waits until `viewer`'s /sync has the room in `section` (join or leave). */
function syncShows(viewer, roomId, section) {
  return eventually(`${roomId} in ${viewer.userId}'s /sync rooms.${section}`, async () => {
    const sync = await viewer.sync();
    return sync.rooms?.[section]?.[roomId] !== undefined && `rooms.${section} has the room`;
  });
}

/**
 * One direction: `host` (on the room's server) creates a room, `guest` (on the other server)
 * joins it and pages back through its history; power levels, messages, redactions, typing, name
 * and topic go both ways; the guest renames itself and resolves the host's alias, leaves, is
 * invited back and joins again, is kicked, invited and joins again; the host leaves.
 */
async function roomScenario(version, scenario, host, guest) {
  const tag = `${scenario} v${version} ${Date.now()}`;
  let roomId;
  const ok = await check(version, scenario, `${host.server.name} creates a v${version} room`, async () => {
    roomId = await host.createRoom(version, `created by ${host.userId}`);
    const create = (await host.recent(roomId)).find((ev) => ev.type === 'm.room.create');
    if (create?.content?.room_version !== version)
      throw new Error(`room_version ${create?.content?.room_version}`);
    return roomId;
  });
  if (!ok) return;
  const joined = await check(version, scenario, `${guest.userId} joins over federation`, async () => {
    await guest.join(roomId, host.server.name);
    await syncShows(guest, roomId, 'join');
    return seesMembership(host, roomId, guest.userId, 'join');
  });
  if (!joined) return;
  await check(
    version,
    scenario,
    `guest's /messages reaches back to m.room.create (history from before its join)`,
    async () => {
      return eventually(`${guest.userId} to page back to the create event`, async () => {
        let from = '';
        for (let page = 0; page < 5; page++) {
          const res = await guest.request(
            'GET',
            `/_matrix/client/v3/rooms/${e(roomId)}/messages?dir=b&limit=20${from}`,
          );
          if (res.chunk.some((ev) => ev.type === 'm.room.create')) return `found on page ${page + 1}`;
          if (!res.end) return false;
          from = `&from=${e(res.end)}`;
        }
        return false;
      });
    },
  );
  await check(version, scenario, `joined guest has the room name in its state`, async () => {
    const name = await guest.request('GET', `/_matrix/client/v3/rooms/${e(roomId)}/state/m.room.name/`);
    if (name.name !== `created by ${host.userId}`) throw new Error(`name ${JSON.stringify(name)}`);
    return name.name;
  });
  await check(version, scenario, `host raises guest to power level 50; guest sees it`, async () => {
    const levels = await host.request(
      'GET',
      `/_matrix/client/v3/rooms/${e(roomId)}/state/m.room.power_levels/`,
    );
    levels.users = { ...levels.users, [guest.userId]: 50 };
    await host.setState(roomId, 'm.room.power_levels', levels);
    return eventually(`${guest.userId} to have power level 50`, async () => {
      const seen = await guest.request(
        'GET',
        `/_matrix/client/v3/rooms/${e(roomId)}/state/m.room.power_levels/`,
      );
      return seen.users?.[guest.userId] === 50 && 'in current state';
    });
  });
  await check(version, scenario, `message host -> guest (with unsigned.age)`, async () => {
    const body = `hello from ${host.server.name} (${tag})`;
    await host.send(roomId, body);
    // unsigned.age too: Synapse gives its clients one only when the sending server did.
    return sees(
      guest,
      roomId,
      'the host message (with unsigned.age)',
      (ev) =>
        ev.type === 'm.room.message' && ev.content.body === body && typeof ev.unsigned?.age === 'number',
    );
  });
  await check(version, scenario, `message guest -> host (with unsigned.age)`, async () => {
    const body = `hello from ${guest.server.name} (${tag})`;
    await guest.send(roomId, body);
    // unsigned.age too: Synapse gives its clients one only when the sending server did.
    return sees(
      host,
      roomId,
      'the guest message (with unsigned.age)',
      (ev) =>
        ev.type === 'm.room.message' && ev.content.body === body && typeof ev.unsigned?.age === 'number',
    );
  });
  for (const [redacter, author, who] of [
    [guest, guest, 'guest redacts its own message'],
    [host, guest, "host redacts the guest's message"],
  ]) {
    await check(version, scenario, `${who}; the other side sees it redacted`, async () => {
      const body = `to be redacted (${who}, ${tag})`;
      const eventId = await author.send(roomId, body);
      const other = redacter === host ? guest : host;
      // The redacting side must have the message first: a redaction of an unknown event is a 404.
      for (const side of [host, guest])
        await sees(side, roomId, 'the message to redact', (ev) => ev.event_id === eventId);
      await redacter.request('PUT', `/_matrix/client/v3/rooms/${e(roomId)}/redact/${e(eventId)}/${txn()}`, {
        reason: 'interop',
      });
      return sees(
        other,
        roomId,
        'the redacted message',
        (ev) => ev.event_id === eventId && ev.content.body === undefined && ev.unsigned?.redacted_because,
      );
    });
  }
  await check(version, scenario, `typing: guest types; host's /sync has the m.typing EDU`, async () => {
    const since = (await host.request('GET', '/_matrix/client/v3/sync?timeout=0')).next_batch;
    await guest.request('PUT', `/_matrix/client/v3/rooms/${e(roomId)}/typing/${e(guest.userId)}`, {
      typing: true,
      timeout: 20000,
    });
    return eventually(`${host.userId} to see ${guest.userId} typing`, async () => {
      const sync = await host.request('GET', `/_matrix/client/v3/sync?timeout=2000&since=${e(since)}`);
      const typing = sync.rooms?.join?.[roomId]?.ephemeral?.events?.find((ev) => ev.type === 'm.typing');
      return typing?.content?.user_ids?.includes(guest.userId) && 'in rooms.join.ephemeral';
    });
  });
  await check(
    version,
    scenario,
    `guest changes its displayname; host sees the new member event`,
    async () => {
      const displayname = `${guest.server.name === SYNAPSE.name ? 'Syn' : 'Sb'} guest ${version}`;
      await guest.request('PUT', `/_matrix/client/v3/profile/${e(guest.userId)}/displayname`, {
        displayname,
      });
      await sees(
        host,
        roomId,
        'the new displayname',
        (ev) =>
          ev.type === 'm.room.member' &&
          ev.state_key === guest.userId &&
          ev.content.displayname === displayname,
      );
      const member = await host.request(
        'GET',
        `/_matrix/client/v3/rooms/${e(roomId)}/state/m.room.member/${e(guest.userId)}`,
      );
      if (member.displayname !== displayname)
        throw new Error(`host's member state is ${JSON.stringify(member)}`);
      return 'in timeline and current state';
    },
  );
  await check(version, scenario, `m.room.topic set by guest reaches host`, async () => {
    const topic = `topic from ${guest.server.name} (${tag})`;
    await guest.setState(roomId, 'm.room.topic', { topic });
    await sees(host, roomId, 'the topic', (ev) => ev.type === 'm.room.topic' && ev.content.topic === topic);
    const state = await host.request('GET', `/_matrix/client/v3/rooms/${e(roomId)}/state/m.room.topic/`);
    if (state.topic !== topic) throw new Error(`host's current topic is ${JSON.stringify(state)}`);
    return 'in timeline and current state';
  });
  await check(version, scenario, `m.room.name set by host reaches guest`, async () => {
    const name = `renamed by ${host.server.name} (${tag})`;
    await host.setState(roomId, 'm.room.name', { name });
    const seen = await sees(
      guest,
      roomId,
      'the new name',
      (ev) => ev.type === 'm.room.name' && ev.content.name === name,
    );
    const [event] = (await guest.recent(roomId)).filter(
      (ev) => ev.type === 'm.room.name' && ev.content.name === name,
    );
    if (event.unsigned?.prev_content?.name !== `created by ${host.userId}`) {
      throw new Error(
        `${seen} without the old name in unsigned.prev_content: ${JSON.stringify(event.unsigned)}`,
      );
    }
    const state = await guest.request('GET', `/_matrix/client/v3/rooms/${e(roomId)}/state/m.room.name/`);
    if (state.name !== name) throw new Error(`guest's current name is ${JSON.stringify(state)}`);
    return 'in timeline and current state';
  });
  await check(version, scenario, `m.room.name set by guest reaches host`, async () => {
    const name = `renamed by ${guest.server.name} (${tag})`;
    await guest.setState(roomId, 'm.room.name', { name });
    const seen = await sees(
      host,
      roomId,
      'the guest name',
      (ev) => ev.type === 'm.room.name' && ev.content.name === name,
    );
    const [event] = (await host.recent(roomId)).filter(
      (ev) => ev.type === 'm.room.name' && ev.content.name === name,
    );
    if (event.unsigned?.prev_content?.name !== `renamed by ${host.server.name} (${tag})`) {
      throw new Error(
        `${seen} without the old name in unsigned.prev_content: ${JSON.stringify(event.unsigned)}`,
      );
    }
    const state = await host.request('GET', `/_matrix/client/v3/rooms/${e(roomId)}/state/m.room.name/`);
    if (state.name !== name) throw new Error(`host's current name is ${JSON.stringify(state)}`);
    return 'in timeline and current state';
  });
  await check(version, scenario, `m.room.topic set by host reaches guest`, async () => {
    const topic = `topic from ${host.server.name} (${tag})`;
    await host.setState(roomId, 'm.room.topic', { topic });
    await sees(
      guest,
      roomId,
      'the host topic',
      (ev) => ev.type === 'm.room.topic' && ev.content.topic === topic,
    );
    return 'in timeline';
  });
  await check(
    version,
    scenario,
    `host makes an alias; guest's server resolves it over federation`,
    async () => {
      const alias = `#interop-${version}-${Date.now().toString(36)}:${host.server.name}`;
      await host.request('PUT', `/_matrix/client/v3/directory/room/${e(alias)}`, { room_id: roomId });
      const resolved = await guest.request('GET', `/_matrix/client/v3/directory/room/${e(alias)}`);
      if (resolved.room_id !== roomId || !resolved.servers?.includes(host.server.name)) {
        throw new Error(`resolved to ${JSON.stringify(resolved)}`);
      }
      return `${alias} -> ${resolved.servers.join(', ')}`;
    },
  );
  await check(version, scenario, `guest leaves; host sees the leave`, async () => {
    await guest.leave(roomId);
    await syncShows(guest, roomId, 'leave');
    return seesMembership(host, roomId, guest.userId, 'leave');
  });
  await check(version, scenario, `host invites guest back; guest sees the invite in /sync`, async () => {
    await host.request('POST', `/_matrix/client/v3/rooms/${e(roomId)}/invite`, { user_id: guest.userId });
    return syncShows(guest, roomId, 'invite');
  });
  await check(version, scenario, `guest accepts the invite; host sees the join`, async () => {
    await guest.join(roomId, host.server.name);
    await syncShows(guest, roomId, 'join');
    return seesMembership(host, roomId, guest.userId, 'join');
  });
  await check(version, scenario, `host kicks the guest; guest sees the kick`, async () => {
    await host.request('POST', `/_matrix/client/v3/rooms/${e(roomId)}/kick`, {
      user_id: guest.userId,
      reason: 'interop kick',
    });
    await syncShows(guest, roomId, 'leave');
    return eventually(`${guest.userId} to see its kick`, async () => {
      const kick = (await guest.recent(roomId)).find(
        (ev) => ev.type === 'm.room.member' && ev.state_key === guest.userId,
      );
      return (
        kick?.content?.membership === 'leave' &&
        kick.sender === host.userId &&
        kick.content.reason === 'interop kick' &&
        `${kick.event_id} seen by ${guest.server.name}`
      );
    });
  });
  await check(version, scenario, `host invites the kicked guest; guest joins again`, async () => {
    await host.request('POST', `/_matrix/client/v3/rooms/${e(roomId)}/invite`, { user_id: guest.userId });
    await syncShows(guest, roomId, 'invite');
    await guest.join(roomId, host.server.name);
    await syncShows(guest, roomId, 'join');
    return seesMembership(host, roomId, guest.userId, 'join');
  });
  await check(version, scenario, `host leaves; guest sees the leave`, async () => {
    await host.leave(roomId);
    return seesMembership(guest, roomId, host.userId, 'leave');
  });
}

/** The checkout under test: commit, and whether the working tree differs from it. */
function switchboardRevision() {
  try {
    const git = (...a) => execFileSync('git', a, { cwd: ROOT, encoding: 'utf8' }).trim();
    return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--untracked-files=no') ? ' + uncommitted changes' : ''}`;
  } catch {
    return 'unknown revision';
  }
}

async function stopSwitchboard(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((ok) => child.once('exit', ok));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(10000)]);
}

async function main() {
  const stamp = Date.now().toString(36);
  stopSynapse();
  for (const port of [SYN_CLIENT_PORT, SYN_FED_PORT, SB_CLIENT_PORT, SB_FED_PORT]) await assertFree(port);
  const synapse = startSynapse();
  log(`Synapse ${synapse.version} as ${SYNAPSE.name}, log ${synapse.log}`);
  let switchboard;
  try {
    switchboard = await startSwitchboard();
    log(`Switchboard ${switchboardRevision()} as ${SWITCHBOARD.name}, log ${DIR}/switchboard.log`);
    const alice = await MatrixUser.register(SYNAPSE, `alice${stamp}`);
    const bob = await MatrixUser.register(SWITCHBOARD, `bob${stamp}`);
    log(`users: ${alice.userId} (Synapse), ${bob.userId} (Switchboard)`);
    for (const version of VERSIONS) {
      await roomScenario(version, 'Synapse user in a Switchboard room', bob, alice);
      await roomScenario(version, 'Switchboard user in a Synapse room', alice, bob);
    }
  } finally {
    if (flag('--keep')) {
      log(`--keep: Switchboard pid ${switchboard?.pid} and Synapse ${SYNAPSE_INSTANCE} left running`);
    } else {
      if (switchboard) await stopSwitchboard(switchboard);
      stopSynapse();
    }
  }
  console.log(`\nSynapse ${synapse.version}; Switchboard ${switchboardRevision()}`);
  console.log('| room version | scenario | step | result | ms |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const r of results) {
    const detail = r.outcome === 'pass' ? '' : `: ${r.detail.replace(/\|/g, '\\|')}`;
    console.log(`| ${r.version} | ${r.scenario} | ${r.step} | ${r.outcome}${detail} | ${r.ms} |`);
  }
  const count = (outcome) => results.filter((r) => r.outcome === outcome).length;
  console.log(`\n${count('pass')} passed, ${count('fail')} failed`);
  process.exitCode = count('fail') > 0 ? 1 : 0;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 2;
});
