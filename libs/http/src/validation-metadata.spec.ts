import {
  IsInt,
  IsString,
  MinLength,
  getMetadataStorage,
  registerDecorator,
  validateSync,
} from 'class-validator';
import { rememberValidationRules } from './validation-metadata';

const failedRules = (value: object, groups?: string[]) =>
  validateSync(value, groups ? { groups } : {})
    .flatMap((error) =>
      Object.keys(error.constraints ?? {}).map((rule) => `${error.property}:${rule}`),
    )
    .sort();

class Parent {
  @IsString()
  name: unknown = 1;
}

class Child extends Parent {
  @IsInt()
  count: unknown = 'x';
}

describe('remembered validation rules', () => {
  beforeAll(() => rememberValidationRules());

  it('still applies a class’s own rules and those it inherits, every time', () => {
    expect(failedRules(new Child())).toEqual(['count:isInt', 'name:isString']);
    expect(failedRules(new Child())).toEqual(['count:isInt', 'name:isString']);
    expect(failedRules(new Parent())).toEqual(['name:isString']);
  });

  it('applies a subclass made after its parent was validated', () => {
    expect(failedRules(new Parent())).toEqual(['name:isString']);
    class Later extends Parent {
      @MinLength(3)
      code: unknown = 'ab';
    }
    expect(failedRules(new Later())).toEqual(['code:minLength', 'name:isString']);
  });

  it('applies a rule added to a class after it was validated', () => {
    class Growing {
      @IsString()
      a: unknown = 'fine';

      b: unknown = 'no';
    }
    expect(failedRules(new Growing())).toEqual([]);
    registerDecorator({
      name: 'neverValid',
      target: Growing,
      propertyName: 'b',
      validator: { validate: () => false },
    });
    expect(failedRules(new Growing())).toEqual(['b:neverValid']);
  });

  it('keeps the rules of each group apart', () => {
    class Grouped {
      @IsString({ groups: ['first'] })
      a: unknown = 1;

      @IsInt({ groups: ['second'] })
      b: unknown = 'x';
    }
    expect(failedRules(new Grouped(), ['first'])).toEqual(['a:isString']);
    expect(failedRules(new Grouped(), ['second'])).toEqual(['b:isInt']);
  });

  it('gives each caller an array of its own', () => {
    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(Child, '', false, false);
    first.length = 0;
    expect(storage.getTargetValidationMetadatas(Child, '', false, false)).toHaveLength(2);
  });
});
