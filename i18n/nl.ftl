# encart's words in Dutch. The messages and their variables are those of
# en.ftl (see there for the syntax); `cargo build` checks it.

## How the language counts and writes numbers, from CLDR
## (https://www.unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html,
## the rules for whole numbers; "other" is what no rule gives).

-plural-one = i = 1 and v = 0
-number-group = .
-number-min-grouping = 1

## The widget.

loading = Artikel laden…
by = Door
read-on-its-page = Lees het artikel op de eigen pagina
retry = Opnieuw proberen
error-network = De server is niet bereikbaar. Controleer je verbinding.
error-timeout = De server doet er te lang over om te antwoorden.
error-not-found = Dit artikel is niet gevonden.
error-server = Er is een fout opgetreden op de server.
error-malformed = De server stuurde een onverwacht antwoord.
error-too-large = Deze reactie is te lang om te versturen.
error-rate-limited = Je reageert wat snel: probeer het over een paar seconden opnieuw.
loading-comments = Reacties laden…
load-more = Meer reacties tonen
reply = Beantwoorden
cancel = Annuleren
leave-comment = Reageer
name-label = Naam
comment-label = Reactie
honeypot-label = Laat dit veld leeg
post = Plaatsen
posting = Versturen…
sending = wordt verstuurd
awaiting-moderation = wacht op moderatie: alleen jij ziet dit
posted = Bedankt, je reactie is geplaatst.
post-failed = Je reactie is niet verstuurd; je tekst is bewaard.
commenting-unavailable = Vanaf deze pagina kunnen geen reacties worden verstuurd.
author-required = Vul je naam in.
author-too-long = Je naam mag hoogstens 80 tekens lang zijn.
body-required = Schrijf je reactie.
body-too-long = Je reactie mag hoogstens 5.000 tekens lang zijn.
control-characters = Deze tekst bevat tekens die niet zijn toegestaan.
notify = Laat me per e-mail weten als iemand antwoordt
email-label = Je e-mailadres (nooit getoond; we sturen je een link om het te bevestigen)
email-required = Vul het adres in waarop we je laten weten.
email-invalid = Dit adres is niet geldig.
text-size = Tekstgrootte
text-smaller = Kleinere tekst
text-normal = Normale tekst
text-larger = Grotere tekst
theme = Thema
theme-auto = Automatisch
theme-light = Licht
theme-dark = Donker
theme-sepia = Sepia
delete = Verwijderen
confirm-delete = Deze reactie definitief verwijderen?
yes-delete = Ja, verwijderen
deleting = Verwijderen…
report = Melden
edit = Bewerken
edited = bewerkt
edit-label = Je reactie
save = Opslaan
edit-waits = Je wijziging verschijnt zodra een moderator haar goedkeurt.
picks = Keuze van de redactie
sort-by = Sorteren
sort-newest = Nieuwste
sort-oldest = Oudste
sort-recommended = Meest aanbevolen
recommend = Aanbevelen
report-why = Deze reactie melden als:
reason-spam = Spam
reason-abuse = Beledigend
reason-off-topic = Off-topic
reason-other = Anders
reported = Gemeld, bedankt: een moderator bekijkt het.
comment-deleted = Reactie verwijderd.
commenting-as = Je reageert als
sign-in = Inloggen
sign-out = Uitloggen
sign-in-to-comment = Log in om te reageren.
verified = Geverifieerd account
staff = Redactie
error-sign-in-expired = Je sessie is verlopen: log opnieuw in en je reactie wordt verstuurd.
error-sign-in-invalid = Je aanmelding kon niet worden gecontroleerd. Laad de pagina opnieuw.
error-banned = De moderatie heeft je het recht ontnomen om op deze site te reageren.

## Counts, times and dates.

comments-heading = { $count ->
    [0] Nog geen reacties
    [one] { $count } reactie
   *[other] { $count } reacties
}
new-comments = { $count ->
    [one] { $count } nieuwe reactie
   *[other] { $count } nieuwe reacties
}
reading-time = { $minutes } min leestijd
time-now = zojuist
time-minutes = { $minutes } min geleden
time-hours = { $hours } uur geleden
time-days = { $days } { $days ->
    [one] dag
   *[other] dagen
} geleden
date = { $day } { $month ->
    [1] januari
    [2] februari
    [3] maart
    [4] april
    [5] mei
    [6] juni
    [7] juli
    [8] augustus
    [9] september
    [10] oktober
    [11] november
   *[12] december
} { NUMBER($year, useGrouping: "false") }
exact-time = { $date }, { NUMBER($hour, minimumIntegerDigits: 2) }:{ NUMBER($minute, minimumIntegerDigits: 2) } UTC

## The loader, where the widget cannot run at all.

reader-unavailable = De artikellezer kon hier niet worden geladen.
