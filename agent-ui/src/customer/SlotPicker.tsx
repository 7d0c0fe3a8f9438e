import { useState } from 'preact/hooks';
import type { SlotView } from '../api/journey';
import { locale, t } from '../i18n/i18n';
import { dayKey, formatDay, formatTime } from './time';

/** Slots grouped by their day in `tz`, days in order. */
export function byDay(slots: readonly SlotView[], tz: string): [string, SlotView[]][] {
  const days = new Map<string, SlotView[]>();
  for (const s of [...slots].sort((a, b) => a.start.localeCompare(b.start))) {
    if (s.free <= 0) continue;
    const k = dayKey(s.start, tz);
    days.set(k, [...(days.get(k) ?? []), s]);
  }
  return [...days];
}

/** Days shown at first and added by "later days": a week of slots would be metres of scrolling on a phone. */
export const DAYS_AT_A_TIME = 2;

/** Free slots as radio buttons, grouped by day, times in the customer's zone. */
export function SlotPicker({ slots, value, onChange, tz, name, legend }: { slots: readonly SlotView[]; value: string | null; onChange(start: string): void; tz: string; name: string; legend: string }) {
  const lang = locale.value;
  const all = byDay(slots, tz);
  const [shown, setShown] = useState(DAYS_AT_A_TIME);
  // The chosen slot's day stays visible.
  const chosenDay = all.findIndex(([, list]) => list.some((s) => s.start === value));
  const days = all.slice(0, Math.max(shown, chosenDay + 1));
  return (
    <fieldset class="slots">
      <legend>{legend}</legend>
      {days.length === 0 && <p class="hint">{t('slots-none')}</p>}
      {days.map(([key, list]) => (
        <div key={key} class="slot-day" role="group" aria-labelledby={`${name}-${key}`}>
          <p id={`${name}-${key}`} class="slot-day-name">
            {formatDay(list[0].start, lang, tz)}
          </p>
          <div class="slot-times">
            {list.map((s) => (
              <label key={s.start} class={`slot${value === s.start ? ' selected' : ''}`}>
                <input type="radio" name={name} value={s.start} checked={value === s.start} onChange={() => onChange(s.start)} />
                <span>{formatTime(s.start, lang, tz)}</span>
              </label>
            ))}
          </div>
        </div>
      ))}
      {days.length < all.length && (
        <button type="button" class="link more" onClick={() => setShown(days.length + DAYS_AT_A_TIME)}>
          {t('slots-later-days')}
        </button>
      )}
    </fieldset>
  );
}
