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
error-reason_required = Give a reason of at least 10 characters.
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
