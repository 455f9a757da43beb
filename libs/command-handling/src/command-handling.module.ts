import { Global, Module, type DynamicModule } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@bti/event-store';
import { CommandHandling } from './command-handling';
import { StreamStates } from './stream-states';

@Global()
@Module({})
export class CommandHandlingModule {
  static forRoot(): DynamicModule {
    return {
      module: CommandHandlingModule,
      providers: [
        {
          provide: StreamStates,
          inject: [EVENT_STORE],
          useFactory: (store: EventStore) => new StreamStates(store),
        },
        CommandHandling,
      ],
      exports: [StreamStates, CommandHandling],
    };
  }
}
