import { messageTypeOf } from './message-type';

describe('messageTypeOf', () => {
  it.each([
    ['image/png', 'm.image'],
    ['IMAGE/GIF', 'm.image'],
    ['video/mp4', 'm.video'],
    ['audio/ogg; codecs=opus', 'm.audio'],
    ['application/pdf', 'm.file'],
    ['text/plain', 'm.file'],
    ['', 'm.file'],
    [undefined, 'm.file'],
  ])('%s -> %s', (mime, expected) => {
    expect(messageTypeOf(mime)).toBe(expected);
  });
});
