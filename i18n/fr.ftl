# encart's words in French. The messages and their variables are those of
# en.ftl (see there for the syntax); `cargo build` checks it.

## How the language counts and writes numbers, from CLDR
## (https://www.unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html,
## the rules for whole numbers; "other" is what no rule gives).

-plural-one = i = 0,1
-plural-many = e = 0 and i != 0 and i % 1000000 = 0 and v = 0 or e != 0..5
-number-group = { "\u202F" }
-number-min-grouping = 1

## The widget.

loading = Chargement de l’article…
by = Par
read-on-its-page = Lire l’article sur sa page
retry = Réessayer
error-network = Impossible de joindre le serveur. Vérifiez votre connexion.
error-timeout = Le serveur met trop de temps à répondre.
error-not-found = Cet article est introuvable.
error-server = Le serveur a rencontré une erreur.
error-malformed = Le serveur a envoyé une réponse inattendue.
error-too-large = Ce commentaire est trop long pour être envoyé.
error-rate-limited = Vous commentez un peu vite : réessayez dans quelques secondes.
loading-comments = Chargement des commentaires…
load-more = Afficher plus de commentaires
reply = Répondre
cancel = Annuler
leave-comment = Laisser un commentaire
name-label = Nom
comment-label = Commentaire
honeypot-label = Ne pas remplir ce champ
post = Publier
posting = Envoi…
sending = envoi en cours
awaiting-moderation = en attente de modération : visible par vous seul
posted = Merci, votre commentaire est publié.
post-failed = Votre commentaire n’a pas été envoyé ; votre texte est conservé.
commenting-unavailable = Les commentaires ne peuvent pas être envoyés depuis cette page.
author-required = Indiquez votre nom.
author-too-long = Votre nom ne doit pas dépasser 80 caractères.
body-required = Écrivez votre commentaire.
body-too-long = Votre commentaire ne doit pas dépasser 5 000 caractères.
control-characters = Ce texte contient des caractères non autorisés.
notify = Me prévenir par e-mail des réponses
email-label = Votre e-mail (jamais affiché ; un lien de confirmation vous sera envoyé)
email-required = Indiquez l’adresse où vous prévenir.
email-invalid = Cette adresse n’est pas valide.
text-size = Taille du texte
text-smaller = Texte plus petit
text-normal = Texte normal
text-larger = Texte plus grand
theme = Thème
theme-auto = Auto
theme-light = Clair
theme-dark = Sombre
theme-sepia = Sépia
delete = Supprimer
confirm-delete = Supprimer définitivement ce commentaire ?
yes-delete = Oui, supprimer
deleting = Suppression…
report = Signaler
edit = Modifier
edited = modifié
edit-label = Votre commentaire
save = Enregistrer
edit-waits = Votre modification paraîtra une fois validée par la modération.
picks = Sélection de la rédaction
sort-by = Trier
sort-newest = Les plus récents
sort-oldest = Les plus anciens
sort-recommended = Les plus recommandés
recommend = Recommander
report-why = Signaler ce commentaire pour :
reason-spam = Spam
reason-abuse = Propos abusifs
reason-off-topic = Hors sujet
reason-other = Autre
reported = Signalé, merci : la modération va le relire.
comment-deleted = Commentaire supprimé.
commenting-as = Vous commentez en tant que
sign-in = Se connecter
sign-out = Se déconnecter
sign-in-to-comment = Connectez-vous pour commenter.
verified = Compte vérifié
staff = Rédaction
error-sign-in-expired = Votre session a expiré : reconnectez-vous et votre commentaire partira.
error-sign-in-invalid = Votre connexion n’a pas pu être vérifiée. Rechargez la page.
error-banned = La modération vous a retiré le droit de commenter sur ce site.

## Counts, times and dates.

comments-heading = { $count ->
    [0] Aucun commentaire pour l’instant
    [one] { $count } commentaire
    [many] { $count } de commentaires
   *[other] { $count } commentaires
}
new-comments = { $count ->
    [one] { $count } nouveau commentaire
    [many] { $count } de nouveaux commentaires
   *[other] { $count } nouveaux commentaires
}
reading-time = { $minutes } min de lecture
time-now = à l’instant
time-minutes = il y a { $minutes } min
time-hours = il y a { $hours } h
time-days = il y a { $days } j
date = { $day ->
    [1] 1er
   *[other] { $day }
} { $month ->
    [1] janvier
    [2] février
    [3] mars
    [4] avril
    [5] mai
    [6] juin
    [7] juillet
    [8] août
    [9] septembre
    [10] octobre
    [11] novembre
   *[12] décembre
} { NUMBER($year, useGrouping: "false") }
exact-time = { $date }, { NUMBER($hour, minimumIntegerDigits: 2) }:{ NUMBER($minute, minimumIntegerDigits: 2) } UTC

## The loader, where the widget cannot run at all.

reader-unavailable = Le lecteur d’articles n’a pas pu s’afficher ici.
