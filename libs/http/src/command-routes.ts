import {
  Body,
  Controller,
  HttpCode,
  Inject,
  Param,
  Post,
  Put,
  Res,
  type Type,
} from '@nestjs/common';
import { CommandBus, type Command } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { isUUID } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { AllowRoles, CurrentActor } from '@bti/access';
import type { CommandEnvelope, CommandOutcome } from '@bti/command-handling';
import type { Actor, Role } from '@bti/domain';
import { POSITION_TOKENS, type PositionTokens } from '@bti/event-store';
import { CLOCK, type Clock } from './clock';
import { answerCommand, CommandResponse, IfMatchRevision, type CommandDto } from './command-http';
import { validationFailed } from './validation';

/** How a path parameter is checked before anything else runs. */
export type ParamFormat = 'uuid' | 'slug';
const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

type Params = Record<string, string>;

/** One command endpoint: its path and body, and how it becomes the context's domain command. */
export interface CommandRoute<
  C extends { readonly type: string },
  Dto extends CommandDto = CommandDto,
> {
  readonly type: C['type'];
  readonly method?: 'POST' | 'PUT';
  readonly path: string;
  readonly body: Type<Dto>;
  readonly summary: string;
  /** The id of the stream the command goes to. */
  readonly target: (params: Params, body: Dto, actor: Actor) => string;
  readonly command: (body: Dto, params: Params, actor: Actor) => C;
}

/** A context's command endpoints: one line per command, plus its DTO. */
export interface CommandRouteTable<C extends { readonly type: string }> {
  /** The generated controller's class name. */
  readonly name: string;
  readonly prefix: string;
  readonly tag: string;
  /** The policy's role table for this context's commands. */
  readonly roles: Readonly<Record<C['type'], readonly Role[]>>;
  readonly params: Readonly<Record<string, ParamFormat>>;
  /** The CommandBus message that carries a command to this context's handler. */
  readonly dispatch: (id: string, command: C, envelope: CommandEnvelope) => Command<CommandOutcome>;
  readonly routes: readonly CommandRoute<C, never>[];
}

/** Infers a route's DTO type from its `body`, so `target` and `command` see the real fields. */
export function route<C extends { readonly type: string }, Dto extends CommandDto>(
  definition: CommandRoute<C, Dto>,
): CommandRoute<C, never> {
  return definition as unknown as CommandRoute<C, never>;
}

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);
const pathParams = (path: string) => [...path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);

function checkParams(
  params: Params,
  names: readonly string[],
  formats: Record<string, ParamFormat>,
) {
  const fields = names.flatMap((name) => {
    const value = params[name] ?? '';
    const format = formats[name] ?? 'uuid';
    const ok = format === 'uuid' ? isUUID(value) : SLUG.test(value);
    return ok
      ? []
      : [{ field: name, reasons: [`${name} must be ${format === 'uuid' ? 'a UUID' : 'an id'}`] }];
  });
  if (fields.length > 0) throw validationFailed(fields);
  // Ids are kept in lower case, as bodies give them: a UUID has no case.
  for (const name of names)
    if ((formats[name] ?? 'uuid') === 'uuid') params[name] = (params[name] ?? '').toLowerCase();
}

/**
 * A Nest controller made from a route table. Each route becomes a method with the decorators a
 * hand-written endpoint would carry: the HTTP verb and path, who may call it (the policy's roles for
 * its command), the body DTO for validation and OpenAPI, If-Match, and the command answer with ETag.
 */
export function commandController<C extends { readonly type: string }>(
  table: CommandRouteTable<C>,
): Type<unknown> {
  @ApiTags(table.tag)
  @ApiBearerAuth()
  @Controller(table.prefix)
  class Commands {
    constructor(
      @Inject(CommandBus) readonly commandBus: CommandBus,
      @Inject(CLOCK) readonly clock: Clock,
      @Inject(POSITION_TOKENS) readonly positions: PositionTokens,
    ) {}
  }
  Object.defineProperty(Commands, 'name', { value: table.name });

  for (const definition of table.routes) {
    const routeDefinition = definition as unknown as CommandRoute<C>;
    const operation = lowerFirst(routeDefinition.type);
    const names = pathParams(routeDefinition.path);
    const put = routeDefinition.method === 'PUT';
    async function handle(
      this: Commands,
      actor: Actor,
      body: CommandDto,
      params: Params,
      ifMatch: bigint | undefined,
      reply: FastifyReply,
    ): Promise<CommandResponse> {
      checkParams(params, names, table.params);
      const envelope: CommandEnvelope = {
        commandId: body.commandId,
        actor,
        occurredAt: this.clock().toISOString(),
        expectedRevision: ifMatch,
      };
      const command = routeDefinition.command(body, params, actor);
      const id = routeDefinition.target(params, body, actor);
      const outcome = await this.commandBus.execute(table.dispatch(id, command, envelope));
      return answerCommand(reply, outcome, actor, this.positions);
    }
    Object.defineProperty(handle, 'name', { value: operation });
    const prototype = Commands.prototype as unknown as Record<string, unknown>;
    prototype[operation] = handle;
    const descriptor = Object.getOwnPropertyDescriptor(prototype, operation) as PropertyDescriptor;
    Reflect.defineMetadata(
      'design:paramtypes',
      [Object, routeDefinition.body, Object, Object, Object],
      prototype,
      operation,
    );
    CurrentActor()(prototype, operation, 0);
    Body()(prototype, operation, 1);
    Param()(prototype, operation, 2);
    IfMatchRevision()(prototype, operation, 3);
    Res({ passthrough: true })(prototype, operation, 4);
    const decorators: MethodDecorator[] = [
      put ? Put(routeDefinition.path) : Post(routeDefinition.path),
      HttpCode(put ? 200 : 201),
      AllowRoles(...table.roles[routeDefinition.type]),
      ApiOperation({ summary: routeDefinition.summary, operationId: `${table.tag}.${operation}` }),
      put
        ? ApiOkResponse({ type: CommandResponse })
        : ApiCreatedResponse({ type: CommandResponse }),
      ApiHeader({
        name: 'If-Match',
        required: false,
        description:
          'The revision you saw (its strong ETag, e.g. "7"; a weak W/"7" is refused): a 409 if the stream has moved on',
      }),
      ...names.map((name) =>
        ApiParam({
          name,
          type: String,
          ...(table.params[name] === 'slug' ? { example: 'vestre-toten' } : { format: 'uuid' }),
        }),
      ),
    ];
    for (const decorate of decorators) decorate(prototype, operation, descriptor);
  }
  return Commands;
}
