# The customer pages (the journey at /id/, the booking page at /booking/), English: the reference.
# Added to the shared catalogue (src/i18n/en.ftl) on these pages only; an id here may refine a
# shared one for customers (e.g. error-unauthenticated speaks of links, not sign-in).

## Frame
journey-progress = Step { $n } of { $of }
journey-privacy-link = Your consent and privacy
journey-retry = Try again
journey-return = Back to the service that sent you
journey-no-link-title = This link is incomplete
journey-no-link-body = Open the whole link from the message you received. If you copied it, make sure nothing was left out at the end.
journey-link-unusable-title = This link cannot be used
journey-load-failed-title = Your identification could not be opened

## Welcome
welcome-title = Confirm your identity by video
welcome-intro = To confirm that you are who you say you are, you will talk to one of our agents in a short video call. We guide you through each step.
welcome-what-title = What happens
welcome-what-details = You fill in a few details about yourself.
welcome-what-document = You take a photo of your ID document, and we read its machine-readable zone for you.
welcome-what-device = We check your camera, microphone and connection.
welcome-what-call = You join a video call with an agent now, or book a time that suits you.
welcome-what-result = The agent confirms your identity; you get the result on screen and by e-mail.
welcome-duration = It takes about 10 minutes, plus the wait for an agent.
welcome-need-title = What you need
welcome-need-document = Your passport, identity card or residence permit
welcome-need-phone = This phone or a computer with a camera and a microphone
welcome-need-place = A quiet, well-lit place where you can talk
welcome-privacy-title = Your privacy
welcome-privacy-body = We use your data only to confirm your identity for the service that sent you, and keep it only as long as the law requires. The next page explains what we do with it and asks for your consent.
welcome-start = Start

## Consent
consent-title = Your consent
consent-intro = Please read each text and tick its box. You can withdraw your consent at any time.
consent-agree-processing = I agree to the processing of my personal data as described above.
consent-agree-recording = I agree to the recording of the video call.
consent-agree-biometrics = I agree to the comparison of my face with the photo on my ID document.
# $version is the start of the text's fingerprint, so the customer can name the text they agreed to
consent-version = Text version { $version }
consent-all-needed = A video identification needs all three consents. Tick the three boxes to continue, or choose “I do not agree”.
consent-submit = Agree and continue
consent-saving = Saving your consent…
consent-decline = I do not agree
consent-declined-title = No identification without your consent
consent-declined-body = We cannot identify you by video without these three consents. Nothing was recorded. If you change your mind, you can come back to this page with the same link.
consent-declined-back = Read the texts again
consent-kind-processing = Processing of your personal data
consent-kind-recording = Recording of the video call
consent-kind-biometrics = Comparison of your face with your ID photo

## Managing consent (from the footer)
consents-title = Your consent
consents-intro = You gave these consents for this identification. Withdrawing one stops the identification.
# $time is when the consent was given
consents-given-at = Given on { DATETIME($time, day: "numeric", month: "long", hour: "numeric", minute: "2-digit") }
consents-not-given = Not given
consents-withdraw = Withdraw
consents-withdraw-confirm = Withdraw this consent? The identification stops, and your data is deleted unless the law obliges us to keep it.
consents-withdraw-yes = Yes, withdraw
consents-withdraw-no = No, keep it
consents-close = Close
withdrawn-title = You withdrew your consent
withdrawn-body = Your identification is stopped. Nothing more is recorded or compared.
withdrawn-retention = Your data will be deleted, except what the law obliges us to keep, and only for as long as it does.
withdrawn-again = Give my consent again

