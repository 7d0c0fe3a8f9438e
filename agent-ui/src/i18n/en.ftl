# Interface strings, English (the reference catalogue). Message ids are shared by all
# catalogues; a test fails when one catalogue has an id the others lack.
# Example codes use non-breaking hyphens (U+2011) so they never wrap mid-code.
# Server errors are shown by their stable code: error-<code>, else error-generic.

## Product and shared words
app-name = Video identification
staff-area = Staff
staff-title = Video identification — staff
language-label = Language
loading = Loading…

## Sign-in page
login-title = Sign in
login-intro = Use your staff account and the code from your authenticator app.
login-username = Username
login-password = Password
login-code = Authenticator code
login-code-hint = The 6-digit code shown in your authenticator app.
login-recovery-code = Recovery code
login-recovery-code-hint = One of the recovery codes you saved when your account was set up, like abcd‑efgh‑ijkl.
login-use-recovery = Use a recovery code instead
login-use-totp = Use the authenticator code instead
login-submit = Sign in
login-submitting = Signing in…
login-missing-username = Enter your username.
login-missing-password = Enter your password.
login-missing-code = Enter the 6-digit code from your authenticator app.
login-bad-code-format = The code has 6 digits, for example 123456.
login-missing-recovery = Enter one of your recovery codes.
login-bad-recovery-format = A recovery code looks like abcd‑efgh‑ijkl.

## Why the sign-in page is shown
notice-session_expired = Your session expired. Please sign in again.
notice-unauthenticated = You were signed out. Please sign in again.
notice-signed_out = You are signed out.
notice-signed_out_everywhere = You are signed out on all your devices.

## Server errors, by code
error-generic = Something went wrong. Please try again.
error-network_error = The server cannot be reached. Check your connection and try again.
error-internal = Something went wrong on the server. Please try again in a moment.
error-invalid_credentials = The username or password is not correct.
error-invalid_code = This code is not correct. Check that the time on your phone is right and enter the current code.
error-code_already_used = This code has already been used. Wait for the next code in your authenticator app, or use a recovery code you have not used before.
error-account_locked = Your account is locked after too many failed attempts. Try again later or ask an administrator.
# $minutes (number) until the lock ends, $time (date) when it ends
error-account_locked-retry = Your account is locked after too many failed attempts. Try again in { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }, at { DATETIME($time, hour: "numeric", minute: "2-digit") }.
error-account_disabled = This account is disabled. Ask an administrator.
error-too_many_requests = Too many attempts. Wait a moment, then try again.
error-invalid_body = The form could not be sent. Reload the page and try again.
error-unauthenticated = Please sign in.
error-session_expired = Your session expired. Please sign in again.
error-reauth_required = This action needs you to confirm it is you.
error-forbidden = Your account is not allowed to do this.

## Staff shell
shell-skip = Skip to content
shell-nav-label = Main
nav-console = Console
nav-review = Review
nav-admin = Staff
# $name is the person's display name
shell-signed-in-as = Signed in as { $name }
role-agent = Agent
role-supervisor = Supervisor
role-admin = Administrator
role-auditor = Auditor
shell-sign-out = Sign out
shell-sign-out-everywhere = Sign out everywhere
shell-sign-out-everywhere-hint = Ends your sessions on every device, this one included.

## Sections (placeholders until each is built)
console-title = Agent console
review-title = Review
forbidden-title = No access
forbidden-body = Your account does not have access to this page.
not-found-title = Page not found
not-found-body = This address does not match any page.
no-roles-title = No role assigned
no-roles-body = Your account has no role yet. Ask an administrator to give you one.
back-home = Go to your start page

## Confirm-it's-you dialog before sensitive actions
reauth-title = Confirm it’s you
reauth-body = Enter the current 6-digit code from your authenticator app to continue.
reauth-code = Authenticator code
reauth-confirm = Confirm
reauth-confirming = Checking…
reauth-cancel = Cancel

## Administration, My account and activation (admin-, account-, activate- ids; one block)
nav-keys = API keys
nav-audit = Audit log
nav-account = My account
account-menu-link = My account
admin-retry = Try again
admin-cancel = Cancel
admin-save = Save changes
admin-saved = Changes saved.
admin-copy = Copy
admin-copied = Copied to the clipboard.
admin-copy-failed = Copying was not allowed. Select the text and copy it yourself.
admin-never = Never
admin-not-yet = Not yet
admin-actor-staff = staff
admin-actor-key = API key
admin-actor-customer = Customer
admin-actor-anonymous = Not signed in
admin-actor-system = System
admin-actor-cli = Command line
admin-role-agent-desc = Takes video calls and decides the identifications assigned to them.
admin-role-supervisor-desc = Sees all sessions, plays recordings and reviews decisions.
admin-role-admin-desc = Manages staff accounts, API keys, rosters and profiles; no recordings.
admin-role-auditor-desc = Reads everything, including the audit log; changes nothing.
admin-state-invited = Invited
admin-state-active = Active
admin-state-locked = Locked
admin-state-disabled = Disabled
admin-col-name = Name
admin-col-username = Username
admin-col-roles = Roles
admin-col-state = State
admin-col-last-sign-in = Last sign-in
admin-col-created = Created
admin-col-activated = Activated
admin-col-invitation = Activation link
admin-col-locked-until = Locked until
admin-col-scopes = Scopes
admin-col-expires = Expires
admin-col-last-used = Last used
admin-col-status = Status
admin-col-actions = Actions
admin-col-seq = No.
admin-col-time = Time
admin-col-actor = Who
admin-col-action = What
admin-col-target = About
admin-col-session = Session
admin-col-detail = Detail
admin-staff-title = Staff
admin-staff-intro = Invite people, give them roles, and manage their sign-in.
admin-staff-intro-readonly = Everyone with a staff account, their roles and where their account stands.
# $count (number) of accounts listed
admin-staff-caption = { $count ->
        [one] { $count } staff account
       *[other] { $count } staff accounts
    }
