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
nav-admin = Admin
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
admin-title = Staff administration
admin-placeholder = Staff accounts and their roles will be managed here.
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