## The application form
details-title = Your details
details-intro = Enter your details as they appear on your ID document. What you type is saved as you go.
details-about-you = About you
details-about-you-hint = You can leave these empty: we read them from your ID document in the next step, and you check them after.
details-address = Your address
details-contact = How we reach you
details-prefilled = Filled in by the service that sent you. Check it.
# $count is the number of fields to correct
details-problems = { $count ->
    [one] Please correct one field:
   *[other] Please correct { $count } fields:
}
details-offline = You seem to be offline. What you typed is kept on this device; continue when your connection is back.
details-save-idle = { "" }
details-save-saving = Saving…
details-save-saved = Saved
details-save-offline = Saved on this device only: you seem to be offline.
details-save-failed = Not saved. Check the highlighted fields.
details-continue = Continue
field-optional = (optional)
field-choose = Choose…
field-surname = Surname
field-given_names = Given names
field-given_names-hint = All of them, as on your document. Leave empty if you have none.
field-date_of_birth = Date of birth
field-date_of_birth-hint = For example 27 3 1990
field-date-day = Day
field-date-month = Month
field-date-year = Year
field-nationality = Nationality
field-address-line1 = Street and number
field-address-line2 = Apartment, building, floor
field-address-postal_code = Postcode
field-address-city = Town or city
field-address-country = Country
field-email = E-mail address
field-email-hint = We send the result and any appointment here.
field-phone = Mobile phone number
field-phone-hint = With the country code, for example +44 7700 900123

## The ID document
document-title = Your ID document
document-choose-type = Which document do you have with you?
document-choose-type-missing = Choose a document.
document-type-passport = Passport
document-type-passport-hint = The page with your photo
document-type-id_card = Identity card
document-type-id_card-hint = Front and back
document-type-residence_permit = Residence permit
document-type-residence_permit-hint = Front and back
document-type-aadhaar_offline = Aadhaar card
document-type-aadhaar_offline-hint = Front and back
document-start = Continue
# $type is the chosen document type
document-chosen = Document: { $type }
document-change-type = Use another document
document-side-front = Front
document-side-back = Back
document-side-passport = Photo page
document-side-done = Done
document-side-todo = To do
document-retake-side = Take again
document-instruction-front = Lay the card flat on a dark surface, fit it inside the frame, and take the photo.
document-instruction-back = Turn the card over. The lines of letters and numbers at the bottom must be sharp.
document-instruction-passport = Open the passport at the photo page. Fit the whole page inside the frame, including the two lines at the bottom.
document-viewfinder = Camera view
document-your-photo = Your photo
document-camera-opening = Opening the camera…
document-take = Take photo
document-upload = Upload a photo instead
document-reading = Reading your document…
document-retake = Take the photo again
document-retake-hint = Tips: good light without reflections, the whole document in the frame, and hold still.
document-all-done = Your document was read.
document-continue = Continue
camera-denied = Camera access was refused. Allow the camera for this site in your browser’s settings (often the icon next to the address), then try again. You can also upload a photo.
camera-not_found = No camera was found. Use a device with a camera, or upload a photo.
camera-busy = The camera is used by another app. Close the other app, then try again.
camera-unsupported = This browser cannot use the camera. Use a recent Chrome, Safari, Firefox or Edge.
camera-failed = The camera could not be started. Try again, or upload a photo.

## Checking the details against the document
review-title = Check your details
review-intro = We read these from your document. Check them, correct anything wrong, and confirm.
review-intro-no-mrz = Check your details and confirm.
review-from-document = From your document
review-equal = Same as on your document
review-filled = Read from your document
# $value is what the document says
review-mismatch = Your document says: { $value }
review-use-document = Use the document’s value
review-other = Your other details
review-change-details = Change these details
review-fix-details = Go to your details
review-confirm = Confirm my details
review-confirming = Confirming…
review-back-document = Back to the document

