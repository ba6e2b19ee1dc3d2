import { InProcessAdapter } from './in-process.adapter';
import { describeQueueContract } from './queue.contract';

describeQueueContract(
  'in-process',
  async () => new InProcessAdapter(),
  async () => undefined,
);
