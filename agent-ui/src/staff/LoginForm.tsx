import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/i18n';
import { TextField } from '../ui/TextField';
import { firstInvalid, outcomeOf, validateLogin, type CodeKind, type Field, type FieldErrors, type Message } from './login-form';
import { signIn } from './session';

const ALERT_ID = 'login-alert';

export interface LoginFormProps {
  /** Called when a sign-in attempt fails; the page then drops the notice it showed before. */
  onAttempt?(): void;
  /** The clock for messages that say "until when"; tests pass a fixed one. */
  now?: () => Date;
}

/**
 * Username, password and the second factor (authenticator code, or a recovery code instead).
 * Invalid entries are marked at their field and focused; server answers appear in one alert.
 */
export function LoginForm({ onAttempt, now = () => new Date() }: LoginFormProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [codeKind, setCodeKind] = useState<CodeKind>('totp');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [serverError, setServerError] = useState<{ message: Message; field: Field | null; attempt: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const refs: Record<Field, { current: HTMLInputElement | null }> = {
    username: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
    code: useRef<HTMLInputElement>(null),
  };
  const setters: Record<Field, (v: string) => void> = { username: setUsername, password: setPassword, code: setCode };

  // Focus after the render that marks the field, so the screen reader reads its new description.
  const [focusRequest, setFocusRequest] = useState<{ field: Field } | null>(null);
  const focusSoon = (field: Field) => setFocusRequest({ field });
  useEffect(() => {
    if (focusRequest) refs[focusRequest.field].current?.focus();
  }, [focusRequest]);
  // The page exists to sign in: start in the first field.
  useEffect(() => refs.username.current?.focus(), []);

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const checked = validateLogin({ username, password, code, codeKind });
    if ('errors' in checked) {
      setFieldErrors(checked.errors);
      setServerError(null);
      const first = firstInvalid(checked.errors);
      if (first) focusSoon(first);
      return;
    }
    setFieldErrors({});
    setBusy(true);
    try {
      await signIn(checked.request);
      // The router takes over from here: the session is signed in.
    } catch (err) {
      onAttempt?.();
      const outcome = outcomeOf(err, now());
      for (const f of outcome.clear) setters[f]('');
      setServerError((prev) => ({ message: outcome.message, field: outcome.field, attempt: (prev?.attempt ?? 0) + 1 }));
      setBusy(false);
      if (outcome.field) focusSoon(outcome.field);
    }
  };

  const switchCodeKind = () => {
    setCodeKind((k) => (k === 'totp' ? 'recovery' : 'totp'));
    setCode('');
    setFieldErrors((errs) => ({ ...errs, code: undefined }));
    focusSoon('code');
  };

  const fieldProps = (field: Field) => ({
    error: fieldErrors[field] ? t(fieldErrors[field].id, fieldErrors[field].args) : null,
    invalid: serverError?.field === field,
    describedBy: serverError?.field === field ? [ALERT_ID] : [],
    inputRef: refs[field],
  });

  const totp = codeKind === 'totp';
  return (
    <form class="login-form" noValidate onSubmit={onSubmit} aria-busy={busy}>
      <div id={ALERT_ID} role="alert" class={serverError ? 'message error' : 'alert-slot'}>
        {serverError && <p key={serverError.attempt}>{t(serverError.message.id, serverError.message.args)}</p>}
      </div>
      <TextField id="login-username" label={t('login-username')} value={username} onValue={setUsername} autoComplete="username" {...fieldProps('username')} />
      <TextField id="login-password" label={t('login-password')} type="password" value={password} onValue={setPassword} autoComplete="current-password" {...fieldProps('password')} />
      {totp ? (
        <TextField
          id="login-code"
          key="totp"
          label={t('login-code')}
          hint={t('login-code-hint')}
          value={code}
          onValue={setCode}
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={7}
          {...fieldProps('code')}
        />
      ) : (
        <TextField
          id="login-recovery-code"
          key="recovery"
          label={t('login-recovery-code')}
          hint={t('login-recovery-code-hint')}
          value={code}
          onValue={setCode}
          autoComplete="off"
          maxLength={20}
          {...fieldProps('code')}
        />
      )}
      <p class="code-switch">
        <button type="button" class="link" onClick={switchCodeKind}>
          {t(totp ? 'login-use-recovery' : 'login-use-totp')}
        </button>
      </p>
      {/* aria-disabled, not disabled: a disabled button drops the keyboard focus mid-submit. */}
      <button type="submit" class="primary submit" aria-disabled={busy ? 'true' : undefined}>
        {t(busy ? 'login-submitting' : 'login-submit')}
      </button>
    </form>
  );
}
