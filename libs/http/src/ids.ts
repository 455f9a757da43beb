import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, Matches } from 'class-validator';

/** The ids a municipality chooses (services, municipalities, initiatives): 2–63 of a-z, 0-9 and -. */
export const ID_SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** A list of distinct service ids, within the given length. */
export function IsServiceIdList(limits: { min?: number; max: number }): PropertyDecorator {
  return applyDecorators(
    IsArray(),
    ...(limits.min ? [ArrayMinSize(limits.min)] : []),
    ArrayMaxSize(limits.max),
    ArrayUnique(),
    Matches(ID_SLUG, { each: true, message: 'each of $property must be a service id' }),
  );
}