## Device check
device-title = Check your camera and connection
device-intro = We check that the video call will work. Look at the camera and say a few words.
device-preview = Your camera
device-mic-level = Microphone
device-say-something = Say something, for example your name: the bar should move.
device-check-browser = Browser
device-check-camera = Camera
device-check-microphone = Microphone
device-check-server = Connection to our service
device-check-relay = Video relay
device-state-running = checking…
device-state-ok = works
device-state-warn = needs attention
device-state-fail = does not work
# $ms is a round trip in milliseconds
device-server-ms = Answers in { $ms } ms
device-relay-direct = Not needed on this network
device-fix-browser-unsupported = This browser cannot make video calls. Open the link in a recent Chrome, Safari, Firefox or Edge.
device-fix-camera-denied = Allow the camera and the microphone for this site in your browser’s settings, then try again.
device-fix-camera-not_found = No camera was found. Use a device with a camera.
device-fix-camera-busy = Another app is using the camera. Close it, then try again.
device-fix-camera-unsupported = This browser cannot use the camera. Use a recent Chrome, Safari, Firefox or Edge.
device-fix-camera-failed = The camera could not be started. Restart your browser and try again.
device-fix-microphone-denied = Allow the microphone for this site in your browser’s settings, then try again.
device-fix-microphone-not_found = No microphone was found. Connect one, or use a phone.
device-fix-microphone-busy = Another app is using the microphone. Close it, then try again.
device-fix-microphone-unsupported = This browser cannot use the microphone. Use a recent Chrome, Safari, Firefox or Edge.
device-fix-microphone-failed = The microphone could not be started. Restart your browser and try again.
device-fix-microphone-silent = We cannot hear you. Check that the microphone is not muted and speak a little louder. You can still continue.
device-fix-server-unreachable = Our service cannot be reached. Check your internet connection, then try again.
device-fix-server-socket_blocked = Your network blocks the connection the call needs. Try another Wi-Fi network or mobile data.
device-fix-server-slow = Your connection is slow. Move closer to your Wi-Fi router or use mobile data for a smoother call.
device-fix-relay-blocked = Your network may block video calls. If the call does not connect, try another Wi-Fi network or mobile data.
device-checking = Checking…
device-continue = Continue
device-retry = Check again

## Join now or book
choose-title = Talk to an agent
choose-now-title = Now
choose-wait-under-minute = Less than a minute
# $minutes is the estimated wait
choose-wait-minutes = About { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}
# $count is the number of people waiting before the customer
choose-ahead = { $count ->
    [0] Nobody is waiting before you.
    [one] One person is waiting before you.
   *[other] { $count } people are waiting before you.
}
choose-no-agent = No agent is available right now. You can wait in the queue until one is, or book a time.
choose-join = Join the queue now
choose-joining = Joining…
choose-book-title = Or at a time that suits you
choose-next-slots = Next free times
choose-all-slots = Free times this week
choose-more-slots = Show more times
choose-pick-slot = Choose a time first.
choose-email = E-mail for the invitation
choose-email-hint = We send the invitation and a reminder here.
choose-book = Book this time
choose-booking = Booking…
slots-none = No free times in the coming days.
slots-later-days = Show later days

## Booked
booked-title = Your appointment
booked-intro = Your video call is booked for:
# $zone is an IANA time zone such as Europe/Paris
booked-zone = Time zone: { $zone }
booked-email = We sent you an invitation with a calendar file.
booked-come-back = At the time of the appointment, open the link you were given again, with your ID document at hand.
booked-check-in = Check in now
booked-calendar = Add to my calendar
booked-manage = Change or cancel
booked-manage-by-email = To change or cancel it, use the link in the invitation we e-mailed you.
booked-unknown = This device does not know your appointment. The invitation we e-mailed you has a link to it.
booked-choose-again = Choose again
booking-status-booked = Booked
booking-status-cancelled = This appointment is cancelled.
booking-status-no_show = This appointment was missed.
booking-status-agent_unavailable = Your agent is not available at this time. Please book another time.

## The booking page
booking-page-title = Your appointment
# $time is the appointment in the browser's own time zone
booking-here = Your time here: { $time }
booking-reschedule = Change the time
booking-pick-new = Choose a new time
booking-reschedule-confirm = Move my appointment
booking-keep = Keep my appointment
booking-cancel = Cancel the appointment
booking-cancel-confirm = Cancel this appointment? You can book a new one later with your link.
booking-cancel-yes = Yes, cancel it
booking-notice-rescheduled = Your appointment was moved. We sent you an updated invitation.
booking-notice-cancelled = Your appointment is cancelled. We sent you a confirmation.