admin-staff-invite = Invite a staff member
admin-staff-back = All staff
admin-staff-new-title = Invite a staff member
admin-staff-new-intro = You get a one-time activation link to give to the person. They choose their own password and set up their authenticator app; you never see either.
admin-staff-id = Username
admin-staff-id-hint = Lower-case letters, digits, dots, dashes and underscores, e.g. anna.schmidt. It cannot be changed later.
admin-staff-id-invalid = Use 1 to 64 lower-case letters, digits, dots, dashes or underscores.
admin-staff-name = Full name
admin-staff-name-missing = Enter the person’s name.
admin-staff-roles = Roles
admin-staff-roles-missing = Choose at least one role.
admin-staff-invite-submit = Create account and get the link
admin-staff-inviting = Creating…
admin-staff-not-found-title = No such staff account
admin-staff-not-found-body = This account does not exist, or it was renamed.
# $name is the person’s display name
admin-invitation-title = Activation link for { $name }
admin-invitation-body = Give this link to the person over a channel you trust (in person, or your company’s messenger). Whoever opens it can set up this account.
admin-invitation-link = Activation link
# $time (date) when the link stops working
admin-invitation-expires = The link works once, until { $time }.
admin-invitation-once = This link is shown only now. If it is lost, create a new one: the old one then stops working.
# $time (date) when the pending link expires
admin-invitation-pending = Waiting for activation until { $time }
admin-edit-title = Name and roles
admin-own-admin-role = You cannot remove your own administrator role; another administrator can.
admin-access-title = Sign-in and access
admin-unlock = Unlock
admin-unlock-hint = The account is locked after failed sign-ins. Unlock it once you have checked with the person.
admin-unlock-done = The account is unlocked.
admin-reset = Reset sign-in
admin-reset-hint = For a lost phone or a forgotten password: the password, authenticator and recovery codes stop working at once, and you get a new activation link.
admin-reset-done = Sign-in reset. Give the person the new activation link below.
admin-new-link = New activation link
admin-new-link-hint = The earlier link stops working.
admin-new-link-done = A new activation link was created; the earlier one no longer works.
admin-disable = Disable account
admin-disable-hint = The person is signed out everywhere and cannot sign in until the account is enabled again.
admin-disable-done = The account is disabled.
admin-enable = Enable account
admin-enable-hint = The person can sign in again with their password and authenticator.
admin-enable-done = The account is enabled.
admin-self-hint = This is your own account: you cannot disable it or reset its sign-in. Change your password under My account.
# $name is the person’s display name
admin-confirm-disable-title = Disable { $name }?
admin-confirm-disable-body = Their sessions end now, including any call in progress.
admin-confirm-disable = Disable
# $name is the person’s display name
admin-confirm-enable-title = Enable { $name }?
admin-confirm-enable-body = They can sign in again.
admin-confirm-enable = Enable
# $name is the person’s display name
admin-confirm-reset-title = Reset the sign-in of { $name }?
admin-confirm-reset-body = Their password, authenticator and recovery codes stop working now and their sessions end. They set up a new sign-in with the link you get.
admin-confirm-reset = Reset sign-in
admin-keys-title = Integrator API keys
admin-keys-intro = Keys let the bank’s systems create sessions and read results. Each key does only what its scopes allow.
admin-keys-none = There are no API keys yet.
admin-keys-back = All API keys
admin-key-create = Create an API key
admin-key-new-title = Create an API key
admin-key-new-intro = Give the key a name that says which system uses it, and only the scopes it needs.
admin-key-name = Name
admin-key-name-hint = For example: core banking, production.
admin-key-name-missing = Enter a name for the key.
admin-key-scopes = Scopes
admin-key-scopes-missing = Choose at least one scope.
admin-key-lifetime = Valid for
# $days (number) of days
admin-key-days = { $days } days
admin-key-create-submit = Create key
admin-key-creating = Creating…
admin-scope-sessions-read-desc = Read sessions: their state and their links’ state.
admin-scope-sessions-write-desc = Create sessions, issue and revoke customer links, upload the reference photo, end sessions.
admin-scope-results-read-desc = Read results: decisions, face-analysis events and recording state.
admin-scope-roster-read-desc = Read the roster: agents, shifts and skills.
admin-scope-roster-write-desc = Change the roster: agents’ shifts, skills and absences.
# $name is the key’s name
admin-key-created-title = Key “{ $name }” created
admin-key-secret-warning = Copy the key now and store it in the system’s secret store. It is shown only this once; nobody can show it again.
admin-key-secret = API key
admin-key-secret-usage = The system sends it as “Authorization: Bearer <key>”.
# $time (date) when the key expires
admin-key-expires = It works until { $time }.
admin-key-done = I have stored the key
admin-key-status-active = Active
admin-key-status-expired = Expired
admin-key-status-revoked = Revoked
admin-key-revoke = Revoke
# $name is the key’s name
admin-key-revoke-named = Revoke { $name }
# $name is the key’s name
admin-key-revoke-title = Revoke “{ $name }”?
admin-key-revoke-body = Every request with this key is refused from now on. This cannot be undone; the system needs a new key.
# $name is the key’s name
admin-key-revoked = “{ $name }” is revoked.
admin-audit-title = Audit log
admin-audit-intro = Every sign-in, every read of personal data and every change, newest first. Each entry is chained to the one before it, so a changed or removed entry shows.
admin-audit-filters = Filters
admin-audit-actor = Who
admin-audit-actor-hint = For example staff:anna.schmidt or key:0123456789abcdef.
admin-audit-action = What
admin-audit-any-action = Any action
admin-audit-session = Session
admin-audit-from = From
admin-audit-to = Until
admin-audit-apply = Apply filters
admin-audit-clear = Clear
admin-audit-none = No entries match these filters.
# $count (number) of entries shown
admin-audit-shown = { $count ->
        [one] { $count } entry shown
       *[other] { $count } entries shown
    }
