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
console-placeholder = Votre file d’attente, vos appels et leurs vérifications apparaîtront ici.
review-title = Revue
review-placeholder = Les appels terminés en attente de revue apparaîtront ici.
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
error-invalid_query = Les filtres ne sont pas valides. Vérifiez les dates et réessayez.
error-sign_in_not_found = Cette session est déjà terminée.
error-reauth_cancelled = Annulé : cette action exige que vous confirmiez votre identité.
