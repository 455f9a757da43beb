import { getMetadataStorage } from 'class-validator';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type TargetMetadatas = ReturnType<MetadataStorage['getTargetValidationMetadatas']>;

const memoized = new WeakSet<MetadataStorage>();

/**
 * Makes class-validator remember, per DTO class and options, which rules apply to it. It works them
 * out again on every validation, testing the class against every class that has rules (`instanceof`,
 * for inherited ones): with this service's few hundred DTOs that was 2.2 % of the API's thread under
 * the HTTP bench, more than validating the fields themselves. The rules of a class are all known once
 * its module has loaded; should any be added later, everything remembered is forgotten.
 */
export function rememberValidationRules(storage: MetadataStorage = getMetadataStorage()): void {
  if (memoized.has(storage)) return;
  memoized.add(storage);
  const workOut = storage.getTargetValidationMetadatas.bind(storage);
  const addRule = storage.addValidationMetadata.bind(storage);
  let remembered = new Map<unknown, Map<string, TargetMetadatas>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const options = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0001') ?? ''}`;
    let ofTarget = remembered.get(target);
    if (!ofTarget) remembered.set(target, (ofTarget = new Map<string, TargetMetadatas>()));
    let rules = ofTarget.get(options);
    if (!rules)
      ofTarget.set(options, (rules = workOut(target, schema, always, strictGroups, groups)));
    // A copy: the caller owns what it is given, as it did before.
    return rules.slice();
  };
  storage.addValidationMetadata = (metadata) => {
    remembered = new Map();
    addRule(metadata);
  };
}
