/**
 * An action the caller's role or position does not allow on something they may see: the API answers
 * 403 with the code. (What they may not know exists is a 404, raised as the context's not-found code.)
 */
export class ActionForbidden extends Error {
  constructor(
    readonly code:
      | 'NOT_YOUR_MUNICIPALITY'
      | 'ROLE_NOT_ALLOWED'
      | 'STAFF_NOT_REGISTERED'
      | 'LOG_RESTRICTED'
      | 'REASON_REQUIRED',
    message: string,
  ) {
    super(message);
    this.name = 'ActionForbidden';
  }
}
