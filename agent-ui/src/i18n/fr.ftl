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
nav-admin = Personnel
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
review-title = Revue
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

## Administration, Mon compte et activation (identifiants admin-, account-, activate- ; un seul bloc)
nav-keys = Clés d’API
nav-audit = Journal d’audit
nav-account = Mon compte
account-menu-link = Mon compte
admin-retry = Réessayer
admin-cancel = Annuler
admin-save = Enregistrer
admin-saved = Modifications enregistrées.
admin-copy = Copier
admin-copied = Copié dans le presse-papiers.
admin-copy-failed = La copie n’a pas été autorisée. Sélectionnez le texte et copiez-le vous-même.
admin-never = Jamais
admin-not-yet = Pas encore
admin-actor-staff = collaborateur
admin-actor-key = clé d’API
admin-actor-customer = Client
admin-actor-anonymous = Non connecté
admin-actor-system = Système
admin-actor-cli = Ligne de commande
admin-role-agent-desc = Mène les appels vidéo et décide des identifications qui lui sont attribuées.
admin-role-supervisor-desc = Voit toutes les sessions, lit les enregistrements et revoit les décisions.
admin-role-admin-desc = Gère les comptes, les clés d’API, les plannings et les profils ; pas d’accès aux enregistrements.
admin-role-auditor-desc = Consulte tout, y compris le journal d’audit ; ne modifie rien.
admin-state-invited = Invité
admin-state-active = Actif
admin-state-locked = Verrouillé
admin-state-disabled = Désactivé
admin-col-name = Nom
admin-col-username = Nom d’utilisateur
admin-col-roles = Rôles
admin-col-state = État
admin-col-last-sign-in = Dernière connexion
admin-col-created = Créé le
admin-col-activated = Activé le
admin-col-invitation = Lien d’activation
admin-col-locked-until = Verrouillé jusqu’au
admin-col-scopes = Portées
admin-col-expires = Expire le
admin-col-last-used = Dernière utilisation
admin-col-status = Statut
admin-col-actions = Actions
admin-col-seq = N°
admin-col-time = Date
admin-col-actor = Qui
admin-col-action = Quoi
admin-col-target = Objet
admin-col-session = Session
admin-col-detail = Détail
admin-staff-title = Personnel
admin-staff-intro = Invitez des collaborateurs, attribuez-leur des rôles et gérez leur connexion.
admin-staff-intro-readonly = Toutes les personnes disposant d’un compte, leurs rôles et l’état de leur compte.
# $count (number) of accounts listed
admin-staff-caption = { $count ->
        [one] { $count } compte
       *[other] { $count } comptes
    }
