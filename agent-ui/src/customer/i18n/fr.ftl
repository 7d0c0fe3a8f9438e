# Pages client (le parcours /id/, la page de rendez-vous /booking/), en français.

## Cadre
journey-progress = Étape { $n } sur { $of }
journey-privacy-link = Votre consentement et vos données
journey-retry = Réessayer
journey-return = Retour au service qui vous a envoyé ici
journey-no-link-title = Ce lien est incomplet
journey-no-link-body = Ouvrez le lien complet du message que vous avez reçu. Si vous l’avez copié, vérifiez que rien ne manque à la fin.
journey-link-unusable-title = Ce lien ne peut pas être utilisé
journey-load-failed-title = Impossible d’ouvrir votre identification

## Accueil
welcome-title = Confirmez votre identité par vidéo
welcome-intro = Pour confirmer que vous êtes bien la personne que vous dites être, vous parlerez à l’un de nos conseillers lors d’un court appel vidéo. Nous vous guidons à chaque étape.
welcome-what-title = Comment ça se passe
welcome-what-details = Vous indiquez quelques informations sur vous.
welcome-what-document = Vous photographiez votre pièce d’identité, et nous lisons pour vous sa bande de lecture automatique.
welcome-what-device = Nous vérifions votre caméra, votre micro et votre connexion.
welcome-what-call = Vous rejoignez tout de suite un appel vidéo avec un conseiller, ou vous réservez un créneau qui vous convient.
welcome-what-result = Le conseiller confirme votre identité ; vous recevez le résultat à l’écran et par e-mail.
welcome-duration = Comptez environ 10 minutes, plus l’attente d’un conseiller.
welcome-need-title = Ce qu’il vous faut
welcome-need-document = Votre passeport, votre carte d’identité ou votre titre de séjour
welcome-need-phone = Ce téléphone, ou un ordinateur avec caméra et micro
welcome-need-place = Un endroit calme et bien éclairé où vous pouvez parler
welcome-privacy-title = Vos données
welcome-privacy-body = Nous utilisons vos données uniquement pour confirmer votre identité auprès du service qui vous a envoyé ici, et ne les conservons que le temps exigé par la loi. La page suivante explique ce que nous en faisons et vous demande votre consentement.
welcome-start = Commencer

## Consentement
consent-title = Votre consentement
consent-intro = Lisez chaque texte et cochez sa case. Vous pouvez retirer votre consentement à tout moment.
consent-agree-processing = J’accepte le traitement de mes données personnelles décrit ci-dessus.
consent-agree-recording = J’accepte l’enregistrement de l’appel vidéo.
consent-agree-biometrics = J’accepte la comparaison de mon visage avec la photo de ma pièce d’identité.
consent-version = Version du texte { $version }
consent-all-needed = Une identification par vidéo nécessite les trois consentements. Cochez les trois cases pour continuer, ou choisissez « Je refuse ».
consent-submit = Accepter et continuer
consent-saving = Enregistrement de votre consentement…
consent-decline = Je refuse
consent-declined-title = Pas d’identification sans votre consentement
consent-declined-body = Nous ne pouvons pas vous identifier par vidéo sans ces trois consentements. Rien n’a été enregistré. Si vous changez d’avis, revenez sur cette page avec le même lien.
consent-declined-back = Relire les textes
consent-kind-processing = Traitement de vos données personnelles
consent-kind-recording = Enregistrement de l’appel vidéo
consent-kind-biometrics = Comparaison de votre visage avec la photo de votre pièce d’identité

