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
console-placeholder = Your queue, your calls and their checks will appear here.
review-title = Review
review-placeholder = Finished calls waiting for review will appear here.
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
error-invalid_query = The filters are not valid. Check the dates and try again.
error-sign_in_not_found = That session has ended already.
error-reauth_cancelled = Cancelled: the action needs you to confirm it is you.
