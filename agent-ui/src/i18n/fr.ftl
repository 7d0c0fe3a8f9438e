# Chaînes de l’interface, français. Mêmes identifiants que en.ftl.
# Vouvoiement ; formulations neutres quand le genre de la personne est inconnu.

## Produit et mots communs
app-name = Identification vidéo
staff-area = Espace collaborateurs
staff-title = Identification vidéo — espace collaborateurs
language-label = Langue
loading = Chargement…

## Page de connexion
login-title = Connexion
login-intro = Utilisez votre compte professionnel et le code de votre application d’authentification.
login-username = Nom d’utilisateur
login-password = Mot de passe
login-code = Code d’authentification
login-code-hint = Le code à 6 chiffres affiché dans votre application d’authentification.
login-recovery-code = Code de récupération
login-recovery-code-hint = L’un des codes de récupération conservés lors de la création de votre compte, par exemple abcd‑efgh‑ijkl.
login-use-recovery = Utiliser un code de récupération
login-use-totp = Utiliser le code de l’application
login-submit = Se connecter
login-submitting = Connexion en cours…
login-missing-username = Saisissez votre nom d’utilisateur.
login-missing-password = Saisissez votre mot de passe.
login-missing-code = Saisissez le code à 6 chiffres de votre application d’authentification.
login-bad-code-format = Le code comporte 6 chiffres, par exemple 123456.
login-missing-recovery = Saisissez l’un de vos codes de récupération.
login-bad-recovery-format = Un code de récupération se présente ainsi : abcd‑efgh‑ijkl.

## Pourquoi la page de connexion s’affiche
notice-session_expired = Votre session a expiré. Veuillez vous reconnecter.
notice-unauthenticated = Votre session a été fermée. Veuillez vous reconnecter.
notice-signed_out = Déconnexion effectuée.
notice-signed_out_everywhere = Déconnexion effectuée sur tous vos appareils.

## Erreurs du serveur, par code
error-generic = Une erreur s’est produite. Veuillez réessayer.
error-network_error = Le serveur est injoignable. Vérifiez votre connexion, puis réessayez.
error-internal = Le serveur a rencontré une erreur. Réessayez dans un instant.
error-invalid_credentials = Le nom d’utilisateur ou le mot de passe est incorrect.
error-invalid_code = Ce code est incorrect. Vérifiez que l’heure de votre téléphone est exacte et saisissez le code actuel.
error-code_already_used = Ce code a déjà été utilisé. Attendez le code suivant dans votre application d’authentification, ou utilisez un code de récupération encore inutilisé.
error-account_locked = Votre compte est verrouillé après trop de tentatives infructueuses. Réessayez plus tard ou contactez un administrateur.
error-account_locked-retry = Votre compte est verrouillé après trop de tentatives infructueuses. Réessayez dans { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }, à { DATETIME($time, hour: "numeric", minute: "2-digit") }.
error-account_disabled = Ce compte est désactivé. Contactez un administrateur.
error-too_many_requests = Trop de tentatives. Patientez un instant, puis réessayez.
error-invalid_body = Le formulaire n’a pas pu être envoyé. Rechargez la page et réessayez.
error-unauthenticated = Veuillez vous connecter.
error-session_expired = Votre session a expiré. Veuillez vous reconnecter.
error-reauth_required = Cette action nécessite de confirmer votre identité.
error-forbidden = Votre compte n’est pas autorisé à effectuer cette action.

## Cadre de l’espace collaborateurs
shell-skip = Aller au contenu
shell-nav-label = Navigation principale
nav-console = Console
nav-review = Revue
nav-admin = Administration
shell-signed-in-as = Session de { $name }
role-agent = Agent
role-supervisor = Superviseur
role-admin = Administrateur
role-auditor = Auditeur
shell-sign-out = Se déconnecter
shell-sign-out-everywhere = Se déconnecter partout
shell-sign-out-everywhere-hint = Ferme vos sessions sur tous vos appareils, y compris celui-ci.

## Sections (pages d’attente en attendant leur réalisation)
console-title = Console agent
console-placeholder = Votre file d’attente, vos appels et leurs vérifications apparaîtront ici.
review-title = Revue
admin-title = Administration du personnel
admin-placeholder = Les comptes du personnel et leurs rôles seront gérés ici.
forbidden-title = Accès refusé
forbidden-body = Votre compte n’a pas accès à cette page.
not-found-title = Page introuvable
not-found-body = Cette adresse ne correspond à aucune page.
no-roles-title = Aucun rôle attribué
no-roles-body = Votre compte n’a pas encore de rôle. Demandez à un administrateur de vous en attribuer un.
back-home = Aller à votre page d’accueil