admin-audit-pages = Pages of the audit log
admin-audit-newest = Newest entries
admin-audit-older = Older entries
admin-chain-title = Integrity of the log
admin-chain-hint = Checks every entry against its hash and the entry before it, like “signaling audit verify”.
admin-chain-verify = Verify chain
admin-chain-checking = Checking…
# $rows (number) of entries checked
admin-chain-intact = The log is intact: all { $rows } entries check out.
# $row (number) the first changed entry, $rows (number) entries intact before it
admin-chain-altered = The log was tampered with: entry { $row } was changed after it was written. Entries 1 to { $rows } are intact.
# $row (number) the first missing entry, $rows (number) entries intact before it
admin-chain-missing = The log was tampered with: entries are missing from number { $row } on. Entries 1 to { $rows } are intact.
admin-audit-action-login-succeeded = Signed in
admin-audit-action-login-failed = Sign-in failed
admin-audit-action-account-locked = Account locked
admin-audit-action-logout = Signed out
admin-audit-action-logout-everywhere = Signed out everywhere
admin-audit-action-reauth-succeeded = Confirmed identity
admin-audit-action-reauth-failed = Identity confirmation failed
admin-audit-action-staff-created = Staff account created
admin-audit-action-staff-updated = Staff account changed
admin-audit-action-totp-reset = Authenticator reset
admin-audit-action-invitation-issued = Activation link created
admin-audit-action-sign-in-reset = Sign-in reset
admin-audit-action-activation-opened = Activation link opened
admin-audit-action-activation-refused = Activation refused
admin-audit-action-staff-activated = Account activated
admin-audit-action-password-changed = Password changed
admin-audit-action-password-change-failed = Password change failed
admin-audit-action-recovery-codes-regenerated = New recovery codes
admin-audit-action-sign-in-ended = Session ended from My account
admin-audit-action-audit-verified = Audit chain verified
admin-audit-action-api-key-created = API key created
admin-audit-action-api-key-revoked = API key revoked
admin-audit-action-roster-changed = Roster changed
admin-audit-action-session-created = Session created
admin-audit-action-link-issued = Customer link issued
admin-audit-action-link-revoked = Customer link revoked
admin-audit-action-joined = Joined the call
admin-audit-action-left = Left the call
admin-audit-action-session-ended = Session ended
admin-audit-action-appointment-booked = Appointment booked
admin-audit-action-challenge-started = Liveness challenge started
admin-audit-action-session-read = Session read
admin-audit-action-reference-photo-written = Reference photo uploaded
admin-audit-action-ai-events-read = Face-analysis results read
admin-audit-action-recording-read = Recording details read
admin-audit-action-playback-issued = Recording playback allowed
admin-audit-action-recording-file-served = Recording file played
admin-audit-action-audit-read = Audit log read
admin-audit-action-consent-recorded = Consent recorded
admin-audit-action-still-captured = Still image captured
admin-audit-action-still-read = Still image viewed
admin-audit-action-evidence-read = Evidence read
admin-audit-action-prompt-shown = Prompt shown to the customer
admin-audit-action-read-aloud-started = Read-aloud started
admin-audit-action-read-aloud-judged = Read-aloud judged
admin-audit-action-check-confirmed = Check confirmed
admin-audit-action-decision-recorded = Decision recorded
admin-audit-action-archive-read = Archive searched
admin-audit-action-timeline-read = Timeline viewed
admin-audit-action-stats-read = Statistics viewed
admin-audit-action-report-read = Report viewed
admin-audit-action-evidence-exported = Evidence package exported
admin-audit-action-document-signed = Document signed
admin-audit-action-decision-reviewed = Decision reviewed
admin-audit-action-result-final = Result final
admin-audit-action-legal-hold-set = Legal hold set
admin-audit-action-legal-hold-released = Legal hold released
admin-audit-action-session-erased = Session erased
admin-audit-action-retention-deleted = Deleted after retention
admin-audit-action-master-key-rotated = Master key rotated
admin-audit-action-identification-created = Identification created
admin-audit-action-application-saved = Application saved
admin-audit-action-application-submitted = Application submitted
admin-audit-action-application-read = Application read
admin-audit-action-document-captured = ID document captured
admin-audit-action-document-image-read = ID document image read
admin-audit-action-documents-read = ID documents read
admin-audit-action-passkey-enrolled = Passkey enrolled
admin-audit-action-passkey-verified = Passkey verified
account-title = My account
account-password-title = Change password
account-password-current = Current password
account-password-new = New password
account-password-confirm = Repeat the new password
account-password-rules = At least 12 characters. Not a common password and not your username. A few unrelated words work well.
account-password-missing = Enter your current password.
account-password-mismatch = The two passwords are not the same.
account-password-submit = Change password
account-password-changed = Your password is changed. Your other sessions were signed out.
account-recovery-title = Recovery codes
# $count (number) of unused codes
account-recovery-left = { $count ->
        [one] { $count } unused recovery code left.
       *[other] { $count } unused recovery codes left.
    }
account-recovery-hint = Each code signs you in once without your phone. New codes replace all the old ones; you confirm it is you first.
account-recovery-new = Create new recovery codes
account-codes-title = Your recovery codes
account-codes-body = Keep them somewhere safe, away from your phone: printed in a locked drawer, or in a password manager.
account-codes-once = They are shown only now.
account-codes-download = Download as a text file
account-codes-print = Print
# $username is the sign-in name
account-codes-file-title = Recovery codes of { $username } (video identification, staff). Each works once.
account-sign-ins-title = Where you are signed in
account-sign-ins-hint = Sign out a device you do not recognise, then change your password.
account-this-device = This device
# $time (date) signed in, $seen (date) last active
account-signed-in-at = Signed in { $time } · last active { $seen }
# $browser and $os as detected, e.g. Chrome on Linux
account-device = { $browser } on { $os }
account-device-unknown = Unknown device
account-end-sign-in = Sign out
# $device, e.g. Chrome on Linux
account-end-sign-in-named = Sign out { $device }
# $name is the person’s display name
activate-title = Welcome, { $name }
# $username is the sign-in name, $time (date) when the link expires
activate-intro = Set up the sign-in of your staff account { $username }. This link works until { $time }.
activate-step-password = Choose your password
activate-password = Password
activate-step-authenticator = Set up your authenticator app
activate-scan = Scan this QR code with an authenticator app on your phone (for example FreeOTP, Aegis or Google Authenticator).
activate-qr-alt = QR code for your authenticator app
activate-manual = Cannot scan? Choose “enter a key” in the app and type this key:
activate-manual-key = Key:
activate-manual-details = Type: time-based, 6 digits, every 30 seconds.
activate-step-confirm = Confirm it works
activate-code-hint = The 6-digit code your app shows now for “Video identification”.
activate-submit = Activate my account
activate-submitting = Activating…
activate-done-title = Your account is ready
# $username is the sign-in name
activate-done-body = Sign in as { $username } with your password and the code from your app.
activate-codes-saved = I have saved my recovery codes
activate-go-sign-in = Go to sign-in
activate-refused-title = This link cannot be used
activate-refused-help = Ask your administrator for a new activation link.
error-staff_exists = An account with this username exists already.
error-invalid_staff_id = Use 1 to 64 lower-case letters, digits, dots, dashes or underscores.
error-staff_needs_role = Choose at least one role.
error-invalid_display_name = Enter a name of 1 to 100 characters.
error-staff_not_found = This staff account does not exist.
error-cannot_remove_own_admin_role = You cannot remove your own administrator role. Another administrator can.
error-cannot_disable_self = You cannot disable your own account. Another administrator can.
error-cannot_reset_own_sign_in = You cannot reset your own sign-in. Change your password under My account.
error-password_too_short = The password needs at least 12 characters.
error-password_too_long = The password can have at most 128 characters.
error-password_too_common = This password is too common or too close to your username. Choose another one.
error-password_unchanged = The new password is the same as the current one.
error-wrong_password = The current password is not correct.
error-activation_link_invalid = This activation link is not valid. Check that you copied all of it.
error-activation_link_expired = This activation link has expired.
error-activation_link_used = This activation link was used already. If you set up your account, sign in.
error-activation_link_replaced = A newer activation link was created for your account; this one no longer works.
error-invalid_key_name = Enter a name of 1 to 100 characters.
error-key_needs_scope = Choose at least one scope.
error-invalid_key_lifetime = A key is valid for 1 to 730 days.
error-api_key_not_found = This API key does not exist.
error-sign_in_not_found = That session has ended already.

