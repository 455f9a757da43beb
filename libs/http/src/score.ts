import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

/** A 1–5 score (a family's or the team's evaluation), with what it asks in the API description. */
export function IsScore(question: string, example = 4): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ minimum: 1, maximum: 5, example, description: question }),
    IsInt(),
    Min(1),
    Max(5),
  );
}