## Confirmation d’identité avant une action sensible
reauth-title = Confirmez votre identité
reauth-body = Saisissez le code à 6 chiffres actuellement affiché dans votre application d’authentification pour continuer.
reauth-code = Code d’authentification
reauth-confirm = Confirmer
reauth-confirming = Vérification…
reauth-cancel = Annuler

## Revue : les archives (superviseurs et auditeurs)
archive-intro = Toutes les identifications enregistrées, les plus récentes d’abord. Filtrez, puis ouvrez-en une pour la revoir, contrôler ses événements et revoir la décision.
archive-filters = Filtrer les archives
archive-from = Du
archive-to = Au
archive-agent = Agent
archive-outcome = Décision
archive-review = Seconde revue
archive-any = Toutes
archive-flags = Seulement les sessions avec
archive-search = Rechercher
archive-clear = Effacer les filtres
# $count rows shown, $more is "yes" when further pages exist
archive-count = { $more ->
        [yes] { $count } sessions affichées, d’autres disponibles
       *[no] { $count ->
            [0] Aucune session
            [one] 1 session
           *[other] { $count } sessions
        }
    }
archive-caption = Identifications correspondant aux filtres
archive-col-created = Début
archive-col-customer = Client
archive-col-agent = Agent
archive-col-profile = Profil
archive-col-outcome = Décision
archive-col-review = Revue
archive-col-flags = Alertes
archive-no-name = non renseigné
archive-empty = Aucune identification ne correspond à ces filtres.
archive-more = Afficher plus
outcome-approved = Approuvée
outcome-rejected = Refusée
outcome-inconclusive = Non concluante
outcome-none = Non décidée
review-state-pending = En attente de revue
review-state-confirmed = Confirmée
review-state-overturned = Infirmée
review-state-none = Sans revue
flag-face_no_match = Visage non concordant
flag-liveness_fail = Détection du vivant échouée
flag-challenge_failed = Mouvement de tête échoué
flag-recording_unhealthy = Enregistrement incomplet
flag-reconnects = Reconnexions
# $count reconnections during the call
flag-reconnects-count = { $count ->
        [one] 1 reconnexion
       *[other] { $count } reconnexions
    }
flags-none = Aucune
legal-hold-badge = Conservation légale

## Revue : une session
session-back = Retour aux archives
# $created is when the session started
session-title = Identification du { $created }
# $id is the start of the session's id (shown when the session could not be loaded)
session-title-id = Session { $id }
# $profile is the regulatory profile's id
session-meta = Profil { $profile }
session-side = Décision, preuves et conservation
player-title = Enregistrements
player-recording-live = L’appel est encore en cours d’enregistrement. La lecture sera possible à la fin.
player-recording-none = Cette session n’a pas d’enregistrement.
player-not-allowed = Les auditeurs ne lisent pas les enregistrements. Les événements ci-dessous, la décision et le journal des accès vous sont accessibles.
# $files recorded files in $segments segments
player-gate-intro = { $files } fichiers enregistrés ({ $segments ->
        [one] 1 segment
       *[other] { $segments } segments
    }). Leur lecture est journalisée et demande votre code d’authentification.
