import { startTestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
it('probe', async () => {
  const hs = await startTestHomeserver();
  const f = (hs.app.getHttpAdapter().getInstance() as any);
  for (const url of ['/_matrix/client/v3/rooms/!x/state/t/', '/_matrix/client/v3/rooms/!x/state/t', '/_matrix/client/v3/rooms/!x/state/t/k']) {
    const res = await f.inject({ method: 'GET', url });
    console.log(url, res.statusCode, res.body, JSON.stringify(f.findRoute?.({ method: 'GET', url })?.params));
    console.log(f.initialConfig.ignoreTrailingSlash, f.initialConfig.routerOptions);
  }
  await hs.stop();
});
