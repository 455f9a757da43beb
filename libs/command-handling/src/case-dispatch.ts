import { Inject, Injectable } from '@nestjs/common';
import { Command, type ICommandHandler } from '@nestjs/cqrs';
import type { DomainEvent } from '@bti/domain';
import type { CommandEnvelope, CommandOutcome } from './command-envelope';
import { CommandHandling } from './command-handling';
import type { CommandSlice } from './command-slice';

/**
 * Carries a domain command to its context's handler on the CommandBus: one subclass per context
 * (`DispatchToStafettlogg` …), which is what routes and sagas send.
 */
export abstract class CaseDispatch<
  C extends { readonly type: string },
> extends Command<CommandOutcome> {
  constructor(
    /** The id of the stream the command goes to. */
    readonly id: string,
    readonly command: C,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}

/** A context's CommandBus handler: every dispatch goes through the one command path with its slice. */
@Injectable()
export abstract class SliceCommandHandler<
  C extends { readonly type: string },
  State,
  Event extends DomainEvent,
  Facts,
> implements ICommandHandler<CaseDispatch<C>, CommandOutcome> {
  protected abstract readonly slice: CommandSlice<C, State, Event, Facts>;

  constructor(@Inject(CommandHandling) private readonly handling: CommandHandling) {}

  execute({ id, command, envelope }: CaseDispatch<C>): Promise<CommandOutcome> {
    return this.handling.handle(this.slice, id, command, envelope);
  }
}