## Review: the archive (supervisors and auditors)
archive-intro = Every recorded identification, newest first. Filter, then open one to play it back, check its events and review the decision.
archive-filters = Filter the archive
archive-from = From
archive-to = To
archive-agent = Agent
archive-outcome = Decision
archive-review = Second review
archive-any = Any
archive-flags = Only sessions with
archive-search = Search
archive-clear = Clear filters
# $count rows shown, $more is "yes" when further pages exist
archive-count = { $more ->
        [yes] { $count } sessions shown, more available
       *[no] { $count ->
            [0] No sessions
            [one] 1 session
           *[other] { $count } sessions
        }
    }
archive-caption = Identifications matching the filters
archive-col-created = Started
archive-col-customer = Customer
archive-col-agent = Agent
archive-col-profile = Profile
archive-col-outcome = Decision
archive-col-review = Review
archive-col-flags = Flags
archive-no-name = not given
archive-empty = No identification matches these filters.
archive-more = Show more
outcome-approved = Approved
outcome-rejected = Rejected
outcome-inconclusive = Inconclusive
outcome-none = Not decided
review-state-pending = Waiting for review
review-state-confirmed = Confirmed
review-state-overturned = Overturned
review-state-none = No review
flag-face_no_match = Face did not match
flag-liveness_fail = Liveness failed
flag-challenge_failed = Head movement failed
flag-recording_unhealthy = Recording incomplete
flag-reconnects = Reconnects
# $count reconnections during the call
flag-reconnects-count = { $count ->
        [one] 1 reconnect
       *[other] { $count } reconnects
    }
flags-none = None
legal-hold-badge = Legal hold

## Review: the dashboard (supervisors)
review-tabs = Review pages
review-tab-archive = Archive
review-tab-dashboard = Dashboard
dash-title = Dashboard
dash-intro = How identifications went: volume and decisions, queue waits, abandonment, handling and wrap-up times, per day and per agent.
dash-filters = Choose the period and agent
dash-from = From (UTC day)
dash-to = To (UTC day)
dash-agent = Agent
dash-all-agents = All agents
# $name the agent's display name, $id their username
dash-agent-option = { $name } ({ $id })
dash-utc-hint = Days are UTC calendar days, as the figures are counted; both days are included.
dash-apply = Show
dash-last-30 = Last 30 days
dash-range-invalid = Enter both days as dates.
dash-range-reversed = The first day must not be after the last day.
error-range_too_long = Choose a period of at most 366 days.
# $from and $to are dates
dash-period = { $from } – { $to } (UTC)
dash-empty = No sessions in this period.
dash-totals = Totals for the period
dash-card-sessions = Sessions
# $count decided sessions
dash-card-decided = { $count ->
        [one] 1 decided
       *[other] { $count } decided
    }
dash-card-approved = Approved
dash-card-rejected = Rejected
dash-card-inconclusive = Inconclusive
# $count sessions with that decision, $decided sessions decided
dash-card-of-decided = { $count } of { $decided } decided
dash-card-abandoned = Abandoned in the queue
# $count abandoned entries, $entries queue entries in all
dash-card-of-entries = { $count } of { $entries } queue entries
dash-card-wait = Queue wait (median)
dash-card-handling = Handling time (median)
dash-card-wrap-up = Wrap-up time (median)
# $value a duration
dash-card-p90 = 90th percentile: { $value }
dash-chart-volume = Sessions per day, by decision
# $days in the period; the counts are totals of the period
dash-chart-volume-summary = Bar chart of sessions per day over { $days } days: { $sessions } sessions, { $approved } approved, { $rejected } rejected, { $inconclusive } inconclusive. The table “Per day” below has each day’s numbers.
dash-chart-wait = Queue wait per day
# $p50 and $p90 are durations
dash-chart-wait-summary = Line chart of the daily median and 90th percentile of the queue wait; over the period, median { $p50 }, 90th percentile { $p90 }. The table “Per day” below has each day’s numbers.
dash-chart-times = Handling and wrap-up time per day
# durations over the period
dash-chart-times-summary = Line chart of the daily median and 90th percentile of handling and wrap-up times; over the period, handling { $handling50 } (median) and { $handling90 } (90th percentile), wrap-up { $wrap50 } and { $wrap90 }. The table “Per day” below has each day’s numbers.
dash-part-approved = Approved
dash-part-rejected = Rejected
dash-part-inconclusive = Inconclusive
dash-part-undecided = Not decided
dash-what-wait = wait
dash-what-handling = handling
dash-what-wrap-up = wrap-up
# $what is dash-what-…
dash-series-p50 = Median { $what }
# $what is dash-what-…
dash-series-p90 = 90th percentile { $what }
dash-by-agent = Per agent
dash-by-day = Per day
dash-col-agent = Agent
dash-col-day = Day (UTC)
dash-col-sessions = Sessions
dash-col-approved = Approved
dash-col-rejected = Rejected
dash-col-inconclusive = Inconclusive
dash-col-abandoned = Abandoned
dash-col-wait = Queue wait, median / 90th pct.
dash-col-handling = Handling, median / 90th pct.
dash-col-wrap-up = Wrap-up, median / 90th pct.
dash-no-agent = Not taken by an agent
# $p50 and $p90 are durations
dash-p50-p90 = { $p50 } / { $p90 }
# $count a number, $share a percentage
dash-count-share = { $count } ({ $share })
# $s seconds, may have one decimal (durations: a no-break space between number and unit)
dash-duration-s = { NUMBER($s, maximumFractionDigits: 1) } s
# $min minutes
dash-duration-min = { $min } min
# $min minutes and $s seconds
dash-duration-min-s = { $min } min { $s } s
# $h hours
dash-duration-h = { $h } h
# $h hours and $min minutes
dash-duration-h-min = { $h } h { $min } min
admin-staff-access-log = Access log of this person

## Review: one session
session-back = Back to the archive
# $created is when the session started
session-title = Identification of { $created }
# $id is the start of the session's id (shown when the session could not be loaded)
session-title-id = Session { $id }
# $profile is the regulatory profile's id
session-meta = Profile { $profile }
session-side = Decision, evidence and retention
player-title = Recordings
player-recording-live = The call is still being recorded. Playback is available once it has ended.
player-recording-none = This session has no recording.
player-not-allowed = Auditors do not play recordings. The events below, the decision and the access log are available to you.
# $files recorded files in $segments segments
player-gate-intro = { $files } recorded files ({ $segments ->
        [one] 1 segment
       *[other] { $segments } segments
    }). Playing them is logged and needs your authenticator code.
