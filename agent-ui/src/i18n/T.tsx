import { t, type Args } from './i18n';

/** A translated message as a text node: `<T id="login-title" />`. */
export function T({ id, args }: { id: string; args?: Args }) {
  return <>{t(id, args)}</>;
}
