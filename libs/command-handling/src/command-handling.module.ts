import { Global, Module, type DynamicModule } from '@nestjs/common';
import { EVENT_STORE, personalDataLayer, type EventStore } from '@bti/event-store';
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
          useFactory: (store: EventStore) => {
            const states = new StreamStates(store);
            // The erased family's states hold its names, opened before its key went: none is kept.
            personalDataLayer(store)?.onErased((familyId) => states.forgetAtErasure(familyId));
            return states;
          },
        },
        CommandHandling,
      ],
      exports: [StreamStates, CommandHandling],
    };
  }
}
