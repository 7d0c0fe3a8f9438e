// The application form's draft: every keystroke is kept in sessionStorage at once (a reload, even
// offline, loses nothing) and saved to the server shortly after the typing pauses. The server
// stores what was typed, invalid values included, and answers each refused field with its code.
import { signal } from '@preact/signals';
import type { Applicant, ApplicationView, CustomerApi, FieldError } from '../api/journey';
import { isApiError } from '../api/problem';

/** The form's fields by their path in the API, in form order. */
export const FIELDS = [
  'surname',
  'given_names',
  'date_of_birth',
  'nationality',
  'address.line1',
  'address.line2',
  'address.postal_code',
  'address.city',
  'address.country',
  'email',
  'phone',
] as const;
export type Field = (typeof FIELDS)[number];
export type Values = Record<Field, string>;

/** The fields the ID document's machine-readable zone can fill in. */
export const FROM_DOCUMENT: readonly Field[] = ['surname', 'given_names', 'date_of_birth', 'nationality'];

export const EMPTY: Values = Object.fromEntries(FIELDS.map((f) => [f, ''])) as Values;

const ADDRESS_KEYS = ['line1', 'line2', 'postal_code', 'city', 'country'] as const;

export function valuesOf(a: Applicant | null | undefined): Values {
  const v = { ...EMPTY };
  if (!a) return v;
  for (const f of ['surname', 'given_names', 'date_of_birth', 'nationality', 'email', 'phone'] as const) v[f] = a[f] ?? '';
  for (const k of ADDRESS_KEYS) v[`address.${k}`] = a.address?.[k] ?? '';
  return v;
}

/** The API's applicant: empty fields left out (an absent field is an empty one). */
export function applicantOf(v: Values): Applicant {
  const pick = (s: string) => (s.trim() ? s : undefined);
  const address = Object.fromEntries(ADDRESS_KEYS.map((k) => [k, pick(v[`address.${k}`])]).filter(([, x]) => x !== undefined));
  const a: Applicant = {};
  for (const f of ['surname', 'given_names', 'date_of_birth', 'nationality', 'email', 'phone'] as const) {
    const x = pick(v[f]);
    if (x !== undefined) a[f] = x;
  }
  if (Object.keys(address).length) a.address = address;
  return a;
}

export type SaveState = 'idle' | 'saving' | 'saved' | 'offline' | 'failed';

interface Stored {
  values: Values;
  /** Typed but not yet accepted by the server. */
  dirty: boolean;
}

export class Draft {
  readonly values = signal<Values>({ ...EMPTY });
  /** The server's view after the latest save (errors, missing fields, MRZ comparison). */
  readonly view = signal<ApplicationView | null>(null);
  /** Refused fields and their codes, as of the latest save. */
  readonly errors = signal<Partial<Record<Field, string>>>({});
  readonly saveState = signal<SaveState>('idle');
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly api: CustomerApi,
    private readonly sessionId: string,
    private readonly storage: Storage | null,
    private readonly debounceMs = 800,
  ) {}

  private get key(): string {
    return `vkyc.draft.${this.sessionId}`;
  }

  private stored(): Stored | null {
    try {
      const raw = this.storage?.getItem(this.key);
      if (!raw) return null;
      const s = JSON.parse(raw) as Stored;
      return { values: { ...EMPTY, ...s.values }, dirty: Boolean(s.dirty) };
    } catch {
      return null;
    }
  }

  private remember(dirty: boolean): void {
    try {
      this.storage?.setItem(this.key, JSON.stringify({ values: this.values.peek(), dirty } satisfies Stored));
    } catch {
      /* storage full or refused: the server copy still saves it */
    }
  }

  /** The server's draft, unless this tab typed something the server has not got yet. */
  async load(): Promise<void> {
    const local = this.stored();
    try {
      const view = await this.api.application(this.sessionId);
      this.accept(view);
      if (local?.dirty) {
        this.values.value = local.values;
        await this.save();
      } else {
        this.values.value = valuesOf(view.applicant);
        this.remember(false);
      }
    } catch (e) {
      if (!local) throw e;
      // Offline: what this tab typed is still here, and saved once the server answers again.
      this.values.value = local.values;
      this.saveState.value = 'offline';
    }
  }

  /** One field changed: kept locally now, sent once typing pauses. */
  set(field: Field, value: string): void {
    this.values.value = { ...this.values.peek(), [field]: value };
    this.remember(true);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.save().catch(() => undefined), this.debounceMs);
  }

  /** Saves now whatever is pending (leaving the form, submitting). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    if (this.inFlight) await this.inFlight;
    if (this.stored()?.dirty) await this.save();
  }

  /** Saves the form as it stands; `confirmMrz` also confirms the document's comparison. */
  async save(confirmMrz = false): Promise<void> {
    clearTimeout(this.timer);
    if (this.inFlight) await this.inFlight;
    const sent = this.values.peek();
    this.saveState.value = 'saving';
    const run = (async () => {
      try {
        const view = await this.api.saveApplication(this.sessionId, applicantOf(sent), confirmMrz);
        this.accept(view);
        // Typing that went on during the request stays dirty for the next save.
        if (this.values.peek() === sent) this.remember(false);
        this.saveState.value = 'saved';
      } catch (e) {
        if (isApiError(e, 'field_too_long')) {
          const errors = (e.problem?.errors as FieldError[] | undefined) ?? [];
          this.errors.value = { ...this.errors.peek(), ...byField(errors) };
          this.saveState.value = 'failed';
        } else {
          this.saveState.value = isApiError(e, 'network_error') ? 'offline' : 'failed';
        }
        throw e;
      }
    })();
    this.inFlight = run.catch(() => undefined).finally(() => (this.inFlight = null));
    await run;
  }

  /** Takes the server's answer: its view, its refusals, and (after an MRZ) its values. */
  accept(view: ApplicationView): void {
    this.view.value = view;
    this.errors.value = byField(view.errors);
  }

  /** Forgets the local copy (the application was submitted). */
  settle(): void {
    this.values.value = valuesOf(this.view.peek()?.applicant);
    this.remember(false);
  }
}

export function byField(errors: readonly FieldError[]): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  for (const e of errors) if ((FIELDS as readonly string[]).includes(e.field)) out[e.field as Field] ??= e.code;
  return out;
}