## Gérer le consentement (depuis le pied de page)
consents-title = Votre consentement
consents-intro = Vous avez donné ces consentements pour cette identification. En retirer un arrête l’identification.
consents-given-at = Donné le { DATETIME($time, day: "numeric", month: "long", hour: "numeric", minute: "2-digit") }
consents-not-given = Non donné
consents-withdraw = Retirer
consents-withdraw-confirm = Retirer ce consentement ? L’identification s’arrête et vos données sont supprimées, sauf si la loi nous oblige à les conserver.
consents-withdraw-yes = Oui, retirer
consents-withdraw-no = Non, le garder
consents-close = Fermer
withdrawn-title = Vous avez retiré votre consentement
withdrawn-body = Votre identification est arrêtée. Plus rien n’est enregistré ni comparé.
withdrawn-retention = Vos données seront supprimées, sauf celles que la loi nous oblige à conserver, et seulement pour la durée qu’elle impose.
withdrawn-again = Donner à nouveau mon consentement

## Le formulaire
details-title = Vos informations
details-intro = Saisissez vos informations telles qu’elles figurent sur votre pièce d’identité. Ce que vous tapez est enregistré au fur et à mesure.
details-about-you = Vous
details-about-you-hint = Vous pouvez laisser ces champs vides : nous les lisons sur votre pièce d’identité à l’étape suivante, et vous les vérifiez ensuite.
details-address = Votre adresse
details-contact = Comment vous joindre
details-prefilled = Rempli par le service qui vous a envoyé ici. Vérifiez-le.
details-problems = { $count ->
    [one] Corrigez un champ :
   *[other] Corrigez { $count } champs :
}
details-offline = Vous semblez hors ligne. Ce que vous avez saisi est conservé sur cet appareil ; continuez quand la connexion sera revenue.
details-save-idle = { "" }
details-save-saving = Enregistrement…
details-save-saved = Enregistré
details-save-offline = Enregistré sur cet appareil seulement : vous semblez hors ligne.
details-save-failed = Non enregistré. Vérifiez les champs signalés.
details-continue = Continuer
field-optional = (facultatif)
field-choose = Choisir…
field-surname = Nom
field-given_names = Prénoms
field-given_names-hint = Tous, comme sur votre pièce d’identité. Laissez vide si vous n’en avez pas.
field-date_of_birth = Date de naissance
field-date_of_birth-hint = Par exemple 27 3 1990
field-date-day = Jour
field-date-month = Mois
field-date-year = Année
field-nationality = Nationalité
field-address-line1 = Numéro et rue
field-address-line2 = Appartement, bâtiment, étage
field-address-postal_code = Code postal
field-address-city = Ville
field-address-country = Pays
field-email = Adresse e-mail
field-email-hint = Nous y envoyons le résultat et vos rendez-vous.
field-phone = Numéro de téléphone mobile
field-phone-hint = Avec l’indicatif du pays, par exemple +33 6 12 34 56 78

## La pièce d’identité
document-title = Votre pièce d’identité
document-choose-type = Quelle pièce d’identité avez-vous avec vous ?
document-choose-type-missing = Choisissez une pièce d’identité.
document-type-passport = Passeport
document-type-passport-hint = La page avec votre photo
document-type-id_card = Carte d’identité
document-type-id_card-hint = Recto et verso
document-type-residence_permit = Titre de séjour
document-type-residence_permit-hint = Recto et verso
document-type-aadhaar_offline = Carte Aadhaar
document-type-aadhaar_offline-hint = Recto et verso
document-start = Continuer
document-chosen = Pièce : { $type }
document-change-type = Utiliser une autre pièce
document-side-front = Recto
document-side-back = Verso
document-side-passport = Page avec la photo
document-side-done = Fait
document-side-todo = À faire
document-retake-side = Reprendre
document-instruction-front = Posez la carte à plat sur une surface sombre, placez-la dans le cadre et prenez la photo.
document-instruction-back = Retournez la carte. Les lignes de lettres et de chiffres en bas doivent être nettes.
document-instruction-passport = Ouvrez le passeport à la page avec la photo. Placez toute la page dans le cadre, y compris les deux lignes du bas.
document-viewfinder = Image de la caméra
document-your-photo = Votre photo
document-camera-opening = Ouverture de la caméra…
document-take = Prendre la photo
document-upload = Envoyer plutôt une photo
document-reading = Lecture de votre pièce d’identité…
document-retake = Reprendre la photo
document-retake-hint = Conseils : une bonne lumière sans reflets, toute la pièce dans le cadre, et ne bougez pas.
document-all-done = Votre pièce d’identité a été lue.
document-continue = Continuer
camera-denied = L’accès à la caméra a été refusé. Autorisez la caméra pour ce site dans les réglages du navigateur (souvent l’icône à côté de l’adresse), puis réessayez. Vous pouvez aussi envoyer une photo.
camera-not_found = Aucune caméra trouvée. Utilisez un appareil avec caméra, ou envoyez une photo.
camera-busy = La caméra est utilisée par une autre application. Fermez-la, puis réessayez.
camera-unsupported = Ce navigateur ne peut pas utiliser la caméra. Utilisez une version récente de Chrome, Safari, Firefox ou Edge.
camera-failed = La caméra n’a pas pu démarrer. Réessayez, ou envoyez une photo.

