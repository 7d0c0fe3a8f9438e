// The journey's store: which link, which session, the server's view of where the customer
// stands, and the step on screen. One per page; components reach it through `JourneyContext`.
import { signal } from '@preact/signals';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { isApiError } from '../api/problem';
import { customerApi, type CustomerApi, type JourneyView } from '../api/journey';
import { locale } from '../i18n/i18n';
import { Draft } from './draft';
import { isStep, resumeStep, type Step } from './steps';

export type Load = { kind: 'loading' } | { kind: 'ready' } | { kind: 'failed'; code: string };

/** The link's token from the URL fragment (`#t=…`), which browsers never send to servers. */
export function tokenFromLocation(hash = globalThis.location?.hash ?? ''): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get('t') || null;
}

/** sessionStorage, or null where the browser refuses it (private modes, policies). */
export function sessionStore(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

export class Journey {
  readonly load = signal<Load>({ kind: 'loading' });
  readonly view = signal<JourneyView | null>(null);
  readonly step = signal<Step>('welcome');

  constructor(
    readonly api: CustomerApi,
    /** The link's token: the queue and call sockets authenticate with it too. */
    readonly token: string,
    private readonly storage: Storage | null = sessionStore(),
  ) {}

  private draftStore: Draft | null = null;

  /** The application form's draft, shared by the form and the review. */
  draft(): Draft {
    this.draftStore ??= new Draft(this.api, this.sessionId, this.storage);
    return this.draftStore;
  }

  static forToken(token: string): Journey {
    return new Journey(customerApi(token), token);
  }

  /** The session of the link; only called once the journey is loaded. */
  get sessionId(): string {
    const v = this.view.peek();
    if (!v) throw new Error('journey not loaded');
    return v.session_id;
  }

  private get stepKey(): string {
    return `vkyc.step.${this.view.peek()?.session_id ?? ''}`;
  }

  /** Loads the server's view and resumes where the customer was. */
  async start(): Promise<void> {
    try {
      const v = await this.api.journey();
      this.view.value = v;
      const remembered = this.storage?.getItem(`vkyc.step.${v.session_id}`) ?? null;
      this.step.value = resumeStep(v, isStep(remembered) ? remembered : null);
      this.load.value = { kind: 'ready' };
    } catch (e) {
      this.load.value = { kind: 'failed', code: isApiError(e) ? e.code : 'network_error' };
    }
  }

  /** Reads the server's view again (after consent, a document, a submission…). */
  async refresh(): Promise<JourneyView> {
    const v = await this.api.journey();
    this.view.value = v;
    return v;
  }

  /** Shows `step`, remembered for a reload of this tab. */
  go(step: Step): void {
    this.step.value = step;
    try {
      this.storage?.setItem(this.stepKey, step);
    } catch {
      /* not remembered: a reload resumes from the server's state alone */
    }
  }

  /** When this tab's call ended: the agent decides after it (wrap-up), so "ended" may still become a result. */
  markCallEnded(at = Date.now()): void {
    try {
      this.storage?.setItem(`vkyc.callEnded.${this.sessionId}`, String(at));
    } catch {
      /* not remembered: a reload shows the server's status as it is */
    }
  }

  callEndedAt(): number | null {
    const v = Number(this.storage?.getItem(`vkyc.callEnded.${this.view.peek()?.session_id ?? ''}`) ?? NaN);
    return Number.isFinite(v) && v > 0 ? v : null;
  }

  /** Tells the server the language too: its e-mails follow the customer's choice. */
  async languageChanged(): Promise<void> {
    const v = this.view.peek();
    if (!v || v.language === locale.peek()) return;
    try {
      this.view.value = { ...v, ...(await this.api.setLanguage(v.session_id, locale.peek())) };
    } catch {
      /* the page already switched; e-mails keep the old language until the next change */
    }
  }

  /**
   * What the page asks of an agent when it queues or books. Nothing: which skills a case needs
   * (language, document, profile) is the server's decision, and a skill no agent has would
   * refuse the request (`unknown_skill`).
   */
  needs(): Record<string, never> {
    return {};
  }
}

export const JourneyContext = createContext<Journey | null>(null);

export function useJourney(): Journey {
  const j = useContext(JourneyContext);
  if (!j) throw new Error('useJourney outside JourneyContext');
  return j;
}
