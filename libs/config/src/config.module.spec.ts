import { Inject, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { CONFIG, ConfigModule } from './config.module';
import { SwitchboardConfig } from './config.schema';
import { testConfig } from './testing';

@Injectable()
class Reader {
  constructor(@Inject(CONFIG) readonly config: SwitchboardConfig) {}
}

@Module({ providers: [Reader] })
class FeatureModule {}

describe('ConfigModule', () => {
  it('provides the config to every module', async () => {
    const config = testConfig();
    const app = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(config), FeatureModule],
    }).compile();
    expect(app.get(Reader).config).toBe(config);
  });
});
