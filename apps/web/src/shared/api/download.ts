import { currentSession } from '../auth/session';
import { apiErrorOf, NetworkError } from './errors';

/**
 * A file from the API (a copy, a calendar invitation, a form) saved by the browser under `filename`.
 * Fetched with the person's token — a plain link would carry none — then handed over as a download.
 */
export async function downloadFile(path: string, filename: string): Promise<void> {
  const session = currentSession();
  let response: Response;
  try {
    response = await fetch(path, {
      headers: session ? { Authorization: `Bearer ${session.token}` } : {},
    });
  } catch {
    throw new NetworkError();
  }
  if (!response.ok) throw apiErrorOf(response, await response.json().catch(() => null));
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
