import type { FormEvent, ReactNode } from 'react';

/**
 * A staff form: the browser's own validation off (the form checks itself and shows its errors by the
 * fields, in Designsystemet's way) and a submit that stays on the page and hands over to `onSubmit`.
 */
export function StaffForm({
  onSubmit,
  className = 'stack staff-form',
  children,
}: {
  onSubmit: () => void;
  className?: string;
  children: ReactNode;
}) {
  return (
    <form
      className={className}
      noValidate
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}