admin-staff-invite = Inviter un collaborateur
admin-staff-back = Tout le personnel
admin-staff-new-title = Inviter un collaborateur
admin-staff-new-intro = Vous obtenez un lien d’activation à usage unique à remettre à la personne. Elle choisit elle-même son mot de passe et configure son application d’authentification ; vous ne voyez ni l’un ni l’autre.
admin-staff-id = Nom d’utilisateur
admin-staff-id-hint = Lettres minuscules, chiffres, points, tirets et traits de soulignement, par exemple anna.schmidt. Il ne pourra plus être modifié.
admin-staff-id-invalid = Utilisez de 1 à 64 lettres minuscules, chiffres, points, tirets ou traits de soulignement.
admin-staff-name = Nom complet
admin-staff-name-missing = Saisissez le nom de la personne.
admin-staff-roles = Rôles
admin-staff-roles-missing = Choisissez au moins un rôle.
admin-staff-invite-submit = Créer le compte et obtenir le lien
admin-staff-inviting = Création…
admin-staff-not-found-title = Compte introuvable
admin-staff-not-found-body = Ce compte n’existe pas ou a été renommé.
# $name is the person’s display name
admin-invitation-title = Lien d’activation pour { $name }
admin-invitation-body = Remettez ce lien à la personne par un canal de confiance (en main propre ou la messagerie de l’entreprise). Quiconque l’ouvre peut configurer ce compte.
admin-invitation-link = Lien d’activation
# $time (date) when the link stops working
admin-invitation-expires = Le lien fonctionne une seule fois, jusqu’au { $time }.
admin-invitation-once = Ce lien n’est affiché que maintenant. S’il est perdu, créez-en un nouveau : l’ancien cessera alors de fonctionner.
# $time (date) when the pending link expires
admin-invitation-pending = En attente d’activation jusqu’au { $time }
admin-edit-title = Nom et rôles
admin-own-admin-role = Vous ne pouvez pas retirer votre propre rôle d’administrateur ; un autre administrateur le peut.
admin-access-title = Connexion et accès
admin-unlock = Déverrouiller
admin-unlock-hint = Le compte est verrouillé après des échecs de connexion. Déverrouillez-le après avoir vérifié auprès de la personne.
admin-unlock-done = Le compte est déverrouillé.
admin-reset = Réinitialiser la connexion
admin-reset-hint = En cas de téléphone perdu ou de mot de passe oublié : le mot de passe, l’application d’authentification et les codes de récupération cessent aussitôt de fonctionner, et vous obtenez un nouveau lien d’activation.
admin-reset-done = Connexion réinitialisée. Remettez à la personne le nouveau lien d’activation ci-dessous.
admin-new-link = Nouveau lien d’activation
admin-new-link-hint = Le lien précédent cesse de fonctionner.
admin-new-link-done = Un nouveau lien d’activation a été créé ; le précédent ne fonctionne plus.
admin-disable = Désactiver le compte
admin-disable-hint = La personne est déconnectée partout et ne peut plus se connecter tant que le compte n’est pas réactivé.
admin-disable-done = Le compte est désactivé.
admin-enable = Réactiver le compte
admin-enable-hint = La personne peut de nouveau se connecter avec son mot de passe et son application d’authentification.
admin-enable-done = Le compte est réactivé.
admin-self-hint = C’est votre propre compte : vous ne pouvez ni le désactiver ni réinitialiser sa connexion. Changez votre mot de passe dans Mon compte.
# $name is the person’s display name
admin-confirm-disable-title = Désactiver { $name } ?
admin-confirm-disable-body = Ses sessions prennent fin immédiatement, y compris un appel en cours.
admin-confirm-disable = Désactiver
# $name is the person’s display name
admin-confirm-enable-title = Réactiver { $name } ?
admin-confirm-enable-body = La personne pourra de nouveau se connecter.
admin-confirm-enable = Réactiver
# $name is the person’s display name
admin-confirm-reset-title = Réinitialiser la connexion de { $name } ?
admin-confirm-reset-body = Son mot de passe, son application d’authentification et ses codes de récupération cessent de fonctionner maintenant et ses sessions prennent fin. La personne configure une nouvelle connexion avec le lien que vous obtenez.
admin-confirm-reset = Réinitialiser
admin-keys-title = Clés d’API des intégrateurs
admin-keys-intro = Les clés permettent aux systèmes de la banque de créer des sessions et de lire les résultats. Chaque clé ne fait que ce que ses portées autorisent.
admin-keys-none = Aucune clé d’API pour l’instant.
admin-keys-back = Toutes les clés d’API
admin-key-create = Créer une clé d’API
admin-key-new-title = Créer une clé d’API
admin-key-new-intro = Donnez à la clé un nom qui indique quel système l’utilise, et seulement les portées nécessaires.
admin-key-name = Nom
admin-key-name-hint = Par exemple : système bancaire central, production.
admin-key-name-missing = Saisissez un nom pour la clé.
admin-key-scopes = Portées
admin-key-scopes-missing = Choisissez au moins une portée.
admin-key-lifetime = Valable
# $days (number) of days
admin-key-days = { $days } jours
admin-key-create-submit = Créer la clé
admin-key-creating = Création…
admin-scope-sessions-read-desc = Lire les sessions : leur état et celui de leurs liens.
admin-scope-sessions-write-desc = Créer des sessions, émettre et révoquer des liens client, déposer la photo de référence, clore des sessions.
admin-scope-results-read-desc = Lire les résultats : décisions, événements d’analyse faciale et état des enregistrements.
admin-scope-roster-read-desc = Lire le planning : agents, horaires et compétences.
admin-scope-roster-write-desc = Modifier le planning : horaires, compétences et absences des agents.
# $name is the key’s name
admin-key-created-title = Clé « { $name } » créée
admin-key-secret-warning = Copiez la clé maintenant et rangez-la dans le coffre-fort de secrets du système. Elle n’est affichée qu’une seule fois ; personne ne pourra l’afficher de nouveau.
admin-key-secret = Clé d’API
admin-key-secret-usage = Le système l’envoie sous la forme « Authorization: Bearer <clé> ».
# $time (date) when the key expires
admin-key-expires = Elle fonctionne jusqu’au { $time }.
admin-key-done = J’ai rangé la clé
admin-key-status-active = Active
admin-key-status-expired = Expirée
admin-key-status-revoked = Révoquée
admin-key-revoke = Révoquer
# $name is the key’s name
admin-key-revoke-named = Révoquer { $name }
# $name is the key’s name
admin-key-revoke-title = Révoquer « { $name } » ?
admin-key-revoke-body = Toute requête avec cette clé sera désormais refusée. C’est irréversible ; le système aura besoin d’une nouvelle clé.
# $name is the key’s name
admin-key-revoked = « { $name } » est révoquée.
admin-audit-title = Journal d’audit
admin-audit-intro = Chaque connexion, chaque lecture de données personnelles et chaque modification, des plus récentes aux plus anciennes. Chaque entrée est chaînée à la précédente : une entrée modifiée ou supprimée se voit.
admin-audit-filters = Filtres
admin-audit-actor = Qui
admin-audit-actor-hint = Par exemple staff:anna.schmidt ou key:0123456789abcdef.
admin-audit-action = Quoi
admin-audit-any-action = Toutes les actions
admin-audit-session = Session
admin-audit-from = Du
admin-audit-to = Au
admin-audit-apply = Appliquer les filtres
admin-audit-clear = Effacer
admin-audit-none = Aucune entrée ne correspond à ces filtres.
# $count (number) of entries shown
admin-audit-shown = { $count ->
        [one] { $count } entrée affichée
       *[other] { $count } entrées affichées
    }