player-load = Play recordings
player-play = Play
player-pause = Pause
player-position = Position
# $position and $total as m:ss
player-position-text = { $position } of { $total }
player-buffering = Loading…
player-not-recording-now = Not recorded at this moment
player-no-video = No video recorded
party-customer = Customer
party-agent = Agent
track-title = What happened
track-hint = Select an event to move the recordings there.
track-hint-no-player = Select an event to read what it was.
track-empty = No events were recorded during the call.
# $count events in total
track-all-events = All events ({ $count })
track-col-time = Time
track-col-lane = Kind
track-col-event = Event
# $count face-match measurements
track-distance-label = Face-match distance over the call ({ $count } measurements); lower is more alike
tl-lane-challenge = Head movement
tl-lane-face = Face match
tl-lane-liveness = Liveness
tl-lane-injection = Injection hints
tl-lane-quality = Quality
tl-lane-stills = Stills
tl-lane-call = Call and agent
tl-step-centre = Look straight ahead
tl-step-left = Turn left
tl-step-right = Turn right
tl-step-up = Look up
tl-step-down = Look down
tl-step-other = Movement
# $step is the translated step name
tl-challenge-step-passed = { $step }: passed
# $step is the translated step name, $reason the analysis' reason code
tl-challenge-step-failed = { $step }: failed ({ $reason })
tl-challenge-passed = Head-movement check passed
tl-challenge-failed = Head-movement check failed
# $steps number of steps asked for
tl-challenge-started = Head-movement check started ({ $steps } steps)
# $distance is the face-match distance (0 = identical)
tl-face-match = Face match: match (distance { $distance })
tl-face-no_match = Face match: no match (distance { $distance })
tl-face-inconclusive = Face match: inconclusive (distance { $distance })
tl-face-not_enough_frames = Face match: not enough frames yet (distance { $distance })
tl-face-other = Face match (distance { $distance })
# $score is the mean probability of a real face
tl-liveness-live = Liveness: live person (score { $score })
tl-liveness-attack = Liveness: presentation attack (score { $score })
tl-liveness-not_enough_frames = Liveness: not enough frames yet (score { $score })
tl-liveness-other = Liveness (score { $score })
tl-hint-looped_clip = Injection hint: the video repeats in a loop
tl-hint-still_image = Injection hint: a still image instead of a camera
tl-hint-regular_timing = Injection hint: frame timing too regular for a camera
tl-hint-source_switch = Injection hint: the video source changed
tl-hint-other = Injection hint
tl-reference = ID portrait analysed
tl-reference-no-face = ID portrait: no face found
# $flags is a list of quality problems
tl-quality-warning = Picture quality: { $flags }
tl-quality-ok = Picture quality good again
tl-quality-no_face = no face
tl-quality-multiple_faces = several faces
tl-quality-face_too_small = face too small
tl-quality-too_dark = too dark
tl-quality-too_bright = too bright
tl-quality-blurred = blurred
tl-quality-other = other problem
tl-still-face = Still: face
tl-still-id_front = Still: ID front
tl-still-id_back = Still: ID back
tl-still-other = Still
tl-prompt-show_id_front = Asked to show the ID front
tl-prompt-show_id_back = Asked to show the ID back
tl-prompt-tilt_document = Asked to tilt the document
tl-prompt-turn_head = Asked to turn the head
tl-prompt-read_digits = Asked to read digits aloud
tl-prompt-move_to_light = Asked to move to the light
tl-prompt-switch_camera = Asked to switch camera
tl-prompt-other = Prompt shown
tl-read-aloud-passed = Read-aloud passed
tl-read-aloud-failed = Read-aloud failed
tl-read-aloud-open = Read-aloud started
# $item is the checklist item's id
tl-check = Check ticked: { $item }
tl-action-joined = Joined the call
tl-action-left = Left the call
tl-action-session_ended = Session ended
tl-action-challenge_started = Agent started the head-movement check
tl-action-prompt_shown = Agent showed a prompt
tl-action-read_aloud_started = Agent started a read-aloud
tl-action-read_aloud_judged = Agent judged the read-aloud
tl-action-decision_recorded = Decision recorded
tl-action-decision_reviewed = Decision reviewed
tl-action-result_final = Result final
tl-action-playback_issued = Recordings opened for playback
# $action is the audit log's action name
tl-action-other = { $action }
# $seconds without audio or video
tl-recording-gap = Recording gap ({ $seconds } s)
tl-segment = Recording resumed after a reconnect

## Review: four eyes
four-eyes-title = Decision and second review
four-eyes-decision = Agent’s decision
four-eyes-decided-by = Decided by
# $who staff id, $at time
four-eyes-by-at = { $who }, { $at }
four-eyes-reason-codes = Reason codes
four-eyes-note = Note
four-eyes-override = Override reason
four-eyes-status = Status
four-eyes-pending = Waiting for a second review
four-eyes-final = Final
four-eyes-why = Why it needs a review
review-reason-four_eyes = The profile requires a second person
review-reason-no_match = The face analysis reported no match
review-reason-override = Approved over a blocker with an override
review-reason-low_quality = Low-quality evidence (gaps, reconnects, warnings)
review-reason-random = Drawn at random for sampling
# $who staff id, $at time
four-eyes-confirmed-by = Confirmed by { $who }, { $at }
# $who staff id, $at time
four-eyes-overturned-by = Overturned by { $who }, { $at }
four-eyes-changed = Changed from
four-eyes-read-only = You can see the review but not make one.
four-eyes-own-decision = You made this decision, so another supervisor must review it.
four-eyes-your-review = Your review
four-eyes-verdict = Your verdict
four-eyes-confirm-option = Confirm the agent’s decision
four-eyes-overturn-option = Overturn it
four-eyes-new-outcome = New decision
four-eyes-choose = Choose…
four-eyes-reason = Reason
four-eyes-reason-hint = What you checked and why you agree or not (at least 10 characters). It is kept with the signed decision.
four-eyes-sending = Sending…
four-eyes-submit-confirm = Confirm decision
four-eyes-submit-overturn = Overturn decision
four-eyes-verdict-missing = Choose whether you confirm or overturn the decision.
four-eyes-no-decision = No decision has been made in this session.
error-outcome_required = Choose the decision that replaces the agent’s.
error-reason_code_required = Choose at least one reason code for this decision.
error-reason_required = Give a reason: choose one from the list, or write at least 10 characters where asked.
error-not_pending_review = This decision is not waiting for a review any more. Reload the page to see its current state.
error-decision_not_found = This session has no decision.
error-confirm_takes_no_outcome = A confirmation keeps the agent’s decision; choose “Overturn” to change it.
error-unknown_reason = One of the reason codes is not part of this session’s profile.
error-reauth_cancelled = Cancelled. This action needs your authenticator code.
error-recording_not_found = This session’s recording cannot be found.
error-session_not_found = This session does not exist or has been deleted.
error-no_legal_hold = There is no legal hold on this session.
error-data_erased = This session’s data has been deleted.
error-invalid_query = The filters could not be used. Check the dates and try again.

