/**
 * The web app's page gets a stricter policy than the API's default (whose style-src allows inline
 * styles for the OpenAPI page): scripts and styles from this origin only — Designsystemet ships plain
 * CSS files and sets no inline <style> — and connections to this origin plus the sign-in provider's
 * token endpoint, which the app calls to finish the authorization-code flow.
 */
export function webAppContentSecurityPolicy(signInOrigins: readonly string[]): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...signInOrigins],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(' '))
    .join('; ');
}
