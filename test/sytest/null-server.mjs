// test/sytest/null-server.mjs: a "homeserver" that can only register (m.login.dummy) and log in,
// and answers 404 M_UNRECOGNIZED to everything else. SyTest tests that pass against it prove
// nothing about Switchboard (see README.md here, "Passes that prove nothing"):
//   ../shared/sytest/run.sh --hs-command 'exec node test/sytest/null-server.mjs' --out DIR AREAS...
import { readFileSync } from 'node:fs';
import { createServer as createHttps } from 'node:https';
import { createServer as createHttp } from 'node:http';
import { randomBytes } from 'node:crypto';

const server = process.env.SYTEST_SERVER_NAME;
let n = 0;
const send = (res, status, body) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
const answer = (req, res) => {
  let raw = '';
  req.on('data', (c) => (raw += c));
  req.on('end', () => {
    let body = {};
    try {
      body = raw ? JSON.parse(raw) : {};
    } catch {
      return send(res, 400, { errcode: 'M_NOT_JSON', error: 'Content not JSON.' });
    }
    const path = req.url.split('?')[0];
    const session = () => ({
      user_id: `@${body.username ?? `u${++n}`}:${server}`.toLowerCase(),
      access_token: randomBytes(12).toString('hex'),
      device_id: body.device_id ?? randomBytes(4).toString('hex').toUpperCase(),
      home_server: server,
    });
    if (req.method === 'POST' && /^\/_matrix\/client\/(r0|v3)\/register$/.test(path)) {
      if (!body.auth)
        return send(res, 401, { flows: [{ stages: ['m.login.dummy'] }], params: {}, session: 'x' });
      return send(res, 200, session());
    }
    if (req.method === 'POST' && /^\/_matrix\/client\/(r0|v3)\/login$/.test(path)) {
      body.username = body.identifier?.user ?? body.user;
      return send(res, 200, session());
    }
    send(res, 404, { errcode: 'M_UNRECOGNIZED', error: 'Unrecognized request' });
  });
};
const tls = {
  cert: readFileSync(process.env.SYTEST_TLS_CERT),
  key: readFileSync(process.env.SYTEST_TLS_KEY),
};
createHttps(tls, answer).listen(Number(process.env.SYTEST_TLS_PORT), '127.0.0.1');
createHttp(answer).listen(Number(process.env.SYTEST_HTTP_PORT), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