## Vérifier les informations avec la pièce
review-title = Vérifiez vos informations
review-intro = Nous avons lu ces informations sur votre pièce d’identité. Vérifiez-les, corrigez ce qui est faux, puis confirmez.
review-intro-no-mrz = Vérifiez vos informations, puis confirmez.
review-from-document = D’après votre pièce d’identité
review-equal = Identique à votre pièce d’identité
review-filled = Lu sur votre pièce d’identité
review-mismatch = Votre pièce indique : { $value }
review-use-document = Reprendre la valeur de la pièce
review-other = Vos autres informations
review-change-details = Modifier ces informations
review-fix-details = Aller à vos informations
review-confirm = Confirmer mes informations
review-confirming = Confirmation…
review-back-document = Retour à la pièce d’identité

## Vérification de l’appareil
device-title = Vérifiez votre caméra et votre connexion
device-intro = Nous vérifions que l’appel vidéo fonctionnera. Regardez la caméra et dites quelques mots.
device-preview = Votre caméra
device-mic-level = Micro
device-say-something = Dites quelque chose, par exemple votre nom : la barre doit bouger.
device-check-browser = Navigateur
device-check-camera = Caméra
device-check-microphone = Micro
device-check-server = Connexion à notre service
device-check-relay = Relais vidéo
device-state-running = vérification…
device-state-ok = fonctionne
device-state-warn = à vérifier
device-state-fail = ne fonctionne pas
device-server-ms = Répond en { $ms } ms
device-relay-direct = Inutile sur ce réseau
device-fix-browser-unsupported = Ce navigateur ne permet pas les appels vidéo. Ouvrez le lien dans une version récente de Chrome, Safari, Firefox ou Edge.
device-fix-camera-denied = Autorisez la caméra et le micro pour ce site dans les réglages du navigateur, puis réessayez.
device-fix-camera-not_found = Aucune caméra trouvée. Utilisez un appareil avec caméra.
device-fix-camera-busy = Une autre application utilise la caméra. Fermez-la, puis réessayez.
device-fix-camera-unsupported = Ce navigateur ne peut pas utiliser la caméra. Utilisez une version récente de Chrome, Safari, Firefox ou Edge.
device-fix-camera-failed = La caméra n’a pas pu démarrer. Redémarrez le navigateur et réessayez.
device-fix-microphone-denied = Autorisez le micro pour ce site dans les réglages du navigateur, puis réessayez.
device-fix-microphone-not_found = Aucun micro trouvé. Branchez-en un, ou utilisez un téléphone.
device-fix-microphone-busy = Une autre application utilise le micro. Fermez-la, puis réessayez.
device-fix-microphone-unsupported = Ce navigateur ne peut pas utiliser le micro. Utilisez une version récente de Chrome, Safari, Firefox ou Edge.
device-fix-microphone-failed = Le micro n’a pas pu démarrer. Redémarrez le navigateur et réessayez.
device-fix-microphone-silent = Nous ne vous entendons pas. Vérifiez que le micro n’est pas coupé et parlez un peu plus fort. Vous pouvez tout de même continuer.
device-fix-server-unreachable = Notre service est injoignable. Vérifiez votre connexion Internet, puis réessayez.
device-fix-server-socket_blocked = Votre réseau bloque la connexion dont l’appel a besoin. Essayez un autre réseau Wi-Fi ou les données mobiles.
device-fix-server-slow = Votre connexion est lente. Rapprochez-vous de votre box Wi-Fi ou passez aux données mobiles pour un appel plus fluide.
device-fix-relay-blocked = Votre réseau bloque peut-être les appels vidéo. Si l’appel ne se connecte pas, essayez un autre réseau Wi-Fi ou les données mobiles.
device-checking = Vérification…
device-continue = Continuer
device-retry = Vérifier à nouveau

