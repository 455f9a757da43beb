import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { POSITION_TOKEN, type PositionTokens } from '@bti/event-store';
import { validationFailed } from './validation';

/**
 * A whole number in a query string, written in decimal digits only: `Number` took `0x3`, `3e0` and
 * ` 3` for 3 (found from outside). Anything else is left as it came, for `IsInt` to refuse by name.
 */
export function QueryInt(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value,
  );
}

const NOT_A_POSITION = 'minPosition must be a position as returned by a command';
const NOT_A_CURSOR = 'after must be a nextCursor this list returned';

/**
 * The log position a token a reader sent stands for, or a 400 naming the field: a token of the right
 * shape may still be one this installation never gave (made up, altered, another installation's).
 */
export function openedPosition(
  positions: PositionTokens,
  token: string,
  field: string,
  reason: string,
): bigint {
  const position = positions.open(token);
  if (position === null) throw validationFailed([{ field, reasons: [reason] }]);
  return position;
}

/** Query parameter of every read: wait until the read models have processed this position. */
export class ReadQueryDto {
  @ApiPropertyOptional({
    example: 'TLwNcu9LLTPk-_edu00NWA',
    description: 'The position a command returned: the answer includes that write',
  })
  @IsOptional()
  @Matches(POSITION_TOKEN, { message: NOT_A_POSITION })
  minPosition?: string;
}

/** How long a query waits for the read models to include the caller's own write. */
export const READ_WAIT_MS = 5000;

/** A page of a list: `limit` (1–500) and the `after` cursor a previous page returned. */
export class PageQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ example: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  after?: string;
}

/**
 * Refuses a query whose projections — only those it reads — are being rebuilt (their tables hold part
 * of the log: a worklist or a timeline would look complete and not be), and waits (at most
 * READ_WAIT_MS) until they include the caller's own write.
 */
export async function awaitOwnWrite(
  runner: {
    waitForPosition(position: bigint, timeoutMs: number, names: readonly string[]): Promise<void>;
    refuseWhileRebuilding(names: readonly string[]): void;
    readonly positions: PositionTokens;
  },
  query: ReadQueryDto,
  projections: readonly string[],
): Promise<bigint> {
  runner.refuseWhileRebuilding(projections);
  if (query.minPosition === undefined) return 0n;
  const position = openedPosition(
    runner.positions,
    query.minPosition,
    'minPosition',
    NOT_A_POSITION,
  );
  await runner.waitForPosition(position, READ_WAIT_MS, projections);
  return position;
}

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** The shapes of the cursors the lists return (`nextCursor`), each list's own. */
export const CURSOR = {
  /** A position (sealed, as readers are given them) in a list kept in the order things were recorded. */
  position: POSITION_TOKEN,
  /** A stream's revision, for a list in the order of one stream's events (an arena's referrals). */
  revision: /^\d{1,19}$/,
  /** The id of the last item, for a list in id order. */
  id: new RegExp(`^${UUID}$`),
  /** A time with its offset and an id, for a list in time order (a family's meetings). */
  timeAndId: new RegExp(
    `^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?(?:[Zz]|[+-]\\d{2}:?\\d{2})${UUID}$`,
  ),
  /** Two ids, for a list in the order of a pair (a meeting and its decision). */
  twoIds: new RegExp(`^${UUID}${UUID}$`),
} as const;

/**
 * The `after` of a list whose cursors have this shape. Anything else is refused (400, naming
 * `after`): a cursor the list never returned would otherwise read as its first page, or as an
 * empty one, and a client would believe it had seen everything.
 */
export function CursorOf(shape: RegExp): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description: 'The nextCursor of the previous page' }),
    IsOptional(),
    Matches(shape, { message: NOT_A_CURSOR }),
  );
}

/** A page of a list in the order things were recorded (an access log, a queue). */
export class PositionPageQueryDto extends PageQueryDto {
  @CursorOf(CURSOR.position)
  // Narrows the base cursor to this list's shape; the value is set from the query after construction.
  override after?: string = undefined;
}

/**
 * A page of a list in log order, read with the log position its cursor stands for and answered with
 * the next one sealed: readers are never given a position in the clear (`PositionTokens`).
 */
export function pageByPosition<
  Query extends PositionPageQueryDto,
  Page extends { readonly nextCursor: string | null },
>(positions: PositionTokens, query: Query, read: (query: Query) => Page): Page {
  const after =
    query.after === undefined
      ? undefined
      : String(openedPosition(positions, query.after, 'after', NOT_A_CURSOR));
  const page = read({ ...query, after });
  return {
    ...page,
    nextCursor: page.nextCursor === null ? null : positions.seal(BigInt(page.nextCursor)),
  };
}