## Review: evidence, retention, access log
export-title = Report and evidence
report-label = Compliance report:
report-html = web page
report-pdf = PDF
export-intro = All files of this session with their signatures, the public key and instructions to verify them offline. Exporting is logged and needs your authenticator code.
export-button = Export evidence package
export-busy = Preparing the package…
export-not-allowed = Only supervisors export evidence.
# $file name, $megabytes size
export-done = Saved { $file } ({ $megabytes } MB).
hold-title = Retention and legal hold
hold-on = On legal hold: will not be deleted
hold-off = No legal hold
hold-unknown = Legal hold state unknown
hold-intro = The session is deleted when its profile’s retention period ends, unless a legal hold is set.
hold-reason = Reason for the hold (case or request reference)
hold-release = Release legal hold
hold-set = Place on legal hold
access-title = Access log
access-empty = Nobody has opened this session’s data yet.
access-col-when = When
access-col-who = Who
access-col-what = What
access-action-session_read = Viewed the session
access-action-ai_events_read = Read the face-analysis events
access-action-recording_read = Read the recording’s details
access-action-playback_issued = Opened the recordings for playback
access-action-recording_file_served = Played a recording file
access-action-still_read = Viewed a still
access-action-evidence_read = Read the evidence
access-action-archive_read = Listed the archive
access-action-timeline_read = Viewed the timeline
access-action-report_read = Read the compliance report
access-action-evidence_exported = Exported the evidence package
## Server errors of the console and the call pages, by code
error-consent_required = The customer has not given their consent yet.
error-capture_not_requested = The photo was not asked for, or was already sent.
error-image_too_large = The photo is too large.
error-unsupported_image = The photo is not a JPEG or PNG image.
error-image_dimensions = The photo's size is not plausible for a camera.
error-approval_blocked = The evidence does not allow an approval yet.
error-already_decided = This session already has a decision.
error-note_too_long = The note is too long.
error-check_not_confirmable = This check is ticked by its evidence, not by hand.
error-check_not_found = This check is not part of the session's profile.
error-invalid_transition = Not possible right now (for example during an offer or a call).
error-offer_not_found = This offer no longer exists.
error-offer_expired = The offer expired before it was accepted.
error-agent_not_found = Your account is not on the agent roster. Ask an administrator.
error-session_ended = This session has ended.
error-not_in_call = The session has no call running.
error-role_taken = Someone else is already in this call in this role.
error-invalid_token = This link is not valid.
error-token_expired = This link has expired.
error-token_revoked = This link has been withdrawn.
error-replaced = This call was opened in another window.
error-read_aloud_not_found = That read-aloud round is over.
error-invalid_prompt = This prompt cannot be shown.
error-media_engine = The call's media could not start. Try again.
error-ai_busy = A challenge is already running.
error-ai_unavailable = Face analysis is not available; continue manually.
error-invalid_challenge = This challenge cannot be started.

## Call pages (customer and agent)
call-page-title = Your identification call
call-you = You
call-your-agent = Your agent
call-join = Join the call
call-hang-up = Hang up
call-end = End call
call-mute = Mute
call-unmute = Unmute
call-status-checking-camera = Checking your camera…
call-status-incomplete-link = This link is incomplete. Please open the full link you were sent.
call-status-no-camera = We need your camera and microphone. Please allow access and reload the page.
call-status-camera-ready = Your camera works. Join when you are ready.
call-status-joining = Joining…
call-status-waiting_for_peer = Waiting for the other party…
call-status-connecting_media = Connecting…
call-status-in_call = In call
call-status-peer_left = The other party left; waiting for them to come back…
call-status-reconnecting = Connection lost, reconnecting…
call-status-server_restarting = The service is restarting, reconnecting…
call-status-cannot_join = This call cannot be joined.
call-peer-connected = (connected)
call-peer-not-connected = (not connected)
call-ended-agent = Call ended.
call-ended-customer = The call has ended. Thank you — you can close this page.

## Step prompts on the customer's screen
prompt-show_id_front = Show the front of your ID
prompt-show_id_front-detail = Hold the front of your document close to the camera, steady, until the agent has seen it.
prompt-show_id_back = Show the back of your ID
prompt-show_id_back-detail = Turn your document over and hold the back close to the camera.
prompt-tilt_document = Tilt your document slowly
prompt-tilt_document-detail = Tilt it slowly towards you and away, then left and right, so the security features catch the light.
prompt-turn_head-left = Turn your head to the left
prompt-turn_head-right = Turn your head to the right
prompt-turn_head-up = Look up
prompt-turn_head-down = Look down
prompt-turn_head-centre = Look straight into the camera
prompt-turn_head-detail = Move slowly and hold the position until the next step appears.
prompt-read_digits = Read these digits aloud
prompt-read_digits-detail = Read them clearly, one by one.
prompt-move_to_light = Please move to better light
prompt-move_to_light-detail = Face a window or a lamp so your face and document are well lit.
prompt-switch_camera = Please switch to another camera
prompt-switch_camera-detail = If you can, use your device's main (rear or better) camera, or clean the lens.
# $digits: the digits separated by spaces, for screen readers
prompt-digits-label = Digits: { $digits }
prompt-seconds-left = { $seconds ->
        [one] { $seconds } second left
       *[other] { $seconds } seconds left
    }
capture-taking-face = Taking a photo of your face — hold still…
capture-taking-id_front = Taking a photo of the front of your ID — hold it still…
capture-taking-id_back = Taking a photo of the back of your ID — hold it still…
capture-sent = Photo sent to your agent.
# $reason: why, as an error message
capture-failed = The photo could not be sent. { $reason }

## Agent console: shift
shortcuts-open = Keyboard shortcuts (?)
notice-dismiss = Dismiss
shift-waiting-for-offer = You are available. The next customer will ring here.
offer-gone-pending = The offer was withdrawn.
offer-gone-accepted = The offer was taken.
offer-gone-declined = You passed; the customer is offered to the next agent.
offer-gone-timed_out = The offer was not answered in time, so your status is now “Away”.
offer-gone-cancelled = The customer left the queue.
presence-title = Your status
presence-unknown = Connecting…
presence-offline = Offline
presence-available = Available
presence-offered = A customer is ringing
presence-in_call = In a call
presence-wrap_up = Wrap-up
presence-away = Away
# $time: minutes and seconds left, like 1:05
presence-wrap-up-left = wrap-up ends in { $time }
presence-set-label = Set your status
presence-set-available = Available
presence-set-away = Away
presence-set-offline = Offline
presence-finish-wrap-up = Ready for the next customer
link-connecting = Connecting to the queue…
link-open = Connected to the queue.
link-lost = Connection to the queue lost; reconnecting… While it is lost you receive no customers.
link-closed = Not connected to the queue. Reload the page to connect.
queue-title = Queue
queue-waiting = Waiting
queue-longest = Longest wait
queue-unknown = Queue: —
# $waiting: number of customers; $longest: their longest wait, like 2:05
queue-compact = { $waiting ->
        [one] { $waiting } customer waiting
       *[other] { $waiting } customers waiting
    } · longest { $longest }