admin-audit-pages = Pages du journal d’audit
admin-audit-newest = Entrées les plus récentes
admin-audit-older = Entrées plus anciennes
admin-chain-title = Intégrité du journal
admin-chain-hint = Vérifie chaque entrée par rapport à son empreinte et à l’entrée précédente, comme « signaling audit verify ».
admin-chain-verify = Vérifier la chaîne
admin-chain-checking = Vérification…
# $rows (number) of entries checked
admin-chain-intact = Le journal est intact : les { $rows } entrées sont conformes.
# $row (number) the first changed entry, $rows (number) entries intact before it
admin-chain-altered = Le journal a été altéré : l’entrée { $row } a été modifiée après son écriture. Les entrées 1 à { $rows } sont intactes.
# $row (number) the first missing entry, $rows (number) entries intact before it
admin-chain-missing = Le journal a été altéré : des entrées manquent à partir du numéro { $row }. Les entrées 1 à { $rows } sont intactes.
admin-audit-action-login-succeeded = Connexion
admin-audit-action-login-failed = Échec de connexion
admin-audit-action-account-locked = Compte verrouillé
admin-audit-action-logout = Déconnexion
admin-audit-action-logout-everywhere = Déconnexion partout
admin-audit-action-reauth-succeeded = Identité confirmée
admin-audit-action-reauth-failed = Échec de confirmation d’identité
admin-audit-action-staff-created = Compte créé
admin-audit-action-staff-updated = Compte modifié
admin-audit-action-totp-reset = Authentification réinitialisée
admin-audit-action-invitation-issued = Lien d’activation créé
admin-audit-action-sign-in-reset = Connexion réinitialisée
admin-audit-action-activation-opened = Lien d’activation ouvert
admin-audit-action-activation-refused = Activation refusée
admin-audit-action-staff-activated = Compte activé
admin-audit-action-password-changed = Mot de passe changé
admin-audit-action-password-change-failed = Échec du changement de mot de passe
admin-audit-action-recovery-codes-regenerated = Nouveaux codes de récupération
admin-audit-action-sign-in-ended = Session fermée depuis Mon compte
admin-audit-action-audit-verified = Chaîne d’audit vérifiée
admin-audit-action-api-key-created = Clé d’API créée
admin-audit-action-api-key-revoked = Clé d’API révoquée
admin-audit-action-roster-changed = Planning modifié
admin-audit-action-session-created = Session créée
admin-audit-action-link-issued = Lien client émis
admin-audit-action-link-revoked = Lien client révoqué
admin-audit-action-joined = A rejoint l’appel
admin-audit-action-left = A quitté l’appel
admin-audit-action-session-ended = Session terminée
admin-audit-action-appointment-booked = Rendez-vous réservé
admin-audit-action-challenge-started = Test de vivacité lancé
admin-audit-action-session-read = Session consultée
admin-audit-action-reference-photo-written = Photo de référence déposée
admin-audit-action-ai-events-read = Résultats d’analyse faciale consultés
admin-audit-action-recording-read = Détails de l’enregistrement consultés
admin-audit-action-playback-issued = Lecture de l’enregistrement autorisée
admin-audit-action-recording-file-served = Fichier d’enregistrement lu
admin-audit-action-audit-read = Journal d’audit consulté
admin-audit-action-consent-recorded = Consentement enregistré
admin-audit-action-still-captured = Image fixe capturée
admin-audit-action-still-read = Image fixe consultée
admin-audit-action-evidence-read = Preuves consultées
admin-audit-action-prompt-shown = Consigne montrée au client
admin-audit-action-read-aloud-started = Lecture à voix haute lancée
admin-audit-action-read-aloud-judged = Lecture à voix haute évaluée
admin-audit-action-check-confirmed = Vérification confirmée
admin-audit-action-decision-recorded = Décision enregistrée
admin-audit-action-archive-read = Archives consultées
admin-audit-action-timeline-read = Chronologie consultée
admin-audit-action-stats-read = Statistiques consultées
admin-audit-action-report-read = Rapport consulté
admin-audit-action-evidence-exported = Dossier de preuves exporté
admin-audit-action-document-signed = Document signé
admin-audit-action-decision-reviewed = Décision revue
admin-audit-action-result-final = Résultat définitif
admin-audit-action-legal-hold-set = Conservation légale activée
admin-audit-action-legal-hold-released = Conservation légale levée
admin-audit-action-session-erased = Session effacée
admin-audit-action-retention-deleted = Supprimée après la durée de conservation
admin-audit-action-master-key-rotated = Clé maîtresse renouvelée
admin-audit-action-identification-created = Identification créée
admin-audit-action-application-saved = Demande enregistrée
admin-audit-action-application-submitted = Demande envoyée
admin-audit-action-application-read = Demande consultée
admin-audit-action-document-captured = Pièce d’identité capturée
admin-audit-action-document-image-read = Image de la pièce d’identité consultée
admin-audit-action-documents-read = Pièces d’identité consultées
admin-audit-action-passkey-enrolled = Clé d’accès enregistrée
admin-audit-action-passkey-verified = Clé d’accès vérifiée
account-title = Mon compte
account-password-title = Changer de mot de passe
account-password-current = Mot de passe actuel
account-password-new = Nouveau mot de passe
account-password-confirm = Répétez le nouveau mot de passe
account-password-rules = Au moins 12 caractères. Pas un mot de passe courant ni votre nom d’utilisateur. Quelques mots sans rapport entre eux conviennent bien.
account-password-missing = Saisissez votre mot de passe actuel.
account-password-mismatch = Les deux mots de passe ne sont pas identiques.
account-password-submit = Changer de mot de passe
account-password-changed = Votre mot de passe est changé. Vos autres sessions ont été déconnectées.
account-recovery-title = Codes de récupération
# $count (number) of unused codes
account-recovery-left = { $count ->
        [one] Il reste { $count } code de récupération inutilisé.
       *[other] Il reste { $count } codes de récupération inutilisés.
    }