player-load = Lire les enregistrements
player-play = Lecture
player-pause = Pause
player-position = Position
# $position and $total as m:ss
player-position-text = { $position } sur { $total }
player-buffering = Chargement…
player-not-recording-now = Pas d’enregistrement à cet instant
player-no-video = Aucune vidéo enregistrée
party-customer = Client
party-agent = Agent
track-title = Déroulé
track-hint = Sélectionnez un événement pour y placer les enregistrements.
track-hint-no-player = Sélectionnez un événement pour lire ce qu’il indique.
track-empty = Aucun événement n’a été enregistré pendant l’appel.
# $count events in total
track-all-events = Tous les événements ({ $count })
track-col-time = Temps
track-col-lane = Type
track-col-event = Événement
# $count face-match measurements
track-distance-label = Distance de comparaison faciale pendant l’appel ({ $count } mesures) ; plus bas = plus ressemblant
tl-lane-challenge = Mouvement de tête
tl-lane-face = Comparaison faciale
tl-lane-liveness = Détection du vivant
tl-lane-injection = Indices d’injection
tl-lane-quality = Qualité
tl-lane-stills = Captures
tl-lane-call = Appel et agent
tl-step-centre = Regarder droit devant
tl-step-left = Tourner à gauche
tl-step-right = Tourner à droite
tl-step-up = Regarder en haut
tl-step-down = Regarder en bas
tl-step-other = Mouvement
# $step is the translated step name
tl-challenge-step-passed = { $step } : réussi
# $step is the translated step name, $reason the analysis' reason code
tl-challenge-step-failed = { $step } : échoué ({ $reason })
tl-challenge-passed = Contrôle des mouvements de tête réussi
tl-challenge-failed = Contrôle des mouvements de tête échoué
# $steps number of steps asked for
tl-challenge-started = Contrôle des mouvements de tête lancé ({ $steps } étapes)
# $distance is the face-match distance (0 = identical)
tl-face-match = Comparaison faciale : concordance (distance { $distance })
tl-face-no_match = Comparaison faciale : pas de concordance (distance { $distance })
tl-face-inconclusive = Comparaison faciale : non concluante (distance { $distance })
tl-face-not_enough_frames = Comparaison faciale : pas encore assez d’images (distance { $distance })
tl-face-other = Comparaison faciale (distance { $distance })
# $score is the mean probability of a real face
tl-liveness-live = Détection du vivant : personne réelle (score { $score })
tl-liveness-attack = Détection du vivant : attaque par présentation (score { $score })
tl-liveness-not_enough_frames = Détection du vivant : pas encore assez d’images (score { $score })
tl-liveness-other = Détection du vivant (score { $score })
tl-hint-looped_clip = Indice d’injection : la vidéo se répète en boucle
tl-hint-still_image = Indice d’injection : une image fixe au lieu d’une caméra
tl-hint-regular_timing = Indice d’injection : cadence trop régulière pour une caméra
tl-hint-source_switch = Indice d’injection : la source vidéo a changé
tl-hint-other = Indice d’injection
tl-reference = Portrait de la pièce d’identité analysé
tl-reference-no-face = Portrait de la pièce d’identité : aucun visage trouvé
# $flags is a list of quality problems
tl-quality-warning = Qualité de l’image : { $flags }
tl-quality-ok = Qualité de l’image de nouveau bonne
tl-quality-no_face = aucun visage
tl-quality-multiple_faces = plusieurs visages
tl-quality-face_too_small = visage trop petit
tl-quality-too_dark = trop sombre
tl-quality-too_bright = trop clair
tl-quality-blurred = flou
tl-quality-other = autre problème
tl-still-face = Capture : visage
tl-still-id_front = Capture : recto de la pièce
tl-still-id_back = Capture : verso de la pièce
tl-still-other = Capture
tl-prompt-show_id_front = Demande de montrer le recto
tl-prompt-show_id_back = Demande de montrer le verso
tl-prompt-tilt_document = Demande d’incliner le document
tl-prompt-turn_head = Demande de tourner la tête
tl-prompt-read_digits = Demande de lire des chiffres à voix haute
tl-prompt-move_to_light = Demande de se placer à la lumière
tl-prompt-switch_camera = Demande de changer de caméra
tl-prompt-other = Consigne affichée
tl-read-aloud-passed = Lecture à voix haute réussie
tl-read-aloud-failed = Lecture à voix haute échouée
tl-read-aloud-open = Lecture à voix haute commencée
# $item is the checklist item's id
tl-check = Point coché : { $item }
tl-action-joined = A rejoint l’appel
tl-action-left = A quitté l’appel
tl-action-session_ended = Session terminée
tl-action-challenge_started = L’agent a lancé le contrôle des mouvements de tête
tl-action-prompt_shown = L’agent a affiché une consigne
tl-action-read_aloud_started = L’agent a lancé une lecture à voix haute
tl-action-read_aloud_judged = L’agent a évalué la lecture à voix haute
tl-action-decision_recorded = Décision enregistrée
tl-action-decision_reviewed = Décision revue
tl-action-result_final = Résultat définitif
tl-action-playback_issued = Enregistrements ouverts en lecture
# $action is the audit log's action name
tl-action-other = { $action }
# $seconds without audio or video
tl-recording-gap = Interruption de l’enregistrement ({ $seconds } s)
tl-segment = Enregistrement repris après une reconnexion

