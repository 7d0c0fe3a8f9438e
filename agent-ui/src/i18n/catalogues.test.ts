/// <reference types="node" />
// The catalogues stay complete and parseable: every id in one is in the others, every
// translation uses the same variables as the English, and every id the code asks for exists.
import { parse, Junk, Message, Term, VariableReference, Visitor, type Resource } from '@fluent/syntax';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STAFF_ROLES } from '../api/auth';
import { API_SCOPES } from '../admin/api';
import { AUDIT_ACTIONS, actionMessageId } from '../admin/audit-actions';
import { scopeId } from '../admin/roles';
import { CUSTOMER_CATALOGUES } from '../customer/i18n/catalogues';
import { SECTIONS } from '../staff/routes';
import { CATALOGUES } from './i18n';
import { LOCALES, type Locale } from './locales';

/** The shared catalogues and the customer pages' own, each checked as a set of three. */
const SETS = { shared: CATALOGUES, customer: CUSTOMER_CATALOGUES } as const;
const parsedSets = Object.fromEntries(
  Object.entries(SETS).map(([name, cats]) => [name, Object.fromEntries(LOCALES.map((l) => [l, parse(cats[l], {})])) as Record<Locale, Resource>]),
) as Record<keyof typeof SETS, Record<Locale, Resource>>;
const parsed = parsedSets.shared;

function ids(res: Resource): Set<string> {
  return new Set(res.body.filter((e) => e instanceof Message || e instanceof Term).map((e) => (e instanceof Term ? '-' : '') + (e as Message).id.name));
}

class Variables extends Visitor {
  found = new Set<string>();
  visitVariableReference(node: VariableReference) {
    this.found.add(node.id.name);
  }
}

function variablesOf(res: Resource): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of res.body) {
    if (!(e instanceof Message)) continue;
    const v = new Variables();
    v.visit(e);
    out.set(e.id.name, [...v.found].sort());
  }
  return out;
}

describe.each(Object.keys(SETS) as (keyof typeof SETS)[])('the %s Fluent catalogues', (set) => {
  const parsed = parsedSets[set];
  it.each(LOCALES)('%s.ftl parses without syntax errors', (l) => {
    const junk = parsed[l].body.filter((e) => e instanceof Junk) as Junk[];
    expect(junk.map((j) => j.content.trim())).toEqual([]);
  });

  it.each(LOCALES.flatMap((a) => LOCALES.filter((b) => b !== a).map((b) => [a, b])))('every id of %s.ftl is in %s.ftl', (a, b) => {
    const missing = [...ids(parsed[a as Locale])].filter((id) => !ids(parsed[b as Locale]).has(id));
    expect(missing).toEqual([]);
  });

  it.each(LOCALES.filter((l) => l !== 'en'))('%s.ftl uses the same variables as en.ftl in every message', (l) => {
    const en = variablesOf(parsed.en);
    const other = variablesOf(parsed[l]);
    const differing = [...en].filter(([id, vars]) => JSON.stringify(other.get(id)) !== JSON.stringify(vars)).map(([id]) => id);
    expect(differing).toEqual([]);
  });
});

describe('the catalogue checks', () => {
  it('a catalogue with a syntax error or a missing id is caught by these checks', () => {
    // The checks above must be able to fail: a broken entry becomes Junk, a dropped one is missing.
    const broken = parse('ok = Fine\nbroken = { $unclosed\n', {});
    expect(broken.body.some((e) => e instanceof Junk)).toBe(true);
    const [dropped] = [...ids(parsed.en)];
    const trimmed = parse(CATALOGUES.en.replace(new RegExp(`^${dropped} =.*$`, 'm'), ''), {});
    expect(ids(trimmed).has(dropped)).toBe(false);
  });
});