account-recovery-hint = Chaque code permet une connexion sans votre téléphone. De nouveaux codes remplacent tous les anciens ; vous confirmez d’abord votre identité.
account-recovery-new = Créer de nouveaux codes de récupération
account-codes-title = Vos codes de récupération
account-codes-body = Conservez-les en lieu sûr, loin de votre téléphone : imprimés dans un tiroir fermé à clé, ou dans un gestionnaire de mots de passe.
account-codes-once = Ils ne sont affichés que maintenant.
account-codes-download = Télécharger en fichier texte
account-codes-print = Imprimer
# $username is the sign-in name
account-codes-file-title = Codes de récupération de { $username } (identification vidéo, collaborateurs). Chacun fonctionne une fois.
account-sign-ins-title = Où vous êtes connecté
account-sign-ins-hint = Déconnectez un appareil que vous ne reconnaissez pas, puis changez votre mot de passe.
account-this-device = Cet appareil
# $time (date) signed in, $seen (date) last active
account-signed-in-at = Connexion le { $time } · dernière activité le { $seen }
# $browser and $os as detected, e.g. Chrome on Linux
account-device = { $browser } sous { $os }
account-device-unknown = Appareil inconnu
account-end-sign-in = Déconnecter
# $device, e.g. Chrome on Linux
account-end-sign-in-named = Déconnecter { $device }
# $name is the person’s display name
activate-title = Bienvenue, { $name }
# $username is the sign-in name, $time (date) when the link expires
activate-intro = Configurez la connexion de votre compte { $username }. Ce lien fonctionne jusqu’au { $time }.
activate-step-password = Choisissez votre mot de passe
activate-password = Mot de passe
activate-step-authenticator = Configurez votre application d’authentification
activate-scan = Scannez ce code QR avec une application d’authentification sur votre téléphone (par exemple FreeOTP, Aegis ou Google Authenticator).
activate-qr-alt = Code QR pour votre application d’authentification
activate-manual = Impossible de scanner ? Choisissez « saisir une clé » dans l’application et tapez cette clé :
activate-manual-key = Clé :
activate-manual-details = Type : basé sur le temps, 6 chiffres, toutes les 30 secondes.
activate-step-confirm = Vérifiez que cela fonctionne
activate-code-hint = Le code à 6 chiffres que votre application affiche maintenant pour « Video identification ».
activate-submit = Activer mon compte
activate-submitting = Activation…
activate-done-title = Votre compte est prêt
# $username is the sign-in name
activate-done-body = Connectez-vous en tant que { $username } avec votre mot de passe et le code de votre application.
activate-codes-saved = J’ai conservé mes codes de récupération
activate-go-sign-in = Aller à la connexion
activate-refused-title = Ce lien ne peut pas être utilisé
activate-refused-help = Demandez un nouveau lien d’activation à votre administrateur.
error-staff_exists = Un compte avec ce nom d’utilisateur existe déjà.
error-invalid_staff_id = Utilisez de 1 à 64 lettres minuscules, chiffres, points, tirets ou traits de soulignement.
error-staff_needs_role = Choisissez au moins un rôle.
error-invalid_display_name = Saisissez un nom de 1 à 100 caractères.
error-staff_not_found = Ce compte n’existe pas.
error-cannot_remove_own_admin_role = Vous ne pouvez pas retirer votre propre rôle d’administrateur. Un autre administrateur le peut.
error-cannot_disable_self = Vous ne pouvez pas désactiver votre propre compte. Un autre administrateur le peut.
error-cannot_reset_own_sign_in = Vous ne pouvez pas réinitialiser votre propre connexion. Changez votre mot de passe dans Mon compte.
error-password_too_short = Le mot de passe doit compter au moins 12 caractères.
error-password_too_long = Le mot de passe peut compter au plus 128 caractères.
error-password_too_common = Ce mot de passe est trop courant ou trop proche de votre nom d’utilisateur. Choisissez-en un autre.
error-password_unchanged = Le nouveau mot de passe est identique à l’actuel.
error-wrong_password = Le mot de passe actuel est incorrect.
error-activation_link_invalid = Ce lien d’activation n’est pas valide. Vérifiez que vous l’avez copié en entier.
error-activation_link_expired = Ce lien d’activation a expiré.
error-activation_link_used = Ce lien d’activation a déjà été utilisé. Si vous avez configuré votre compte, connectez-vous.
error-activation_link_replaced = Un lien d’activation plus récent a été créé pour votre compte ; celui-ci ne fonctionne plus.
error-invalid_key_name = Saisissez un nom de 1 à 100 caractères.
error-key_needs_scope = Choisissez au moins une portée.
error-invalid_key_lifetime = Une clé est valable de 1 à 730 jours.
error-api_key_not_found = Cette clé d’API n’existe pas.
error-sign_in_not_found = Cette session est déjà terminée.

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

## Revue : le tableau de bord (superviseurs)
review-tabs = Pages de revue
review-tab-archive = Archives
review-tab-dashboard = Tableau de bord
dash-title = Tableau de bord
dash-intro = Le bilan des identifications : volume et décisions, attente dans la file, abandons, durée de traitement et de clôture, par jour et par agent.
dash-filters = Choisir la période et l’agent
dash-from = Du (jour UTC)
dash-to = Au (jour UTC)
dash-agent = Agent
dash-all-agents = Tous les agents
# $name the agent's display name, $id their username
dash-agent-option = { $name } ({ $id })
dash-utc-hint = Les jours sont des jours civils UTC, comme dans le calcul des chiffres ; les deux jours sont inclus.
dash-apply = Afficher
dash-last-30 = 30 derniers jours
dash-range-invalid = Indiquez les deux jours sous forme de date.
dash-range-reversed = Le premier jour ne peut pas être après le dernier.
error-range_too_long = Choisissez une période de 366 jours au plus.
# $from and $to are dates
dash-period = { $from } – { $to } (UTC)
dash-empty = Aucune session sur cette période.
dash-totals = Totaux de la période
dash-card-sessions = Sessions
# $count decided sessions
dash-card-decided = { $count ->
        [one] { $count } décidée
       *[other] { $count } décidées
    }
