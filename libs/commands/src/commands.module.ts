import { Global, Module, type DynamicModule } from '@nestjs/common';
import { CLOCK, systemClock, type Clock } from './clock';

@Global()
@Module({})
export class CommandsModule {
  static forRoot(clock: Clock = systemClock): DynamicModule {
    return {
      module: CommandsModule,
      providers: [{ provide: CLOCK, useValue: clock }],
      exports: [CLOCK],
    };
  }
}