appointments-title = Today’s appointments
appointments-none = No appointments in the next 24 hours.
appointment-time = { DATETIME($start, hour: "numeric", minute: "2-digit") }–{ DATETIME($end, hour: "numeric", minute: "2-digit") }
appointment-checked-in = Checked in
appointment-booked = Booked
appointment-cancelled = Cancelled
appointment-no_show = Did not come
appointment-agent_unavailable = Moved: agent unavailable
offer-title = A customer is waiting
# $needs: the skills the customer needs, like lang:de, doc:passport
offer-needs = Needs: { $needs }
offer-no-needs = No special requirements.
offer-seconds-left = { $seconds ->
        [one] { $seconds } second to answer
       *[other] { $seconds } seconds to answer
    }
offer-accept = Accept
offer-decline = Decline
shortcuts-title = Keyboard shortcuts
shortcuts-key = Key
shortcuts-action = Action
shortcut-accept = Accept the ringing customer
shortcut-decline = Decline the ringing customer
shortcut-capture_face = Take a photo of the face
shortcut-capture_id_front = Take a photo of the ID front
shortcut-capture_id_back = Take a photo of the ID back
shortcut-challenge = Start the head-movement challenge
shortcut-read_aloud = Ask the customer to read digits aloud
shortcut-go_decision = Go to the decision
shortcut-mute = Mute or unmute your microphone
shortcut-help = Show this list
shortcuts-no-approve-key = No single key records a decision: press G, then choose with Tab and Enter.
shortcuts-close = Close

## Agent console: the call
call-title = Identification call
video-customer = Customer’s video
video-self = Your video
call-phase-starting = Starting…
call-phase-no_camera = Your camera or microphone is not available. Allow access and reload.
call-phase-joining = Joining the call…
call-phase-waiting_for_peer = Waiting for the customer…
call-phase-connecting_media = Connecting…
call-phase-in_call = In call
call-phase-peer_left = The customer left; waiting for them to come back…
call-phase-reconnecting = Connection lost, reconnecting…
call-phase-server_restarting = The service is restarting, reconnecting…
call-phase-cannot_join = This call cannot be joined.
call-phase-ended = Call ended
recording-failed = The recording has stopped: { $problem }. The call goes on, but it cannot be approved.
quality-title = Connection quality
quality-resolution = Picture
quality-fps = Frame rate
quality-fps-value = { $fps } fps
quality-bitrate = Bitrate
quality-bitrate-value = { $kbps } kbit/s
quality-loss = Loss
quality-loss-value = { $percent } %
# $width, $height, $fps: the profile's minimum
quality-warning-resolution_low = The picture is below the required { $width }×{ $height }.
quality-warning-fps_low = The frame rate is below the required { $fps } fps.
quality-warning-loss_high = Many packets are lost: the picture may freeze.
quality-warning-bitrate_low = The bitrate is very low: details may be unreadable.
quality-warning-no_video = No picture from the customer.
ai-flag-no_face = No face in view
ai-flag-multiple_faces = More than one face in view
ai-flag-face_too_small = Face too small or too far away
ai-flag-too_dark = Too dark
ai-flag-too_bright = Too bright
ai-flag-blurred = Blurred
prompt-action-move_to_light = Ask to move to light
prompt-action-switch_camera = Ask to switch camera
prompt-action-show_id_front = Show ID front
prompt-action-show_id_back = Show ID back
prompt-action-tilt_document = Tilt document
prompt-action-turn_head = Turn head
prompt-turn-left-label = Ask to turn the head left
prompt-turn-right-label = Ask to turn the head right
prompt-turn-up-label = Ask to look up
prompt-turn-down-label = Ask to look down
camera-actions-title = Ask the customer
capture-group = Photos
prompt-group = Prompts
capture-face = Face
capture-id_front = ID front
capture-id_back = ID back
capture-waiting = waiting for the photo…
capture-no-answer = no photo came; try again
direction-left = Left
direction-right = Right
direction-up = Up
direction-down = Down
direction-centre = Centre

facts-title = Application
facts-reference = Reference
facts-no-reference = none given
facts-session = Session
facts-profile = Procedure
facts-documents = Accepted documents
facts-created = Created
facts-created-at = { DATETIME($at, dateStyle: "medium", timeStyle: "short") }
facts-no-document-data = No application form or document data was submitted with this session: compare the customer with the photos and the ID photo.
app-compare-check-digits = MRZ check digits
app-compare-check-digits-ok = ✓ valid
app-compare-check-digits-failed = ✗ invalid: the MRZ may be misread or altered
app-compare-check-digits-none = no MRZ read
app-compare-review = Customer's confirmation
app-compare-review-none = nothing to confirm (no difference when read)
app-compare-review-pending = not confirmed: the customer has not yet confirmed or corrected the differences
app-compare-review-confirmed = confirmed by the customer
app-compare-caption = Application and ID document (MRZ): all compared fields agree
app-compare-caption-mismatches = Application and ID document (MRZ): { $count ->
    [one] one field differs
   *[other] { $count } fields differ
  }