dash-card-approved = Approuvées
dash-card-rejected = Refusées
dash-card-inconclusive = Non concluantes
# $count sessions with that decision, $decided sessions decided
dash-card-of-decided = { $count } sur { $decided } décidées
dash-card-abandoned = Abandons dans la file
# $count abandoned entries, $entries queue entries in all
dash-card-of-entries = { $count } sur { $entries } entrées en file
dash-card-wait = Attente en file (médiane)
dash-card-handling = Durée de traitement (médiane)
dash-card-wrap-up = Durée de clôture (médiane)
# $value a duration
dash-card-p90 = 90e centile : { $value }
dash-chart-volume = Sessions par jour, par décision
# $days in the period; the counts are totals of the period
dash-chart-volume-summary = Histogramme des sessions par jour sur { $days } jours : { $sessions } sessions, { $approved } approuvées, { $rejected } refusées, { $inconclusive } non concluantes. Le tableau « Par jour » ci-dessous donne les chiffres de chaque jour.
dash-chart-wait = Attente en file par jour
# $p50 and $p90 are durations
dash-chart-wait-summary = Courbes de la médiane et du 90e centile quotidiens de l’attente en file ; sur la période, médiane { $p50 }, 90e centile { $p90 }. Le tableau « Par jour » ci-dessous donne les chiffres de chaque jour.
dash-chart-times = Traitement et clôture par jour
# durations over the period
dash-chart-times-summary = Courbes de la médiane et du 90e centile quotidiens des durées de traitement et de clôture ; sur la période, traitement { $handling50 } (médiane) et { $handling90 } (90e centile), clôture { $wrap50 } et { $wrap90 }. Le tableau « Par jour » ci-dessous donne les chiffres de chaque jour.
dash-part-approved = Approuvées
dash-part-rejected = Refusées
dash-part-inconclusive = Non concluantes
dash-part-undecided = Sans décision
dash-what-wait = attente
dash-what-handling = traitement
dash-what-wrap-up = clôture
# $what is dash-what-…
dash-series-p50 = Médiane { $what }
# $what is dash-what-…
dash-series-p90 = 90e centile { $what }
dash-by-agent = Par agent
dash-by-day = Par jour
dash-col-agent = Agent
dash-col-day = Jour (UTC)
dash-col-sessions = Sessions
dash-col-approved = Approuvées
dash-col-rejected = Refusées
dash-col-inconclusive = Non concluantes
dash-col-abandoned = Abandons
dash-col-wait = Attente, médiane / 90e c.
dash-col-handling = Traitement, médiane / 90e c.
dash-col-wrap-up = Clôture, médiane / 90e c.
dash-no-agent = Non prise par un agent
# $p50 and $p90 are durations
dash-p50-p90 = { $p50 } / { $p90 }
# $count a number, $share a percentage
dash-count-share = { $count } ({ $share })
# $s seconds, may have one decimal
dash-duration-s = { NUMBER($s, maximumFractionDigits: 1) } s
# $min minutes
dash-duration-min = { $min } min
# $min minutes and $s seconds
dash-duration-min-s = { $min } min { $s } s
# $h hours
dash-duration-h = { $h } h
# $h hours and $min minutes
dash-duration-h-min = { $h } h { $min } min
admin-staff-access-log = Journal des accès de cette personne

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
error-reason_required = Indiquez un motif : choisissez-en un dans la liste, ou écrivez au moins 10 caractères là où c’est demandé.
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
## Erreurs du serveur pour la console et les pages d’appel, par code
error-consent_required = Le client n’a pas encore donné son consentement.
error-capture_not_requested = Cette photo n’a pas été demandée, ou a déjà été envoyée.
error-image_too_large = La photo est trop volumineuse.
error-unsupported_image = La photo n’est pas une image JPEG ou PNG.
error-image_dimensions = Les dimensions de la photo ne correspondent pas à une caméra.
error-approval_blocked = Les preuves ne permettent pas encore une approbation.
error-already_decided = Cette session a déjà une décision.
error-note_too_long = La note est trop longue.
error-check_not_confirmable = Ce point est coché par sa preuve, pas à la main.
error-check_not_found = Ce point ne fait pas partie du profil de la session.
error-invalid_transition = Impossible pour le moment (par exemple pendant une offre ou un appel).
error-offer_not_found = Cette offre n’existe plus.
error-offer_expired = L’offre a expiré avant d’être acceptée.
error-agent_not_found = Votre compte ne figure pas au planning des agents. Adressez-vous à un administrateur.
error-session_ended = Cette session est terminée.
error-not_in_call = Aucun appel n’est en cours pour cette session.
error-role_taken = Une autre personne occupe déjà ce rôle dans l’appel.
error-invalid_token = Ce lien n’est pas valide.
error-token_expired = Ce lien a expiré.
error-token_revoked = Ce lien a été retiré.
error-replaced = Cet appel a été ouvert dans une autre fenêtre.
error-read_aloud_not_found = Cette lecture à voix haute est terminée.
error-invalid_prompt = Cette consigne ne peut pas être affichée.
error-media_engine = L’audio et la vidéo de l’appel n’ont pas pu démarrer. Réessayez.
error-ai_busy = Un défi est déjà en cours.
error-ai_unavailable = L’analyse du visage est indisponible ; continuez manuellement.
error-invalid_challenge = Ce défi ne peut pas être lancé.

## Pages d’appel (client et agent)
call-page-title = Votre appel d’identification
call-you = Vous
call-your-agent = Votre conseiller
call-join = Rejoindre l’appel
call-hang-up = Raccrocher
call-end = Terminer l’appel
call-mute = Couper le micro
call-unmute = Réactiver le micro
call-status-checking-camera = Vérification de votre caméra…
call-status-incomplete-link = Ce lien est incomplet. Ouvrez le lien complet que vous avez reçu.
call-status-no-camera = Nous avons besoin de votre caméra et de votre micro. Autorisez l’accès, puis rechargez la page.
call-status-camera-ready = Votre caméra fonctionne. Rejoignez l’appel quand vous êtes prêt·e.
call-status-joining = Connexion à l’appel…
call-status-waiting_for_peer = En attente de l’autre personne…
call-status-connecting_media = Connexion en cours…
call-status-in_call = En communication
call-status-peer_left = L’autre personne est partie ; en attente de son retour…
call-status-reconnecting = Connexion perdue, reconnexion…
call-status-server_restarting = Le service redémarre, reconnexion…
call-status-cannot_join = Impossible de rejoindre cet appel.
call-peer-connected = (connecté)
call-peer-not-connected = (non connecté)
call-ended-agent = Appel terminé.
call-ended-customer = L’appel est terminé. Merci — vous pouvez fermer cette page.