/** Every message id literally named in the source: t('…'), { id: '…' }, titleId="…". */
function idsNamedInSource(dir: string): Set<string> {
  const out = new Set<string>();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      idsNamedInSource(path).forEach((id) => out.add(id));
      continue;
    }
    if (!/\.tsx?$/.test(name) || /\.test\.tsx?$/.test(name) || path.includes(`${join('src', 'test')}`)) continue;
    const text = readFileSync(path, 'utf8');
    for (const re of [/\bt\(\s*'([a-z][a-z0-9_-]*)'/g, /\bid: '([a-z][a-z0-9_-]*)'/g, /\b(?:titleId|bodyId)="([a-z][a-z0-9_-]*)"/g, /<T id="([a-z][a-z0-9_-]*)"/g, /\? '([a-z]+-[a-z0-9_-]+)' : '([a-z]+-[a-z0-9_-]+)'/g]) {
      for (const m of text.matchAll(re)) m.slice(1).forEach((id) => id && out.add(id));
    }
  }
  return out;
}

describe('the messages the code asks for', () => {
  // A page has the shared messages and, on the customer pages, the customer's.
  const en = new Set([...ids(parsed.en), ...ids(parsedSets.customer.en)]);
  const srcDir = join(import.meta.dirname, '..');

  it('every id named in the source exists in en.ftl', () => {
    const named = idsNamedInSource(srcDir);
    expect(named.size).toBeGreaterThan(20);
    expect([...named].filter((id) => !en.has(id))).toEqual([]);
  });

  it('every id built from a value exists: sections, roles, notices', () => {
    const built = [
      ...SECTIONS.map((s) => `nav-${s.section}`),
      ...STAFF_ROLES.map((r) => `role-${r}`),
      ...['session_expired', 'unauthenticated', 'signed_out', 'signed_out_everywhere'].map((n) => `notice-${n}`),
    ];
    expect(built.filter((id) => !en.has(id))).toEqual([]);
  });

  it('every error code of the auth contract has its own message', () => {
    const codes = [
      'invalid_credentials', 'invalid_code', 'code_already_used', 'account_locked', 'account_disabled', 'too_many_requests', 'forbidden',
      'invalid_body', 'unauthenticated', 'session_expired', 'reauth_required', 'network_error', 'internal',
    ];
    expect(codes.filter((c) => !en.has(`error-${c}`))).toEqual([]);
  });
});

describe('the administration’s messages', () => {
  const en = ids(parsed.en);
  /** The server's own description of its API, the same file the client types come from. */
  const openapi = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'openapi.json'), 'utf8'));
  const serverEnum = (name: string): string[] => openapi.components.schemas[name].enum;

  it('lists every audit action the server records, and names each in every language', () => {
    expect([...AUDIT_ACTIONS].sort()).toEqual([...serverEnum('AuditAction')].sort());
    expect(AUDIT_ACTIONS.map(actionMessageId).filter((id) => !en.has(id))).toEqual([]);
  });

  it('has a message for every account state, key status, role, scope, confirmation and chain verdict', () => {
    const built = [
      ...serverEnum('StaffState').map((s) => `admin-state-${s}`),
      ...['active', 'expired', 'revoked'].map((s) => `admin-key-status-${s}`),
      ...STAFF_ROLES.map((r) => `admin-role-${r}-desc`),
      ...API_SCOPES.map((s) => `admin-scope-${scopeId(s)}-desc`),
      ...['disable', 'enable', 'reset'].flatMap((p) => [`admin-confirm-${p}-title`, `admin-confirm-${p}`, `admin-confirm-${p}-body`]),
      ...serverEnum('ChainState').map((s) => `admin-chain-${s}`),
    ];
    expect(built.filter((id) => !en.has(id))).toEqual([]);
  });

  it('has its own message for every error code of staff administration, activation, keys and the audit log', () => {
    const codes = [
      'staff_exists', 'invalid_staff_id', 'staff_needs_role', 'invalid_display_name', 'staff_not_found', 'cannot_remove_own_admin_role',
      'cannot_disable_self', 'cannot_reset_own_sign_in', 'password_too_short', 'password_too_long', 'password_too_common', 'password_unchanged',
      'wrong_password', 'activation_link_invalid', 'activation_link_expired', 'activation_link_used', 'activation_link_replaced',
      'invalid_key_name', 'key_needs_scope', 'invalid_key_lifetime', 'api_key_not_found', 'invalid_query', 'sign_in_not_found',
    ];
    expect(codes.filter((c) => !en.has(`error-${c}`))).toEqual([]);
  });
});
