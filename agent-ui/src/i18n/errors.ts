// Server errors are shown by their stable code, never by the server's English text.
import { hasMessage, t } from './i18n';

/** The message id for an error code: `error-<code>` when the catalogue has one, else the generic one. */
export function errorMessageId(code: string): string {
  const id = `error-${code}`;
  return hasMessage(id) ? id : 'error-generic';
}

/** The translated text for an error code. */
export function errorText(code: string): string {
  return t(errorMessageId(code));
}
