# encart's words in German. The messages and their variables are those of
# en.ftl (see there for the syntax); `cargo build` checks it.

## How the language counts and writes numbers, from CLDR
## (https://www.unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html,
## the rules for whole numbers; "other" is what no rule gives).

-plural-one = i = 1 and v = 0
-number-group = .
-number-min-grouping = 1

## The widget.

loading = Artikel wird geladen…
by = Von
read-on-its-page = Artikel auf seiner Seite lesen
retry = Erneut versuchen
error-network = Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung.
error-timeout = Der Server braucht zu lange für die Antwort.
error-not-found = Dieser Artikel wurde nicht gefunden.
error-server = Auf dem Server ist ein Fehler aufgetreten.
error-malformed = Der Server hat eine unerwartete Antwort gesendet.
error-too-large = Dieser Kommentar ist zu lang, um gesendet zu werden.
error-rate-limited = Sie kommentieren etwas schnell: Versuchen Sie es in ein paar Sekunden erneut.
loading-comments = Kommentare werden geladen…
load-more = Weitere Kommentare anzeigen
reply = Antworten
cancel = Abbrechen
leave-comment = Kommentar schreiben
name-label = Name
comment-label = Kommentar
honeypot-label = Dieses Feld leer lassen
post = Kommentar senden
posting = Wird gesendet…
sending = wird gesendet
awaiting-moderation = wartet auf Moderation: nur für Sie sichtbar
posted = Danke, Ihr Kommentar ist veröffentlicht.
post-failed = Ihr Kommentar wurde nicht gesendet; Ihr Text bleibt erhalten.
commenting-unavailable = Von dieser Seite aus können keine Kommentare gesendet werden.
author-required = Bitte geben Sie Ihren Namen ein.
author-too-long = Ihr Name darf höchstens 80 Zeichen lang sein.
body-required = Bitte schreiben Sie Ihren Kommentar.
body-too-long = Ihr Kommentar darf höchstens 5.000 Zeichen lang sein.
control-characters = Dieser Text enthält unzulässige Zeichen.
notify = Benachrichtigen Sie mich per E-Mail bei Antworten
email-label = Ihre E-Mail-Adresse (wird nie angezeigt; Sie erhalten einen Bestätigungslink)
email-required = Bitte geben Sie die Adresse für Benachrichtigungen ein.
email-invalid = Diese Adresse ist ungültig.
text-size = Textgröße
text-smaller = Kleinerer Text
text-normal = Normaler Text
text-larger = Größerer Text
theme = Design
theme-auto = Automatisch
theme-light = Hell
theme-dark = Dunkel
theme-sepia = Sepia
delete = Löschen
confirm-delete = Diesen Kommentar endgültig löschen?
yes-delete = Ja, löschen
deleting = Wird gelöscht…
report = Melden
edit = Bearbeiten
edited = bearbeitet
edit-label = Ihr Kommentar
save = Speichern
edit-waits = Ihre Änderung erscheint, sobald die Moderation sie freigibt.
picks = Auswahl der Redaktion
sort-by = Sortieren
sort-newest = Neueste
sort-oldest = Älteste
sort-recommended = Meistempfohlen
recommend = Empfehlen
report-why = Diesen Kommentar melden als:
reason-spam = Spam
reason-abuse = Beleidigend
reason-off-topic = Themenfremd
reason-other = Anderes
reported = Gemeldet, danke: Die Moderation wird ihn prüfen.
comment-deleted = Kommentar gelöscht.
commenting-as = Sie kommentieren als
sign-in = Anmelden
sign-out = Abmelden
sign-in-to-comment = Melden Sie sich an, um zu kommentieren.
verified = Verifiziertes Konto
staff = Redaktion
error-sign-in-expired = Ihre Sitzung ist abgelaufen: Melden Sie sich erneut an, dann wird Ihr Kommentar gesendet.
error-sign-in-invalid = Ihre Anmeldung konnte nicht überprüft werden. Laden Sie die Seite neu.
error-banned = Die Moderation hat Ihnen das Recht entzogen, auf dieser Website zu kommentieren.

## Counts, times and dates.

comments-heading = { $count ->
    [0] Noch keine Kommentare
    [one] { $count } Kommentar
   *[other] { $count } Kommentare
}
new-comments = { $count ->
    [one] { $count } neuer Kommentar
   *[other] { $count } neue Kommentare
}
reading-time = { $minutes } Min. Lesezeit
time-now = gerade eben
time-minutes = vor { $minutes } Min.
time-hours = vor { $hours } Std.
time-days = vor { $days } { $days ->
    [one] Tag
   *[other] Tagen
}
date = { $day }. { $month ->
    [1] Januar
    [2] Februar
    [3] März
    [4] April
    [5] Mai
    [6] Juni
    [7] Juli
    [8] August
    [9] September
    [10] Oktober
    [11] November
   *[12] Dezember
} { NUMBER($year, useGrouping: "false") }
exact-time = { $date }, { NUMBER($hour, minimumIntegerDigits: 2) }:{ NUMBER($minute, minimumIntegerDigits: 2) } UTC

## The loader, where the widget cannot run at all.

reader-unavailable = Der Artikelleser konnte hier nicht geladen werden.