## Consignes affichées chez le client
prompt-show_id_front = Montrez le recto de votre pièce d’identité
prompt-show_id_front-detail = Tenez le recto de votre document près de la caméra, sans bouger, jusqu’à ce que le conseiller l’ait vu.
prompt-show_id_back = Montrez le verso de votre pièce d’identité
prompt-show_id_back-detail = Retournez votre document et tenez le verso près de la caméra.
prompt-tilt_document = Inclinez lentement votre document
prompt-tilt_document-detail = Inclinez-le lentement vers vous puis vers l’arrière, puis à gauche et à droite, pour que les éléments de sécurité captent la lumière.
prompt-turn_head-left = Tournez la tête vers la gauche
prompt-turn_head-right = Tournez la tête vers la droite
prompt-turn_head-up = Regardez vers le haut
prompt-turn_head-down = Regardez vers le bas
prompt-turn_head-centre = Regardez droit dans la caméra
prompt-turn_head-detail = Bougez lentement et gardez la position jusqu’à l’étape suivante.
prompt-read_digits = Lisez ces chiffres à voix haute
prompt-read_digits-detail = Lisez-les distinctement, un par un.
prompt-move_to_light = Placez-vous dans un endroit mieux éclairé
prompt-move_to_light-detail = Faites face à une fenêtre ou à une lampe pour que votre visage et votre document soient bien éclairés.
prompt-switch_camera = Changez de caméra, s’il vous plaît
prompt-switch_camera-detail = Si possible, utilisez la caméra principale de votre appareil, ou nettoyez l’objectif.
prompt-digits-label = Chiffres : { $digits }
prompt-seconds-left = { $seconds ->
        [one] { $seconds } seconde restante
       *[other] { $seconds } secondes restantes
    }
capture-taking-face = Photo de votre visage en cours — ne bougez pas…
capture-taking-id_front = Photo du recto de votre pièce d’identité — tenez-la immobile…
capture-taking-id_back = Photo du verso de votre pièce d’identité — tenez-la immobile…
capture-sent = Photo envoyée à votre conseiller.
capture-failed = La photo n’a pas pu être envoyée. { $reason }

## Console de l’agent : le service
shortcuts-open = Raccourcis clavier (?)
notice-dismiss = Fermer
shift-waiting-for-offer = Vous êtes disponible. Le prochain client sonnera ici.
offer-gone-pending = L’offre a été retirée.
offer-gone-accepted = L’offre a été prise.
offer-gone-declined = Vous avez passé la main ; le client est proposé à l’agent suivant.
offer-gone-timed_out = L’offre est restée sans réponse : votre statut est maintenant « Absent ».
offer-gone-cancelled = Le client a quitté la file d’attente.
presence-title = Votre statut
presence-unknown = Connexion…
presence-offline = Hors ligne
presence-available = Disponible
presence-offered = Un client sonne
presence-in_call = En appel
presence-wrap_up = Clôture
presence-away = Absent
presence-wrap-up-left = fin de la clôture dans { $time }
presence-set-label = Changer votre statut
presence-set-available = Disponible
presence-set-away = Absent
presence-set-offline = Hors ligne
presence-finish-wrap-up = Prêt pour le client suivant
link-connecting = Connexion à la file d’attente…
link-open = Connecté à la file d’attente.
link-lost = Connexion à la file d’attente perdue ; reconnexion… En attendant, vous ne recevez aucun client.
link-closed = Non connecté à la file d’attente. Rechargez la page pour vous connecter.
queue-title = File d’attente
queue-waiting = En attente
queue-longest = Attente la plus longue
queue-unknown = File : —
queue-compact = { $waiting ->
        [one] { $waiting } client en attente
       *[other] { $waiting } clients en attente
    } · au plus { $longest }
appointments-title = Rendez-vous du jour
appointments-none = Aucun rendez-vous dans les prochaines 24 heures.
appointment-time = { DATETIME($start, hour: "numeric", minute: "2-digit") }–{ DATETIME($end, hour: "numeric", minute: "2-digit") }
appointment-checked-in = Arrivé
appointment-booked = Réservé
appointment-cancelled = Annulé
appointment-no_show = Absent au rendez-vous
appointment-agent_unavailable = Déplacé : agent indisponible
offer-title = Un client attend
offer-needs = Besoins : { $needs }
offer-no-needs = Aucun besoin particulier.
offer-seconds-left = { $seconds ->
        [one] { $seconds } seconde pour répondre
       *[other] { $seconds } secondes pour répondre
    }
offer-accept = Accepter
offer-decline = Refuser
shortcuts-title = Raccourcis clavier
shortcuts-key = Touche
shortcuts-action = Action
shortcut-accept = Accepter le client qui sonne
shortcut-decline = Refuser le client qui sonne
shortcut-capture_face = Photographier le visage
shortcut-capture_id_front = Photographier le recto de la pièce
shortcut-capture_id_back = Photographier le verso de la pièce
shortcut-challenge = Lancer le défi de mouvements de tête
shortcut-read_aloud = Faire lire des chiffres à voix haute
shortcut-go_decision = Aller à la décision
shortcut-mute = Couper ou réactiver votre micro
shortcut-help = Afficher cette liste
shortcuts-no-approve-key = Aucune touche seule n’enregistre une décision : appuyez sur G, puis choisissez avec Tab et Entrée.
shortcuts-close = Fermer