app-compare-col-field = Field
app-compare-col-application = Application
app-compare-col-mrz = ID document (MRZ)
app-compare-col-result = Comparison
app-compare-field-surname = Surname
app-compare-field-given_names = Given names
app-compare-field-date_of_birth = Date of birth
app-compare-field-nationality = Nationality
app-compare-verdict-match = Same
app-compare-verdict-mismatch = Different
app-compare-verdict-missing = Not on both
app-compare-no-application = The customer has not filled in an application form.
app-compare-no-mrz = No machine-readable zone has been read from the ID document yet.
app-compare-side-front = front
app-compare-side-back = back
app-compare-show-image = Show the document's { $side }
app-compare-hide-image = Hide the document's { $side }
app-compare-image-alt = ID document, { $side }, as the customer uploaded it
app-compare-load-failed = The application and the ID document could not be loaded: { $error }
document-passport = Passport
document-id_card = ID card
document-residence_permit = Residence permit
document-aadhaar_offline = Aadhaar (offline)
stills-title = Photos
# $kind: which photo, like "ID front"
still-open = Open the photo: { $kind }
still-kind-face = Face
still-kind-id_front = ID front
still-kind-id_back = ID back
still-none = not taken yet
still-zoom = Zoom
still-zoom-out = Zoom out
still-zoom-in = Zoom in
still-close = Close
still-image-area = Photo, scrollable
still-alt = Photo: { $kind }
still-resolution = Resolution
still-captured = Taken
still-captured-at = { DATETIME($at, hour: "numeric", minute: "2-digit", second: "2-digit") }
still-hash = SHA-256
face-chart-label = Face-match distance over the last { $count } results; latest { $distance } (lower is more alike)
pose-values = yaw { $yaw } · pitch { $pitch } · roll { $roll }
pose-no-face = no face
ai-title = Live analysis
ai-status-waiting = starting
ai-status-running = running
ai-status-unavailable = unavailable — continue manually
ai-face-match = Face match with the ID photo
face-verdict-match = Match
face-verdict-no_match = No match
face-verdict-inconclusive = Inconclusive — your judgement
face-verdict-not_enough_frames = Not enough frames yet
ai-no-result = No result yet
ai-distance = distance { $distance } over { $frames } frames
ai-reference-no-face = No face found on the ID photo.
ai-reference-missing = The ID photo has not been analysed yet.
ai-liveness = Liveness
liveness-verdict-live = Live person
liveness-verdict-attack = Possible presentation attack
liveness-verdict-not_enough_frames = Not enough frames yet
ai-p-real = p(real) { $p }
ai-quality = Picture quality
ai-quality-good = Good
ai-pose = Head pose
ai-hints-title = Hints to look into
ai-hints-explain = These are hints, not verdicts: check the picture yourself.
hint-looped_clip = The video seems to repeat itself (a looped clip?).
hint-still_image = The picture has not changed for several seconds (a photo held up?).
hint-regular_timing = Frames arrive with machine-like regularity (a virtual camera?).
hint-source_switch = The video source changed during the call.
ai-models = Models used
challenges-title = Challenges
challenge-head-title = Head movements
challenge-start = Start
challenge-again = Start again
step-pending = waiting
step-current = now
step-passed = passed
step-failed = failed
step-reason-timeout = too slow
step-reason-no_face = no face
step-reason-wrong_move = wrong direction
step-reason-not_reached = not reached
step-seconds = { $seconds } s
challenge-passed = Challenge passed
challenge-failed = Challenge failed
read-aloud-title = Digits read aloud
read-aloud-start = Show digits
read-aloud-again = New digits
read-aloud-digits-label = Digits shown to the customer: { $digits }
read-aloud-judge = Did the customer read them correctly?
read-aloud-correct = Read correctly
read-aloud-wrong = Not correct
read-aloud-passed = Read correctly
read-aloud-failed = Not read correctly

## Checklist
checklist-title = Checklist
checklist-progress = { $done } of { $total } done
check-state-satisfied = Done:
check-state-open = Open:
check-state-failed = Failed:
check-tick-when-done = tick when done
check-waiting = waiting for evidence
check-required = required
check-optional = optional
evidence-still = photo stored
evidence-ai = by the analysis
evidence-confirmed-after-ai = confirmed by you
evidence-confirmed = confirmed by you
evidence-consent = consent recorded
evidence-read-aloud = read correctly
evidence-recording = recording healthy
check-consent = Consent before the call
check-quality_gate = Picture and sound good enough throughout
check-document_type = An allowed document type
check-security_features = Security features checked with the document tilted
check-tilt_horizontal_vertical = Document tilted horizontally and vertically
check-still_face = Photo of the face
check-still_id_front = Photo of the ID front
check-still_id_back = Photo of the ID back
check-face_match = Face compared with the ID photo
check-random_element = Head movements on request
check-head_movement = Head moved on request
check-read_aloud = Random digits read aloud
check-tan = One-time code (TAN) sent and read back
check-purpose_coercion = Purpose asked; no sign of coercion
check-varied_questions = Varied questions; digits read aloud
check-location_in_india = Customer located in India
check-recording = Whole call recorded
check-document_genuine = Document allowed and inspected
why-no_match = the face does not match
why-failed = failed
why-read_aloud_failed = the digits were not read correctly
recording-problem-disk_full = the disk is full
recording-problem-missing_media = a party's audio or video is missing
recording-problem-nothing_recorded = nothing has been recorded yet
recording-problem-disabled = recording is switched off
recording-problem-failed = the recording failed

## Decision
blocker-recording_unhealthy = The recording is not healthy: { $problem }.
blocker-check_open = Not done yet: { $check }.
blocker-check_failed = Failed: { $check } ({ $why }).
blocker-face_no_match_without_override = The face match says “no match”: write why you overrule it.
reason-document_invalid = Document invalid or not allowed
reason-security_features_failed = Security features not confirmed
reason-face_mismatch = Face does not match the document
reason-liveness_failed = Not a live person
reason-coercion_suspected = Coercion suspected
reason-fraud_suspected = Fraud suspected
reason-customer_refused = Customer refused a step
reason-technical_failure = Technical failure
reason-outside_india = Customer outside India
reason-poor_quality = Picture or sound too poor
reason-connection_lost = Connection lost
reason-document_unreadable = Document unreadable
reason-tan_failed = One-time code not confirmed
reason-needs_review = Needs a second opinion
decision-title = Decision
decision-outcome = Outcome
decision-pick-outcome = Choose an outcome.
decision-approval-blocked-now = An approval will be refused while:
decision-reasons = Reasons
decision-pick-reason = Choose at least one reason.
decision-override = Why you approve despite “no match”
decision-override-hint = At least 10 characters; stored with the decision.
decision-note = Note (optional)
decision-approval-refused = Approval refused:
decision-recording = Recording…
decision-submit = Record decision
decision-submit-approved = Record approval
decision-submit-rejected = Record rejection
decision-submit-inconclusive = Record as inconclusive
decision-recorded-title = Decision recorded
# $outcome: the outcome's name; $at: when
decision-recorded = { $outcome } — { DATETIME($at, hour: "numeric", minute: "2-digit") }
decision-status-final = The result is final.
decision-status-pending_review = The result waits for a supervisor’s review before it is final.
decision-back-to-queue = Back to the queue

## Outcomes as a recorded result
outcome-choose-approved = Approve
outcome-choose-rejected = Reject
outcome-choose-inconclusive = Inconclusive
outcome-done-approved = Approved
outcome-done-rejected = Rejected
outcome-done-inconclusive = Inconclusive

## Compliance profiles, by id
profile-basic = Basic video identification
profile-bafin-rs-3-2017 = BaFin circular 3/2017 (Germany)
profile-rbi-vcip = RBI V-CIP (India)
profile-at-fvfiv = Online identification, Austria (FM-GwG)