## Maintenant ou sur rendez-vous
choose-title = Parler à un conseiller
choose-now-title = Maintenant
choose-wait-under-minute = Moins d’une minute
choose-wait-minutes = Environ { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}
choose-ahead = { $count ->
    [0] Personne n’attend avant vous.
    [one] Une personne attend avant vous.
   *[other] { $count } personnes attendent avant vous.
}
choose-no-agent = Aucun conseiller n’est disponible pour le moment. Vous pouvez attendre dans la file jusqu’à ce qu’un conseiller se libère, ou réserver un créneau.
choose-join = Rejoindre la file maintenant
choose-joining = Connexion à la file…
choose-book-title = Ou au moment qui vous convient
choose-next-slots = Prochains créneaux libres
choose-all-slots = Créneaux libres cette semaine
choose-more-slots = Voir plus de créneaux
choose-pick-slot = Choisissez d’abord un créneau.
choose-email = E-mail pour l’invitation
choose-email-hint = Nous y envoyons l’invitation et un rappel.
choose-book = Réserver ce créneau
choose-booking = Réservation…
slots-none = Aucun créneau libre dans les prochains jours.
slots-later-days = Voir les jours suivants

## Rendez-vous réservé
booked-title = Votre rendez-vous
booked-intro = Votre appel vidéo est prévu le :
booked-zone = Fuseau horaire : { $zone }
booked-email = Nous vous avons envoyé une invitation avec un fichier de calendrier.
booked-come-back = À l’heure du rendez-vous, rouvrez le lien que vous avez reçu, votre pièce d’identité à portée de main.
booked-check-in = M’enregistrer maintenant
booked-calendar = Ajouter à mon agenda
booked-manage = Modifier ou annuler
booked-manage-by-email = Pour le modifier ou l’annuler, utilisez le lien de l’invitation envoyée par e-mail.
booked-unknown = Cet appareil ne connaît pas votre rendez-vous. L’invitation que nous vous avons envoyée par e-mail contient un lien vers celui-ci.
booked-choose-again = Choisir à nouveau
booking-status-booked = Réservé
booking-status-cancelled = Ce rendez-vous est annulé.
booking-status-no_show = Ce rendez-vous a été manqué.
booking-status-agent_unavailable = Votre conseiller n’est pas disponible à cette heure. Réservez un autre créneau.

## La page de rendez-vous
booking-page-title = Votre rendez-vous
booking-here = Heure chez vous : { $time }
booking-reschedule = Changer l’horaire
booking-pick-new = Choisissez un nouvel horaire
booking-reschedule-confirm = Déplacer mon rendez-vous
booking-keep = Garder mon rendez-vous
booking-cancel = Annuler le rendez-vous
booking-cancel-confirm = Annuler ce rendez-vous ? Vous pourrez en réserver un autre plus tard avec votre lien.
booking-cancel-yes = Oui, l’annuler
booking-notice-rescheduled = Votre rendez-vous a été déplacé. Nous vous avons envoyé une invitation mise à jour.
booking-notice-cancelled = Votre rendez-vous est annulé. Nous vous avons envoyé une confirmation.