## Console de l’agent : l’appel
call-title = Appel d’identification
video-customer = Vidéo du client
video-self = Votre vidéo
call-phase-starting = Démarrage…
call-phase-no_camera = Votre caméra ou votre micro n’est pas disponible. Autorisez l’accès et rechargez.
call-phase-joining = Connexion à l’appel…
call-phase-waiting_for_peer = En attente du client…
call-phase-connecting_media = Connexion en cours…
call-phase-in_call = En communication
call-phase-peer_left = Le client est parti ; en attente de son retour…
call-phase-reconnecting = Connexion perdue, reconnexion…
call-phase-server_restarting = Le service redémarre, reconnexion…
call-phase-cannot_join = Impossible de rejoindre cet appel.
call-phase-ended = Appel terminé
recording-failed = L’enregistrement s’est arrêté : { $problem }. L’appel continue, mais il ne peut pas être approuvé.
quality-title = Qualité de la connexion
quality-resolution = Image
quality-fps = Fréquence
quality-fps-value = { $fps } i/s
quality-bitrate = Débit
quality-bitrate-value = { $kbps } kbit/s
quality-loss = Pertes
quality-loss-value = { $percent } %
quality-warning-resolution_low = L’image est en dessous du minimum requis de { $width }×{ $height }.
quality-warning-fps_low = La fréquence d’images est en dessous du minimum requis de { $fps } i/s.
quality-warning-loss_high = Beaucoup de paquets sont perdus : l’image peut se figer.
quality-warning-bitrate_low = Le débit est très faible : les détails peuvent être illisibles.
quality-warning-no_video = Aucune image du client.
ai-flag-no_face = Aucun visage visible
ai-flag-multiple_faces = Plusieurs visages visibles
ai-flag-face_too_small = Visage trop petit ou trop loin
ai-flag-too_dark = Trop sombre
ai-flag-too_bright = Trop lumineux
ai-flag-blurred = Flou
prompt-action-move_to_light = Demander plus de lumière
prompt-action-switch_camera = Demander une autre caméra
prompt-action-show_id_front = Recto de la pièce
prompt-action-show_id_back = Verso de la pièce
prompt-action-tilt_document = Incliner la pièce
prompt-action-turn_head = Tourner la tête
prompt-turn-left-label = Demander de tourner la tête à gauche
prompt-turn-right-label = Demander de tourner la tête à droite
prompt-turn-up-label = Demander de regarder vers le haut
prompt-turn-down-label = Demander de regarder vers le bas
camera-actions-title = Demander au client
capture-group = Photos
prompt-group = Consignes
capture-face = Visage
capture-id_front = Recto
capture-id_back = Verso
capture-waiting = photo en attente…
capture-no-answer = aucune photo reçue ; réessayez
direction-left = Gauche
direction-right = Droite
direction-up = Haut
direction-down = Bas
direction-centre = Centre

facts-title = Demande
facts-reference = Référence
facts-no-reference = aucune
facts-session = Session
facts-profile = Procédure
facts-documents = Documents acceptés
facts-created = Créée
facts-created-at = { DATETIME($at, dateStyle: "medium", timeStyle: "short") }
facts-no-document-data = Aucun formulaire ni donnée de document n’a été transmis avec cette session : comparez le client avec les photos et la photo de la pièce.
app-compare-check-digits = Chiffres de contrôle de la MRZ
app-compare-check-digits-ok = ✓ valides
app-compare-check-digits-failed = ✗ invalides : la MRZ est peut-être mal lue ou altérée
app-compare-check-digits-none = aucune MRZ lue
app-compare-review = Confirmation du client
app-compare-review-none = rien à confirmer (aucune différence à la lecture)
app-compare-review-pending = non confirmée : le client n’a pas encore confirmé ou corrigé les différences
app-compare-review-confirmed = confirmée par le client
app-compare-caption = Demande et pièce d’identité (MRZ) : tous les champs comparés concordent
app-compare-caption-mismatches = Demande et pièce d’identité (MRZ) : { $count ->
    [one] un champ diffère
   *[other] { $count } champs diffèrent
  }
app-compare-col-field = Champ
app-compare-col-application = Demande
app-compare-col-mrz = Pièce d’identité (MRZ)
app-compare-col-result = Comparaison
app-compare-field-surname = Nom
app-compare-field-given_names = Prénoms
app-compare-field-date_of_birth = Date de naissance
app-compare-field-nationality = Nationalité
app-compare-verdict-match = Identique
app-compare-verdict-mismatch = Différent
app-compare-verdict-missing = Absent d’un côté
app-compare-no-application = Le client n’a pas rempli de formulaire de demande.
app-compare-no-mrz = Aucune zone de lecture automatique n’a encore été lue sur la pièce d’identité.
app-compare-side-front = recto
app-compare-side-back = verso
app-compare-show-image = Afficher le { $side } de la pièce
app-compare-hide-image = Masquer le { $side } de la pièce
app-compare-image-alt = Pièce d’identité, { $side }, telle que le client l’a envoyée
app-compare-load-failed = Impossible de charger la demande et la pièce d’identité : { $error }
document-passport = Passeport
document-id_card = Carte d’identité
document-residence_permit = Titre de séjour
document-aadhaar_offline = Aadhaar (hors ligne)
stills-title = Photos
still-open = Ouvrir la photo : { $kind }
still-kind-face = Visage
still-kind-id_front = Recto de la pièce
still-kind-id_back = Verso de la pièce
still-none = pas encore prise
still-zoom = Zoom
still-zoom-out = Dézoomer
still-zoom-in = Zoomer
still-close = Fermer
still-image-area = Photo, défilable
still-alt = Photo : { $kind }
still-resolution = Résolution
still-captured = Prise à
still-captured-at = { DATETIME($at, hour: "numeric", minute: "2-digit", second: "2-digit") }
still-hash = SHA-256
face-chart-label = Distance de correspondance du visage sur les { $count } derniers résultats ; dernière { $distance } (plus bas = plus ressemblant)
pose-values = lacet { $yaw } · tangage { $pitch } · roulis { $roll }
pose-no-face = aucun visage
ai-title = Analyse en direct
ai-status-waiting = démarrage
ai-status-running = active
ai-status-unavailable = indisponible — continuez manuellement
ai-face-match = Correspondance avec la photo de la pièce
face-verdict-match = Correspondance
face-verdict-no_match = Pas de correspondance
face-verdict-inconclusive = Incertain — à vous de juger
face-verdict-not_enough_frames = Pas encore assez d’images
ai-no-result = Pas encore de résultat
ai-distance = distance { $distance } sur { $frames } images
ai-reference-no-face = Aucun visage trouvé sur la photo de la pièce.
ai-reference-missing = La photo de la pièce n’a pas encore été analysée.
ai-liveness = Vivacité
liveness-verdict-live = Personne réelle
liveness-verdict-attack = Possible attaque par présentation
liveness-verdict-not_enough_frames = Pas encore assez d’images
ai-p-real = p(réel) { $p }
ai-quality = Qualité de l’image
ai-quality-good = Bonne
ai-pose = Position de la tête
ai-hints-title = Indices à examiner
ai-hints-explain = Ce sont des indices, pas des verdicts : vérifiez l’image vous-même.
hint-looped_clip = La vidéo semble se répéter (une boucle ?).
hint-still_image = L’image n’a pas changé depuis plusieurs secondes (une photo tenue devant la caméra ?).
hint-regular_timing = Les images arrivent avec une régularité de machine (une caméra virtuelle ?).
hint-source_switch = La source vidéo a changé pendant l’appel.
ai-models = Modèles utilisés
challenges-title = Défis
challenge-head-title = Mouvements de tête
challenge-start = Lancer
challenge-again = Relancer
step-pending = en attente
step-current = maintenant
step-passed = réussi
step-failed = échoué
step-reason-timeout = trop lent
step-reason-no_face = aucun visage
step-reason-wrong_move = mauvaise direction
step-reason-not_reached = non atteint
step-seconds = { $seconds } s
challenge-passed = Défi réussi
challenge-failed = Défi échoué
read-aloud-title = Chiffres lus à voix haute
read-aloud-start = Afficher des chiffres
read-aloud-again = Nouveaux chiffres
read-aloud-digits-label = Chiffres affichés au client : { $digits }
read-aloud-judge = Le client les a-t-il lus correctement ?
read-aloud-correct = Lus correctement
read-aloud-wrong = Incorrect
read-aloud-passed = Lus correctement
read-aloud-failed = Mal lus