## Waiting room
waiting-title = Waiting for an agent
waiting-connecting = Connecting…
waiting-appointment = You are checked in. Your agent will call you here at the time of your appointment.
# $position is the place in the queue (2 or more)
waiting-position = You are number { $position } in the queue
waiting-next = You are next
# $minutes is the estimated wait
waiting-eta = About { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
} to wait
waiting-eta-soon = Less than a minute to wait
waiting-offered = An agent is about to take your call…
waiting-joining = Your agent is joining. Opening the call…
waiting-keep-open = Keep this page open. The call opens by itself when an agent takes it.
waiting-tip-document = Have your ID document at hand.
waiting-tip-light = Face a window or a lamp so that the agent sees you well.
waiting-callback-instead = Call me back instead
callback-title = Call me back instead
callback-intro = Leave the queue and we call you back, or choose a time that suits you.
callback-contact-needed = Enter a phone number or an e-mail address.
callback-send = Call me back
callback-book-instead = Book a time instead
callback-stay = Stay in the queue
waiting-closed-callback-title = We will call you back
waiting-closed-callback-body = You left the queue. An agent will contact you soon.
waiting-closed-left-title = You left the queue
waiting-closed-left-body = You can join again or book a time whenever you want.
waiting-closed-again = Join or book again

## The call
call-title = Your video call
call-phase-camera = Starting your camera…
call-phase-waiting_for_agent = Waiting for your agent…
call-phase-connecting = Your agent is here. Connecting…
call-phase-in_call = You are talking with your agent.
call-phase-agent_left = Your agent’s connection dropped. Please wait…
call-phase-reconnecting = Reconnecting…
call-phase-cannot_join = This call cannot be joined any more.
call-agent-video = Your agent
call-own-video = You
call-controls = Call controls
call-mute = Mute
call-unmute = Unmute
call-camera-rear = Use the rear camera
call-camera-front = Use the front camera
call-hang-up = Hang up
call-hang-up-confirm = End the call? Your identification will not be complete.
call-hang-up-yes = Yes, end it
call-hang-up-no = No, stay
call-quality-weak = Your connection is weak. Move closer to your Wi-Fi router or switch to mobile data.
call-document-hint = When the agent asks for your document, switch to the rear camera and hold the document close to it.

## Result
result-deciding-title = Thank you
result-deciding-body = Your agent is completing your identification. This page updates by itself.
result-pending_review-title = Done — being reviewed
result-pending_review-body = Your identification is complete. A second person checks it, as the rules require; we e-mail you the result.
result-approved-title = You are identified
result-approved-body = Your identity is confirmed. The service that sent you has been told.
result-rejected-title = We could not confirm your identity
result-rejected-body = Your identity could not be confirmed in this call. The service that sent you has been told and will contact you about what to do next.
result-inconclusive-title = We could not complete your identification
result-inconclusive-body = The identification could not be completed this time. The service that sent you has been told and will contact you about what to do next.
result-final-title = Your identification is complete
result-final-body = The service that sent you has been told the result.
result-ended-title = The identification ended
result-ended-body = The identification ended without a result. If you still need to confirm your identity, ask the service that sent you for a new link.
result-email = We also send you the result by e-mail.
# $host is the name of the bank's or service's website
result-return = Return to { $host }
passkey-title = Sign in faster next time
passkey-intro = Create a passkey on this device: next time, the service can confirm it is you with your fingerprint, face or screen lock, without a new video call.
passkey-create = Create a passkey
passkey-creating = Creating…
passkey-done = Your passkey is saved on this device.