## Salle d’attente
waiting-title = En attente d’un conseiller
waiting-connecting = Connexion…
waiting-appointment = Votre arrivée est enregistrée. Votre conseiller vous appellera ici à l’heure du rendez-vous.
waiting-position = Vous êtes { $position ->
    [one] { $position }er
   *[other] { $position }e
} dans la file
waiting-next = C’est bientôt à vous
waiting-eta = Environ { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
} d’attente
waiting-eta-soon = Moins d’une minute d’attente
waiting-offered = Un conseiller va prendre votre appel…
waiting-joining = Votre conseiller arrive. Ouverture de l’appel…
waiting-keep-open = Gardez cette page ouverte. L’appel s’ouvre tout seul quand un conseiller le prend.
waiting-tip-document = Gardez votre pièce d’identité à portée de main.
waiting-tip-light = Placez-vous face à une fenêtre ou une lampe pour que le conseiller vous voie bien.
waiting-callback-instead = Être rappelé plutôt
callback-title = Être rappelé plutôt
callback-intro = Quittez la file et nous vous rappelons, ou choisissez un créneau qui vous convient.
callback-contact-needed = Indiquez un numéro de téléphone ou une adresse e-mail.
callback-send = Me rappeler
callback-book-instead = Réserver un créneau plutôt
callback-stay = Rester dans la file
waiting-closed-callback-title = Nous vous rappellerons
waiting-closed-callback-body = Vous avez quitté la file. Un conseiller vous contactera bientôt.
waiting-closed-left-title = Vous avez quitté la file
waiting-closed-left-body = Vous pouvez la rejoindre à nouveau ou réserver un créneau quand vous le souhaitez.
waiting-closed-again = Rejoindre ou réserver à nouveau

## L’appel
call-title = Votre appel vidéo
call-phase-camera = Démarrage de votre caméra…
call-phase-waiting_for_agent = En attente de votre conseiller…
call-phase-connecting = Votre conseiller est là. Connexion…
call-phase-in_call = Vous êtes en appel avec votre conseiller.
call-phase-agent_left = La connexion de votre conseiller a été interrompue. Patientez…
call-phase-reconnecting = Reconnexion…
call-phase-cannot_join = Cet appel ne peut plus être rejoint.
call-agent-video = Votre conseiller
call-own-video = Vous
call-controls = Commandes de l’appel
call-mute = Couper le micro
call-unmute = Réactiver le micro
call-camera-rear = Caméra arrière
call-camera-front = Caméra avant
call-hang-up = Raccrocher
call-hang-up-confirm = Terminer l’appel ? Votre identification ne sera pas terminée.
call-hang-up-yes = Oui, terminer
call-hang-up-no = Non, rester
call-quality-weak = Votre connexion est faible. Rapprochez-vous de votre box Wi-Fi ou passez aux données mobiles.
call-document-hint = Quand le conseiller demande votre pièce d’identité, passez à la caméra arrière et tenez la pièce près de l’objectif.

