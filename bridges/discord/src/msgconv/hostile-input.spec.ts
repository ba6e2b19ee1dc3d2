import { htmlToPlainText, pillTargets, sanitizeMatrixHtml } from '@switchboard/bridge-kit';
import { discordToMatrix } from './discord-to-matrix';
import { matrixToDiscord } from './matrix-to-discord';

const noNames = {
  userMxid: () => undefined,
  userName: () => undefined,
  roleName: () => undefined,
  channelRoom: () => undefined,
  channelName: () => undefined,
};
const noLinks = { remoteUserOf: () => undefined, chatOfRoom: () => undefined };

/** Discord messages are at most 4000 characters; Matrix events at most 64 KiB. */
describe('hostile input converts in linear-ish time', () => {
  it.each([
    '*',
    '_',
    '`',
    '**a',
    '||',
    '~~',
    '> ',
    '- ',
    '```',
    '<@1',
    '[a](',
    'a_',
    '* a',
    '\\',
    '<t:',
    '# ',
  ])('%j repeated to 4000 characters', (unit) => {
    const input = unit.repeat(Math.ceil(4000 / unit.length));
    const started = Date.now();
    discordToMatrix(input, noNames);
    matrixToDiscord({ text: input }, noLinks);
    matrixToDiscord({ text: input, html: `<b>${input}</b>` }, noLinks);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('20000 nested tags: deeper than 100 levels is flattened, nothing overflows the stack', () => {
    const html = `${'<b>'.repeat(20000)}x${'</b>'.repeat(20000)}`;
    expect(htmlToPlainText(html)).toBe('x');
    expect(matrixToDiscord({ text: 'x', html }, noLinks)).toBe(`${'**'.repeat(100)}x${'**'.repeat(100)}`);
    expect(sanitizeMatrixHtml(html)).toBe(`${'<b>'.repeat(100)}x${'</b>'.repeat(100)}`);
    expect(pillTargets(html)).toEqual({ users: [], rooms: [] });
  });
});
