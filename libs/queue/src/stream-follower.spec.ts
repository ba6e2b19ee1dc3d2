import { InProcessNotifier } from './in-process.notifier';
import { StreamFollower } from './stream-follower';

const logger = { error: jest.fn() } as never;
const options = { stream: 'events', idleWaitMs: 60_000, errorPauseMs: 10, what: 'test step' };
const until = async (check: () => boolean) => {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
};

describe('StreamFollower', () => {
  it('steps until there is no more, then again when the stream moves', async () => {
    const notifier = new InProcessNotifier();
    const follower = new StreamFollower(notifier, logger, options);
    const more = [true, true, false];
    let steps = 0;
    follower.start(async () => {
      steps++;
      return more.shift() ?? false;
    });
    await until(() => steps === 3);
    await notifier.publish('events', 1);
    await until(() => steps === 4);
    await follower.stop();
    await notifier.close();
  });

  it('logs a failed step and carries on after the pause', async () => {
    const notifier = new InProcessNotifier();
    const follower = new StreamFollower(notifier, logger, options);
    let steps = 0;
    follower.start(async () => {
      steps++;
      if (steps === 1) throw new Error('boom');
      return false;
    });
    await until(() => steps === 2);
    expect((logger as { error: jest.Mock }).error).toHaveBeenCalledWith(
      { err: expect.any(Error) },
      'test step failed',
    );
    await follower.stop();
    await notifier.close();
  });
});
