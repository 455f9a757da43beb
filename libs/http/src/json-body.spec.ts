import { duplicateKeys, jsonDepth } from './json-body';

describe('the body checks before a DTO sees it', () => {
  it('names every key given twice in one object, wherever it is', () => {
    expect(duplicateKeys('{"commandId":"a","text":"x","commandId":"b"}')).toEqual(['commandId']);
    expect(duplicateKeys('{"scope":{"services":[],"services":["x"]}}')).toEqual(['scope.services']);
    expect(duplicateKeys('{"items":[{"a":1},{"a":1,"b":2,"a":3}]}')).toEqual(['items[1].a']);
    expect(duplicateKeys('[{"a":1,"a":2}]')).toEqual(['[0].a']);
    // Compared as they read: an escape is the letter it stands for.
    expect(duplicateKeys('{"a":1,"\\u0061":2}')).toEqual(['a']);
  });

  it('lets the same key be in different objects, and a key in a string value be text', () => {
    expect(duplicateKeys('{"a":{"a":1},"b":{"a":2},"c":[{"a":1},{"a":2}]}')).toEqual([]);
    expect(duplicateKeys('{"text":"\\"a\\":1,\\"a\\":2","a":"{\\"b\\":1}"}')).toEqual([]);
    expect(duplicateKeys('{"a":[1,2,{"x":"]"}],"b":1}')).toEqual([]);
  });

  it('counts depth without parsing, brackets in strings aside', () => {
    expect(jsonDepth('{"a":[{"b":"[[[["}]}')).toBe(3);
  });
});
