import { InProcessNotifier } from './in-process.notifier';
import { describeNotifierContract } from './notifier.contract';

describeNotifierContract(
  'in-process',
  async () => new InProcessNotifier(),
  async () => undefined,
);