## Résultat
result-deciding-title = Merci
result-deciding-body = Votre conseiller termine votre identification. Cette page se met à jour toute seule.
result-pending_review-title = Terminé — en cours de vérification
result-pending_review-body = Votre identification est terminée. Une seconde personne la vérifie, comme l’exige la réglementation ; nous vous envoyons le résultat par e-mail.
result-approved-title = Votre identité est confirmée
result-approved-body = L’identification a réussi. Le service qui vous a envoyé ici en a été informé.
result-rejected-title = Nous n’avons pas pu confirmer votre identité
result-rejected-body = Votre identité n’a pas pu être confirmée lors de cet appel. Le service qui vous a envoyé ici en a été informé et vous contactera pour la suite.
result-inconclusive-title = Nous n’avons pas pu terminer votre identification
result-inconclusive-body = L’identification n’a pas pu être terminée cette fois-ci. Le service qui vous a envoyé ici en a été informé et vous contactera pour la suite.
result-final-title = Votre identification est terminée
result-final-body = Le service qui vous a envoyé ici a été informé du résultat.
result-ended-title = L’identification est terminée
result-ended-body = L’identification s’est terminée sans résultat. Si vous devez toujours confirmer votre identité, demandez un nouveau lien au service qui vous a envoyé ici.
result-email = Nous vous envoyons aussi le résultat par e-mail.
result-return = Retour à { $host }
passkey-title = Connectez-vous plus vite la prochaine fois
passkey-intro = Créez une clé d’accès sur cet appareil : la prochaine fois, le service pourra confirmer que c’est bien vous grâce à votre empreinte, votre visage ou le verrouillage de l’écran, sans nouvel appel vidéo.
passkey-create = Créer une clé d’accès
passkey-creating = Création…
passkey-done = Votre clé d’accès est enregistrée sur cet appareil.

