import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Matches, Max, Min, ValidateBy } from 'class-validator';
import { ID_SLUG, isWithinCaseYears, QueryInt, ReadQueryDto } from '@bti/http';
import { AREA_LEVELS, PERIOD_LEVELS, type AreaLevel, type PeriodLevel } from './metric-cube';
import { BREAKDOWNS, type Breakdown } from './metrics-reader';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A month (YYYY-MM) of the years a case can hold, bounded as every date field is. */
const IsCaseMonth = (name: 'from' | 'to') =>
  ValidateBy({
    name: 'isCaseMonth',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && MONTH.test(value) && isWithinCaseYears(`${value}-01`),
      defaultMessage: () => `${name} must be a month as YYYY-MM`,
    },
  });

export class MetricQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ enum: AREA_LEVELS, default: 'all' })
  @IsOptional()
  @IsIn(AREA_LEVELS)
  area?: AreaLevel;

  @ApiPropertyOptional({
    example: 'vestre-toten',
    description:
      'The municipality id, or the county’s name; without it, every municipality (or county) of the programme',
  })
  @IsOptional()
  @Matches(/^[\p{L}0-9][\p{L}0-9 .-]{1,62}$/u, {
    message: 'areaId must be a municipality id or a county name',
  })
  areaId?: string;

  @ApiPropertyOptional({ enum: PERIOD_LEVELS, default: 'quarter' })
  @IsOptional()
  @IsIn(PERIOD_LEVELS)
  period?: PeriodLevel;

  @ApiPropertyOptional({ example: '2025-01', description: 'First month (YYYY-MM)' })
  @IsOptional()
  @IsCaseMonth('from')
  from?: string;

  @ApiPropertyOptional({ example: '2026-12', description: 'Last month (YYYY-MM)' })
  @IsOptional()
  @IsCaseMonth('to')
  to?: string;

  @ApiPropertyOptional({ enum: BREAKDOWNS, default: 'none' })
  @IsOptional()
  @IsIn(BREAKDOWNS)
  by?: Breakdown;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class InitiativeMetricsQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ example: 'vestre-toten' })
  @Matches(ID_SLUG, { message: 'municipalityId must be a municipality id' })
  municipalityId!: string;
}

export class MunicipalityUseQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ example: 12, minimum: 1, maximum: 36, default: 12 })
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(36)
  months?: number;
}