## Server errors on the customer pages, by code
error-unauthenticated = This link is not valid. Open the whole link from the message you received.
error-forbidden = This link does not allow this.
error-invalid_token = This link is not valid. Open the whole link from the message you received.
error-token_expired = This link has expired. Ask the service that sent you for a new one.
error-token_revoked = This link was withdrawn. Ask the service that sent you for a new one.
error-token_not_yet_valid = This link works from 15 minutes before your appointment.
error-session_ended = This identification has ended.
error-session_not_found = This identification does not exist (any more).
error-data_erased = The data of this identification has been deleted.
error-unsupported_language = This language is not available.
error-consent_required = Your consent is needed first.
error-unknown_consent_text = The consent text changed in the meantime. Reload the page and read it again.
error-application_locked = Your details cannot be changed any more: your call has started.
error-application_invalid = Some details are missing or not valid:
error-mrz_review_required = Check the details read from your document and confirm them first.
error-no_mrz_to_confirm = No document has been read yet.
error-field_too_long = This is longer than any real value.
error-required = Fill in this field.
error-name_required = Enter your surname.
error-invalid_name = Use letters only (hyphens, apostrophes and spaces are fine).
error-date_of_birth_required = Enter your date of birth.
error-invalid_date_of_birth = Enter a real date: day, month and a year of 4 digits.
error-date_of_birth_in_future = The date of birth cannot be in the future.
error-applicant_too_young = You must be at least 18 years old.
error-implausible_date_of_birth = Check the year of your date of birth.
error-nationality_required = Choose your nationality.
error-invalid_nationality = Choose your nationality from the list.
error-address_required = Enter your street and house number.
error-invalid_address = This address contains characters that cannot be used.
error-invalid_postal_code = A postcode has letters, digits, spaces and hyphens only.
error-city_required = Enter your town or city.
error-invalid_city = Enter the name of a town or city.
error-country_required = Choose your country.
error-invalid_country = Choose your country from the list.
error-email_required = Enter your e-mail address.
error-invalid_email = Enter an e-mail address like name@example.com.
error-phone_required = Enter your mobile phone number.
error-invalid_phone = Enter the number with its country code, like +44 7700 900123.
error-contact_required = Enter a phone number or an e-mail address.
error-unsupported_image = This file is not a photo. Upload a JPEG or PNG image.
error-unsupported_media_type = This file is not a photo. Upload a JPEG or PNG image.
error-image_too_large = This photo is too large. Upload a photo smaller than 12 MB.
error-body_too_large = This photo is too large. Upload a photo smaller than 12 MB.
error-image_dimensions = This image’s size is not that of a photo. Take a new photo.
error-document_type_not_allowed = This type of document is not accepted here. Choose another one.
error-blurred = The photo is blurred.
error-glare = A reflection hides part of the document.
error-document_cut_off = Part of the document is outside the photo.
error-no_document = We cannot see a document in the photo.
error-retake = The photo cannot be used.
error-mrz_not_found = We cannot read the lines of letters and numbers at the bottom of the document. Make sure they are in the photo and sharp.
error-capture_failed = The photo could not be taken. Try again, or upload a photo.
error-document_reader_unavailable = We cannot read documents right now. Please try again in a few minutes.
error-document_reader_timeout = Reading the document took too long. Please try again.
error-document_reader_failed = The document could not be read. Please try again.
error-document_not_found = This photo does not exist (any more).
error-already_queued = You are already in the queue.
error-queue_entry_not_found = You are not in the queue any more.
error-invalid_transition = This is not possible right now.
error-slot_taken = Someone just booked this time. Choose another one.
error-slot_in_past = This time has passed. Choose another one.
error-booking_beyond_horizon = This time is too far ahead. Choose an earlier one.
error-outside_shifts = No agent works at this time. Choose another one.
error-booking_not_found = This link does not match an appointment.
error-booking_closed = This appointment can no longer be changed.
error-check_in_too_early = Check-in opens 15 minutes before your appointment.
error-unknown_skill = No agent can take this kind of call right now.
error-unknown_time_zone = Your device’s time zone is not recognised. Check its date and time settings.
error-invalid_path = This address is not valid. Open the whole link from the message you received.
error-origin_not_allowed = This page was opened from an address the service does not accept. Open the link from the message you received.
error-invalid_input = Something in the request was not valid. Reload the page and try again.
error-invalid_query = Something in the request was not valid. Reload the page and try again.
error-unavailable = The service is busy. Please try again in a moment.
error-identification_not_approved = A passkey can only be created after a successful identification.
error-passkeys_unavailable = Passkeys are not available for this service.
error-ceremony_not_found = This passkey request has expired. Try again.
error-ceremony_expired = This passkey request has expired. Try again.
error-passkey_verification_failed = The passkey could not be verified. Try again.
error-passkey_failed = The passkey could not be created on this device.