## Liste de contrôle
checklist-title = Liste de contrôle
checklist-progress = { $done } sur { $total } faits
check-state-satisfied = Fait :
check-state-open = À faire :
check-state-failed = Échoué :
check-tick-when-done = à cocher une fois fait
check-waiting = en attente de preuve
check-required = obligatoire
check-optional = facultatif
evidence-still = photo enregistrée
evidence-ai = par l’analyse
evidence-confirmed-after-ai = confirmé par vous
evidence-confirmed = confirmé par vous
evidence-consent = consentement enregistré
evidence-read-aloud = lus correctement
evidence-recording = enregistrement sain
check-consent = Consentement avant l’appel
check-quality_gate = Image et son suffisants tout au long de l’appel
check-document_type = Un type de document accepté
check-security_features = Éléments de sécurité vérifiés, document incliné
check-tilt_horizontal_vertical = Document incliné horizontalement et verticalement
check-still_face = Photo du visage
check-still_id_front = Photo du recto de la pièce
check-still_id_back = Photo du verso de la pièce
check-face_match = Visage comparé à la photo de la pièce
check-random_element = Mouvements de tête sur demande
check-head_movement = Tête tournée sur demande
check-read_aloud = Chiffres aléatoires lus à voix haute
check-tan = Code à usage unique (TAN) envoyé et relu
check-purpose_coercion = Objet demandé ; aucun signe de contrainte
check-varied_questions = Questions variées ; chiffres lus à voix haute
check-location_in_india = Client situé en Inde
check-recording = Appel enregistré en entier
check-document_genuine = Document accepté et examiné
why-no_match = le visage ne correspond pas
why-failed = échoué
why-read_aloud_failed = les chiffres n’ont pas été lus correctement
recording-problem-disk_full = le disque est plein
recording-problem-missing_media = l’audio ou la vidéo d’une des parties manque
recording-problem-nothing_recorded = rien n’a encore été enregistré
recording-problem-disabled = l’enregistrement est désactivé
recording-problem-failed = l’enregistrement a échoué

## Décision
blocker-recording_unhealthy = L’enregistrement n’est pas sain : { $problem }.
blocker-check_open = Pas encore fait : { $check }.
blocker-check_failed = Échoué : { $check } ({ $why }).
blocker-face_no_match_without_override = La comparaison du visage indique « pas de correspondance » : expliquez pourquoi vous passez outre.
reason-document_invalid = Document non valide ou non accepté
reason-security_features_failed = Éléments de sécurité non confirmés
reason-face_mismatch = Le visage ne correspond pas au document
reason-liveness_failed = Pas une personne réelle
reason-coercion_suspected = Contrainte suspectée
reason-fraud_suspected = Fraude suspectée
reason-customer_refused = Le client a refusé une étape
reason-technical_failure = Défaillance technique
reason-outside_india = Client hors de l’Inde
reason-poor_quality = Image ou son trop mauvais
reason-connection_lost = Connexion perdue
reason-document_unreadable = Document illisible
reason-tan_failed = Code à usage unique non confirmé
reason-needs_review = Nécessite un second avis
decision-title = Décision
decision-outcome = Issue
decision-pick-outcome = Choisissez une issue.
decision-approval-blocked-now = Une approbation sera refusée tant que :
decision-reasons = Motifs
decision-pick-reason = Choisissez au moins un motif.
decision-override = Pourquoi vous approuvez malgré « pas de correspondance »
decision-override-hint = Au moins 10 caractères ; enregistré avec la décision.
decision-note = Note (facultative)
decision-approval-refused = Approbation refusée :
decision-recording = Enregistrement…
decision-submit = Enregistrer la décision
decision-submit-approved = Enregistrer l’approbation
decision-submit-rejected = Enregistrer le rejet
decision-submit-inconclusive = Enregistrer comme non concluant
decision-recorded-title = Décision enregistrée
decision-recorded = { $outcome } — { DATETIME($at, hour: "numeric", minute: "2-digit") }
decision-status-final = Le résultat est définitif.
decision-status-pending_review = Le résultat attend la revue d’un superviseur avant d’être définitif.
decision-back-to-queue = Retour à la file d’attente

## Issues en tant que résultat enregistré
outcome-choose-approved = Approuver
outcome-choose-rejected = Rejeter
outcome-choose-inconclusive = Non concluant
outcome-done-approved = Approuvé
outcome-done-rejected = Rejeté
outcome-done-inconclusive = Non concluant

## Profils de conformité, par identifiant
profile-basic = Identification vidéo de base
profile-bafin-rs-3-2017 = Circulaire BaFin 3/2017 (Allemagne)
profile-rbi-vcip = RBI V-CIP (Inde)
profile-at-fvfiv = Identification en ligne, Autriche (FM-GwG)
