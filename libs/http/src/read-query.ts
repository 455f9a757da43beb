import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

/** Query parameter of every read: wait until the read models have processed this position. */
export class ReadQueryDto {
  @ApiPropertyOptional({
    example: '1042',
    description: 'A position a command returned: the answer includes that write',
  })
  @IsOptional()
  @Matches(/^\d{1,19}$/, { message: 'minPosition must be a position as returned by a command' })
  minPosition?: string;
}

/** How long a query waits for the read models to include the caller's own write. */
export const READ_WAIT_MS = 5000;

/** A page of a list: `limit` (1–500) and the `after` cursor a previous page returned. */
export class PageQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ example: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
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
  },
  query: ReadQueryDto,
  projections: readonly string[],
): Promise<void> {
  runner.refuseWhileRebuilding(projections);
  if (query.minPosition !== undefined)
    await runner.waitForPosition(BigInt(query.minPosition), READ_WAIT_MS, projections);
}