## Revue : quatre yeux
four-eyes-title = Décision et seconde revue
four-eyes-decision = Décision de l’agent
four-eyes-decided-by = Décidée par
# $who staff id, $at time
four-eyes-by-at = { $who }, { $at }
four-eyes-reason-codes = Codes de motif
four-eyes-note = Note
four-eyes-override = Motif de dérogation
four-eyes-status = Statut
four-eyes-pending = En attente d’une seconde revue
four-eyes-final = Définitive
four-eyes-why = Pourquoi une revue
review-reason-four_eyes = Le profil exige une seconde personne
review-reason-no_match = L’analyse faciale a signalé une non-concordance
review-reason-override = Approuvée malgré un blocage, avec dérogation
review-reason-low_quality = Preuves de faible qualité (interruptions, reconnexions, alertes)
review-reason-random = Tirée au sort pour l’échantillonnage
# $who staff id, $at time
four-eyes-confirmed-by = Confirmée par { $who }, { $at }
# $who staff id, $at time
four-eyes-overturned-by = Infirmée par { $who }, { $at }
four-eyes-changed = Modifiée de
four-eyes-read-only = Vous pouvez consulter la revue mais pas en faire une.
four-eyes-own-decision = Vous avez pris cette décision : un autre superviseur doit la revoir.
four-eyes-your-review = Votre revue
four-eyes-verdict = Votre avis
four-eyes-confirm-option = Confirmer la décision de l’agent
four-eyes-overturn-option = L’infirmer
four-eyes-new-outcome = Nouvelle décision
four-eyes-choose = Choisir…
four-eyes-reason = Motif
four-eyes-reason-hint = Ce que vous avez vérifié et pourquoi vous êtes d’accord ou non (au moins 10 caractères). Il est conservé avec la décision signée.
four-eyes-sending = Envoi…
four-eyes-submit-confirm = Confirmer la décision
four-eyes-submit-overturn = Infirmer la décision
four-eyes-verdict-missing = Indiquez si vous confirmez ou infirmez la décision.
four-eyes-no-decision = Aucune décision n’a été prise dans cette session.
error-outcome_required = Choisissez la décision qui remplace celle de l’agent.
error-reason_code_required = Choisissez au moins un code de motif pour cette décision.
error-reason_required = Donnez un motif d’au moins 10 caractères.
error-not_pending_review = Cette décision n’attend plus de revue. Rechargez la page pour voir son état actuel.
error-decision_not_found = Cette session n’a pas de décision.
error-confirm_takes_no_outcome = Une confirmation garde la décision de l’agent ; choisissez « L’infirmer » pour la changer.
error-unknown_reason = Un des codes de motif ne fait pas partie du profil de cette session.
error-reauth_cancelled = Annulé. Cette action demande votre code d’authentification.
error-recording_not_found = L’enregistrement de cette session est introuvable.
error-session_not_found = Cette session n’existe pas ou a été supprimée.
error-no_legal_hold = Cette session n’est pas sous conservation légale.
error-data_erased = Les données de cette session ont été supprimées.
error-invalid_query = Les filtres ne sont pas utilisables. Vérifiez les dates et réessayez.

## Revue : preuves, conservation, journal des accès
export-title = Rapport et preuves
report-label = Rapport de conformité :
report-html = page web
report-pdf = PDF
export-intro = Tous les fichiers de cette session avec leurs signatures, la clé publique et les instructions pour les vérifier hors ligne. L’export est journalisé et demande votre code d’authentification.
export-button = Exporter le dossier de preuves
export-busy = Préparation du dossier…
export-not-allowed = Seuls les superviseurs exportent les preuves.
# $file name, $megabytes size
export-done = { $file } enregistré ({ $megabytes } Mo).
hold-title = Durée de conservation et conservation légale
hold-on = Sous conservation légale : ne sera pas supprimée
hold-off = Pas de conservation légale
hold-unknown = État de conservation légale inconnu
hold-intro = La session est supprimée à la fin de la durée de conservation de son profil, sauf conservation légale.
hold-reason = Motif de la conservation (référence du dossier ou de la demande)
hold-release = Lever la conservation légale
hold-set = Placer sous conservation légale
access-title = Journal des accès
access-empty = Personne n’a encore ouvert les données de cette session.
access-col-when = Quand
access-col-who = Qui
access-col-what = Quoi
access-action-session_read = A consulté la session
access-action-ai_events_read = A lu les événements de l’analyse faciale
access-action-recording_read = A lu les détails de l’enregistrement
access-action-playback_issued = A ouvert les enregistrements en lecture
access-action-recording_file_served = A lu un fichier d’enregistrement
access-action-still_read = A consulté une capture
access-action-evidence_read = A lu les preuves
access-action-archive_read = A listé les archives
access-action-timeline_read = A consulté le déroulé
access-action-report_read = A lu le rapport de conformité
access-action-evidence_exported = A exporté le dossier de preuves
