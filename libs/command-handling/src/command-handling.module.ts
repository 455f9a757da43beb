import { Global, Module, type DynamicModule } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@bti/event-store';
import { CLOCK, systemClock, type Clock } from './clock';
import { CommandHandling } from './command-handling';
import { StreamStates } from './stream-states';

@Global()
@Module({})
export class CommandHandlingModule {
  static forRoot(clock: Clock = systemClock): DynamicModule {
    return {
      module: CommandHandlingModule,
      providers: [
        { provide: CLOCK, useValue: clock },
        {
          provide: StreamStates,
          inject: [EVENT_STORE],
          useFactory: (store: EventStore) => new StreamStates(store),
        },
        CommandHandling,
      ],
      exports: [CLOCK, StreamStates, CommandHandling],
    };
  }
}
