import 'i18next';
import type analyst from '../../personas/analyst/messages/nb.json';
import type coordinator from '../../personas/coordinator/messages/nb.json';
import type guardian from '../../personas/guardian/messages/nb.json';
import type staff from '../../personas/staff/messages/nb.json';
import type common from '../messages/nb.json';
import type errors from '../messages/errors.nb.json';

// Keys are checked at compile time against the bokmål files; test/web/messages.spec.ts checks that
// nynorsk and English have exactly the same keys.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: {
      common: typeof common;
      errors: typeof errors;
      guardian: typeof guardian;
      staff: typeof staff;
      coordinator: typeof coordinator;
      analyst: typeof analyst;
    };
  }
}
