import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import type { CommandOutcome } from '@bti/command-handling';
import type { Actor } from '@bti/domain';
import type { PositionTokens } from '@bti/event-store';

/** Every command body carries a client-made id; sending the same one again changes nothing. */
export class CommandDto {
  @ApiProperty({
    format: 'uuid',
    example: '0b7a6c4e-2f0e-4c1a-9a57-5d3f1f3b7c21',
    description:
      'Made by the client, once per intended change; a retry with the same id changes nothing',
  })
  @IsUUID()
  commandId!: string;
}

export class CommandResponse {
  @ApiProperty({ example: 'stafettlogg-4f1c…' })
  stream!: string;
  @ApiProperty({
    example: '7',
    nullable: true,
    type: String,
    description:
      'The stream revision after the command; send it as If-Match next time. Null for the family (guardians, the young person), with no ETag: a log’s or meeting’s revision moves with what they may not see',
  })
  revision!: string | null;
  @ApiProperty({
    example: 'TLwNcu9LLTPk-_edu00NWA',
    description:
      'Where the write is in the log, sealed (it tells nothing of other writes); pass it as minPosition to read your own write',
  })
  position!: string;
  @ApiProperty({
    description: 'True when the commandId was handled before and nothing was written now',
    example: false,
  })
  duplicate!: boolean;
  @ApiProperty({ example: ['EntryAdded'] })
  events!: string[];
}

/**
 * The family's answers carry no revision: between two of a guardian's entries it would count the
 * services' internal ones (as a read's would; the family's commands go without If-Match).
 */
const seesRevisions = (actor: Actor) => actor.role !== 'guardian' && actor.role !== 'youth';

export function toCommandResponse(
  outcome: CommandOutcome,
  actor: Actor,
  positions: PositionTokens,
): CommandResponse {
  return {
    stream: outcome.stream,
    revision: seesRevisions(actor) ? String(outcome.revision) : null,
    position: positions.seal(outcome.position),
    duplicate: outcome.duplicate,
    events: [...outcome.eventTypes],
  };
}

const ETAG = /^"(\d+)"$/;

/** The 400 an If-Match the service cannot act on gets: why, and the one reason for the header. */
const ifMatchRefused = (message: string, reason: string) =>
  new BadRequestException({
    code: 'VALIDATION_FAILED',
    message,
    fields: [{ field: 'If-Match', reasons: [reason] }],
  });

/** The revision in an If-Match header (`"7"`), or undefined when the client sent none. */
export const IfMatchRevision = createParamDecorator(
  (_: unknown, context: ExecutionContext): bigint | undefined => {
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; actor?: Actor }>();
    const header = request.headers['if-match'];
    if (header === undefined || header === '*') return undefined;
    // The family is given no revision (seesRevisions): a revision guessed in If-Match and answered
    // with the current one in a 409 would count the services' internal entries all the same.
    if (request.actor && !seesRevisions(request.actor))
      throw ifMatchRefused(
        'If-Match is for the ETags the services are given; the family’s answers carry none',
        'must not be sent by the family',
      );
    const tag = header.trim();
    // A weak tag never matches an If-Match (RFC 9110 §13.1.1): this service gives strong ones only,
    // so a `W/` was weakened on the way, and to act on it as a match would skip the check it asks for.
    if (tag.startsWith('W/'))
      throw ifMatchRefused(
        'If-Match must be the strong ETag the service gave; a weak one (W/) never matches',
        'must not be a weak ETag: send "7", not W/"7"',
      );
    const match = ETAG.exec(tag);
    if (!match)
      throw ifMatchRefused(
        'If-Match must be a stream revision in quotes, as sent in ETag',
        'must look like "7"',
      );
    return BigInt(match[1]);
  },
);

/** Sets the ETag (the stream revision, for the services) and returns the body every command answers with. */
export function answerCommand(
  reply: { header(name: string, value: string): unknown },
  outcome: CommandOutcome,
  actor: Actor,
  positions: PositionTokens,
): CommandResponse {
  if (seesRevisions(actor)) reply.header('ETag', `"${outcome.revision}"`);
  return toCommandResponse(outcome, actor, positions);
}