## Erreurs du serveur sur les pages client, par code
error-unauthenticated = Ce lien n’est pas valide. Ouvrez le lien complet du message que vous avez reçu.
error-forbidden = Ce lien ne permet pas cette action.
error-invalid_token = Ce lien n’est pas valide. Ouvrez le lien complet du message que vous avez reçu.
error-token_expired = Ce lien a expiré. Demandez-en un nouveau au service qui vous a envoyé ici.
error-token_revoked = Ce lien a été retiré. Demandez-en un nouveau au service qui vous a envoyé ici.
error-token_not_yet_valid = Ce lien fonctionne à partir de 15 minutes avant votre rendez-vous.
error-session_ended = Cette identification est terminée.
error-session_not_found = Cette identification n’existe pas (ou plus).
error-data_erased = Les données de cette identification ont été supprimées.
error-unsupported_language = Cette langue n’est pas disponible.
error-consent_required = Votre consentement est d’abord nécessaire.
error-unknown_consent_text = Le texte du consentement a changé entre-temps. Rechargez la page et relisez-le.
error-application_locked = Vos informations ne peuvent plus être modifiées : votre appel a commencé.
error-application_invalid = Des informations manquent ou ne sont pas valides :
error-mrz_review_required = Vérifiez d’abord les informations lues sur votre pièce d’identité et confirmez-les.
error-no_mrz_to_confirm = Aucune pièce d’identité n’a encore été lue.
error-field_too_long = C’est plus long que n’importe quelle valeur réelle.
error-required = Remplissez ce champ.
error-name_required = Indiquez votre nom.
error-invalid_name = Utilisez uniquement des lettres (traits d’union, apostrophes et espaces acceptés).
error-date_of_birth_required = Indiquez votre date de naissance.
error-invalid_date_of_birth = Indiquez une date réelle : jour, mois et année sur 4 chiffres.
error-date_of_birth_in_future = La date de naissance ne peut pas être dans le futur.
error-applicant_too_young = Vous devez avoir au moins 18 ans.
error-implausible_date_of_birth = Vérifiez l’année de votre date de naissance.
error-nationality_required = Choisissez votre nationalité.
error-invalid_nationality = Choisissez votre nationalité dans la liste.
error-address_required = Indiquez votre numéro et votre rue.
error-invalid_address = Cette adresse contient des caractères non acceptés.
error-invalid_postal_code = Un code postal ne contient que des lettres, des chiffres, des espaces et des traits d’union.
error-city_required = Indiquez votre ville.
error-invalid_city = Indiquez le nom d’une ville.
error-country_required = Choisissez votre pays.
error-invalid_country = Choisissez votre pays dans la liste.
error-email_required = Indiquez votre adresse e-mail.
error-invalid_email = Indiquez une adresse e-mail comme nom@exemple.fr.
error-phone_required = Indiquez votre numéro de téléphone mobile.
error-invalid_phone = Indiquez le numéro avec l’indicatif du pays, comme +33 6 12 34 56 78.
error-contact_required = Indiquez un numéro de téléphone ou une adresse e-mail.
error-unsupported_image = Ce fichier n’est pas une photo. Envoyez une image JPEG ou PNG.
error-unsupported_media_type = Ce fichier n’est pas une photo. Envoyez une image JPEG ou PNG.
error-image_too_large = Cette photo est trop lourde. Envoyez une photo de moins de 12 Mo.
error-body_too_large = Cette photo est trop lourde. Envoyez une photo de moins de 12 Mo.
error-image_dimensions = Les dimensions de cette image ne sont pas celles d’une photo. Prenez une nouvelle photo.
error-document_type_not_allowed = Ce type de pièce n’est pas accepté ici. Choisissez-en une autre.
error-blurred = La photo est floue.
error-glare = Un reflet cache une partie de la pièce.
error-document_cut_off = Une partie de la pièce est en dehors de la photo.
error-no_document = Nous ne voyons pas de pièce d’identité sur la photo.
error-retake = Cette photo ne peut pas être utilisée.
error-mrz_not_found = Nous n’arrivons pas à lire les lignes de lettres et de chiffres en bas de la pièce. Vérifiez qu’elles sont sur la photo et nettes.
error-capture_failed = La photo n’a pas pu être prise. Réessayez, ou envoyez une photo.
error-document_reader_unavailable = Nous ne pouvons pas lire les pièces d’identité pour le moment. Réessayez dans quelques minutes.
error-document_reader_timeout = La lecture de la pièce a pris trop de temps. Réessayez.
error-document_reader_failed = La pièce n’a pas pu être lue. Réessayez.
error-document_not_found = Cette photo n’existe pas (ou plus).
error-already_queued = Vous êtes déjà dans la file.
error-queue_entry_not_found = Vous n’êtes plus dans la file.
error-invalid_transition = Ce n’est pas possible pour le moment.
error-slot_taken = Quelqu’un vient de réserver ce créneau. Choisissez-en un autre.
error-slot_in_past = Ce créneau est passé. Choisissez-en un autre.
error-booking_beyond_horizon = Ce créneau est trop éloigné. Choisissez-en un plus proche.
error-outside_shifts = Aucun conseiller ne travaille à cette heure. Choisissez un autre créneau.
error-booking_not_found = Ce lien ne correspond à aucun rendez-vous.
error-booking_closed = Ce rendez-vous ne peut plus être modifié.
error-check_in_too_early = L’enregistrement ouvre 15 minutes avant votre rendez-vous.
error-unknown_skill = Aucun conseiller ne peut prendre ce type d’appel pour le moment.
error-unknown_time_zone = Le fuseau horaire de votre appareil n’est pas reconnu. Vérifiez ses réglages de date et d’heure.
error-invalid_path = Cette adresse n’est pas valide. Ouvrez le lien complet du message que vous avez reçu.
error-origin_not_allowed = Cette page a été ouverte depuis une adresse que le service n’accepte pas. Ouvrez le lien du message que vous avez reçu.
error-invalid_input = Un élément de la demande n’était pas valide. Rechargez la page et réessayez.
error-invalid_query = Un élément de la demande n’était pas valide. Rechargez la page et réessayez.
error-unavailable = Le service est occupé. Réessayez dans un instant.
error-identification_not_approved = Une clé d’accès ne peut être créée qu’après une identification réussie.
error-passkeys_unavailable = Les clés d’accès ne sont pas disponibles pour ce service.
error-ceremony_not_found = Cette demande de clé d’accès a expiré. Réessayez.
error-ceremony_expired = Cette demande de clé d’accès a expiré. Réessayez.
error-passkey_verification_failed = La clé d’accès n’a pas pu être vérifiée. Réessayez.
error-passkey_failed = La clé d’accès n’a pas pu être créée sur cet appareil.
