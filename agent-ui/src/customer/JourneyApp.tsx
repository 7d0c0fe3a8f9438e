import { useSignalEffect } from '@preact/signals';
import type { ComponentType } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText } from '../i18n/errors';
import { locale, t } from '../i18n/i18n';
import { LanguageSwitcher } from '../i18n/LanguageSwitcher';
import { BookedStep } from './BookedStep';
import { CallStep } from './CallStep';
import { ChooseStep } from './ChooseStep';
import { ConsentManager } from './ConsentManager';
import { ConsentStep } from './ConsentStep';
import { DetailsStep } from './DetailsStep';
import { DeviceStep } from './DeviceStep';
import { DocumentStep } from './DocumentStep';
import { JourneyContext, type Journey } from './journey';
import { ResultStep } from './ResultStep';
import { ReviewStep } from './ReviewStep';
import { progressOf, type Step } from './steps';
import { WaitingStep } from './WaitingStep';
import { WelcomeStep } from './WelcomeStep';
import { WithdrawnStep } from './WithdrawnStep';

const PAGES: Record<Step, ComponentType> = {
  welcome: WelcomeStep,
  consent: ConsentStep,
  details: DetailsStep,
  document: DocumentStep,
  review: ReviewStep,
  device: DeviceStep,
  choose: ChooseStep,
  waiting: () => <WaitingStep />,
  booked: () => <BookedStep />,
  call: CallStep,
  result: ResultStep,
  withdrawn: WithdrawnStep,
};

/** Steps after which the consent can be reviewed and withdrawn from the footer. */
const CONSENT_MANAGED: Step[] = ['details', 'document', 'review', 'device', 'choose', 'booked', 'waiting'];

/** The journey's frame: header with the language, progress, the current step, the footer. */
export function JourneyApp({ journey }: { journey: Journey | null }) {
  if (!journey) return <Frame><Message titleId="journey-no-link-title" bodyId="journey-no-link-body" /></Frame>;
  return (
    <JourneyContext.Provider value={journey}>
      <Loaded journey={journey} />
    </JourneyContext.Provider>
  );
}

function Loaded({ journey }: { journey: Journey }) {
  const load = journey.load.value;
  const step = journey.step.value;
  const [managing, setManaging] = useState(false);
  // The server learns a language switch: its e-mails follow the customer's choice.
  useSignalEffect(() => {
    void locale.value;
    void journey.languageChanged();
  });
  if (load.kind === 'loading') return <Frame><p role="status" class="loading">{t('loading')}</p></Frame>;
  if (load.kind === 'failed') return <Frame><LoadFailed code={load.code} /></Frame>;
  const Page = PAGES[step];
  const progress = progressOf(step);
  return (
    <Frame
      step={step}
      footer={
        CONSENT_MANAGED.includes(step) && (
          <button type="button" class="link" onClick={() => setManaging(true)}>
            {t('journey-privacy-link')}
          </button>
        )
      }
    >
      {progress && (
        <div class="progress">
          <p class="progress-label">{t('journey-progress', { n: progress.n, of: progress.of })}</p>
          <div class="progress-bar" aria-hidden="true">
            <div class="progress-fill" style={{ width: `${(100 * progress.n) / progress.of}%` }} />
          </div>
        </div>
      )}
      <Page key={step} />
      {managing && <ConsentManager onClose={() => setManaging(false)} />}
    </Frame>
  );
}

/** Header (product, language), the main landmark and a footer; focus moves to the new step's heading. */
function Frame({ children, step, footer }: { children: preact.ComponentChildren; step?: Step; footer?: preact.ComponentChildren }) {
  const main = useRef<HTMLElement>(null);
  // The step shown before: the first one (after loading) keeps the page's natural start.
  const shown = useRef<Step | undefined>(undefined);
  useEffect(() => {
    const before = shown.current;
    shown.current = step;
    if (!step || !before) return;
    // A new step: start at its top, and let screen readers read its heading.
    window.scrollTo(0, 0);
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [step]);
  useEffect(() => {
    const h1 = main.current?.querySelector('h1')?.textContent;
    document.title = h1 ? `${h1} — ${t('app-name')}` : t('app-name');
  });
  return (
    <div class="journey">
      <header class="journey-top">
        <p class="brand">
          <span class="brand-name">{t('app-name')}</span>
        </p>
        <LanguageSwitcher class="compact" />
      </header>
      <main id="main" ref={main} class="journey-main">
        {children}
      </main>
      {footer && <footer class="journey-footer">{footer}</footer>}
    </div>
  );
}

function Message({ titleId, bodyId }: { titleId: string; bodyId: string }) {
  return (
    <section class="step">
      <h1 tabIndex={-1}>{t(titleId)}</h1>
      <p>{t(bodyId)}</p>
    </section>
  );
}

/** A link that cannot be used: expired, revoked, unknown, or the server unreachable. */
function LoadFailed({ code }: { code: string }) {
  const known = ['invalid_token', 'token_expired', 'token_revoked', 'token_not_yet_valid', 'session_ended', 'unauthenticated'];
  return (
    <section class="step">
      <h1 tabIndex={-1}>{t(known.includes(code) ? 'journey-link-unusable-title' : 'journey-load-failed-title')}</h1>
      <p role="alert">{errorText(code)}</p>
      {!known.includes(code) && (
        <button type="button" class="primary wide" onClick={() => location.reload()}>
          {t('journey-retry')}
        </button>
      )}
    </section>
  );
}
