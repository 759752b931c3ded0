# encart's words in Polish. The messages and their variables are those of
# en.ftl (see there for the syntax); `cargo build` checks it.

## How the language counts and writes numbers, from CLDR
## (https://www.unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html,
## the rules for whole numbers; "other" is what no rule gives).

-plural-one = i = 1 and v = 0
-plural-few = v = 0 and i % 10 = 2..4 and i % 100 != 12..14
-plural-many = v = 0 and i != 1 and i % 10 = 0..1 or v = 0 and i % 10 = 5..9 or v = 0 and i % 100 = 12..14
-number-group = { "\u00A0" }
-number-min-grouping = 2

## The widget.

loading = Wczytywanie artykułu…
by = Autor:
read-on-its-page = Przeczytaj artykuł na jego stronie
retry = Spróbuj ponownie
error-network = Nie można połączyć się z serwerem. Sprawdź połączenie.
error-timeout = Serwer zbyt długo nie odpowiada.
error-not-found = Nie znaleziono tego artykułu.
error-server = Na serwerze wystąpił błąd.
error-malformed = Serwer wysłał nieoczekiwaną odpowiedź.
error-too-large = Ten komentarz jest zbyt długi, aby go wysłać.
error-rate-limited = Komentujesz trochę za szybko: spróbuj ponownie za kilka sekund.
loading-comments = Wczytywanie komentarzy…
load-more = Pokaż więcej komentarzy
reply = Odpowiedz
cancel = Anuluj
leave-comment = Dodaj komentarz
name-label = Imię lub pseudonim
comment-label = Komentarz
honeypot-label = Pozostaw to pole puste
post = Opublikuj
posting = Wysyłanie…
sending = wysyłanie
awaiting-moderation = czeka na moderację: widoczny tylko dla Ciebie
posted = Dziękujemy, Twój komentarz został opublikowany.
post-failed = Twój komentarz nie został wysłany; Twój tekst został zachowany.
commenting-unavailable = Z tej strony nie można wysyłać komentarzy.
author-required = Podaj swoje imię lub pseudonim.
author-too-long = Imię lub pseudonim może mieć najwyżej 80 znaków.
body-required = Napisz swój komentarz.
body-too-long = Komentarz może mieć najwyżej 5000 znaków.
control-characters = Ten tekst zawiera niedozwolone znaki.
notify = Powiadom mnie e-mailem o odpowiedziach
email-label = Twój e-mail (nigdy nie jest pokazywany; wyślemy link, aby go potwierdzić)
email-required = Podaj adres, na który mamy wysyłać powiadomienia.
email-invalid = Ten adres jest nieprawidłowy.
text-size = Rozmiar tekstu
text-smaller = Mniejszy tekst
text-normal = Normalny tekst
text-larger = Większy tekst
theme = Motyw
theme-auto = Automatyczny
theme-light = Jasny
theme-dark = Ciemny
theme-sepia = Sepia
delete = Usuń
confirm-delete = Usunąć ten komentarz na zawsze?
yes-delete = Tak, usuń
deleting = Usuwanie…
report = Zgłoś
edit = Edytuj
edited = edytowany
edit-label = Twój komentarz
save = Zapisz
edit-waits = Twoja zmiana pojawi się po zatwierdzeniu przez moderację.
picks = Wybór redakcji
sort-by = Sortuj
sort-newest = Najnowsze
sort-oldest = Najstarsze
sort-recommended = Najczęściej polecane
recommend = Poleć
report-why = Zgłoś ten komentarz jako:
reason-spam = Spam
reason-abuse = Obraźliwy
reason-off-topic = Nie na temat
reason-other = Inny
reported = Zgłoszono, dziękujemy: moderacja go sprawdzi.
comment-deleted = Komentarz usunięty.
commenting-as = Komentujesz jako
sign-in = Zaloguj się
sign-out = Wyloguj się
sign-in-to-comment = Zaloguj się, aby komentować.
verified = Zweryfikowane konto
staff = Redakcja
error-sign-in-expired = Twoja sesja wygasła: zaloguj się ponownie, a komentarz zostanie wysłany.
error-sign-in-invalid = Nie udało się zweryfikować logowania. Odśwież stronę.
error-banned = Moderacja odebrała Ci prawo do komentowania w tym serwisie.

## Counts, times and dates.

comments-heading = { $count ->
    [0] Brak komentarzy
    [one] { $count } komentarz
    [few] { $count } komentarze
   *[many] { $count } komentarzy
}
new-comments = { $count ->
    [one] { $count } nowy komentarz
    [few] { $count } nowe komentarze
   *[many] { $count } nowych komentarzy
}
reading-time = { $minutes } min czytania
time-now = przed chwilą
time-minutes = { $minutes } min temu
time-hours = { $hours } godz. temu
time-days = { $days } { $days ->
    [one] dzień
   *[other] dni
} temu
date = { $day } { $month ->
    [1] stycznia
    [2] lutego
    [3] marca
    [4] kwietnia
    [5] maja
    [6] czerwca
    [7] lipca
    [8] sierpnia
    [9] września
    [10] października
    [11] listopada
   *[12] grudnia
} { NUMBER($year, useGrouping: "false") }
exact-time = { $date }, { NUMBER($hour, minimumIntegerDigits: 2) }:{ NUMBER($minute, minimumIntegerDigits: 2) } UTC

## The loader, where the widget cannot run at all.

reader-unavailable = Nie udało się tu wczytać czytnika artykułów.
