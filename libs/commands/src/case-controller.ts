import { Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Actor } from '@bti/domain';
import {
  PROJECTION_RUNNER,
  READ_MODEL_STORE,
  type ProjectionRunner,
  type SqliteReadModelStore,
} from '@bti/read-models';
import { CLOCK, type Clock } from './clock';
import { commandContext } from './command-context';
import { dispatchCommand, type CommandResponse } from './command-http';
import type { CommandContext } from './decider-command';
import { awaitOwnWrite, type ReadQueryDto } from './read-your-writes';

/**
 * What every case controller needs: send a command with its context and answer with the outcome, and
 * read a document once the caller's own write is in the read models.
 */
export abstract class CaseController {
  constructor(
    protected readonly commandBus: CommandBus,
    @Inject(CLOCK) protected readonly clock: Clock,
    @Inject(READ_MODEL_STORE) protected readonly readModels: SqliteReadModelStore,
    @Inject(PROJECTION_RUNNER) protected readonly runner: ProjectionRunner,
  ) {}

  protected send(
    actor: Actor,
    commandId: string,
    ifMatch: bigint | undefined,
    message: (context: CommandContext) => object,
    reply: { header(name: string, value: string): unknown },
  ): Promise<CommandResponse> {
    return dispatchCommand(
      this.commandBus,
      message(commandContext(actor, commandId, this.clock, ifMatch)),
      reply,
    );
  }

  protected async readDocument<Doc>(
    collection: string,
    id: string,
    query: ReadQueryDto,
  ): Promise<Doc | null> {
    await awaitOwnWrite(this.runner, query);
    return this.readModels.getDocument<Doc>(collection, id);
  }
}
