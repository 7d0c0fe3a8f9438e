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
review-placeholder = Les appels terminés en attente de revue apparaîtront ici.
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
