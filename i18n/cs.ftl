# encart's words in Czech. The messages and their variables are those of
# en.ftl (see there for the syntax); `cargo build` checks it.

## How the language counts and writes numbers, from CLDR
## (https://www.unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html,
## the rules for whole numbers; "other" is what no rule gives).

-plural-one = i = 1 and v = 0
-plural-few = i = 2..4 and v = 0
-plural-many = v != 0
-number-group = { "\u00A0" }
-number-min-grouping = 1

## The widget.

loading = Načítání článku…
by = Autor:
read-on-its-page = Přečíst článek na jeho stránce
retry = Zkusit znovu
error-network = Server je nedostupný. Zkontrolujte připojení.
error-timeout = Server odpovídá příliš dlouho.
error-not-found = Tento článek nebyl nalezen.
error-server = Na serveru došlo k chybě.
error-malformed = Server poslal neočekávanou odpověď.
error-too-large = Tento komentář je příliš dlouhý na odeslání.
error-rate-limited = Komentujete trochu rychle: zkuste to znovu za pár sekund.
loading-comments = Načítání komentářů…
load-more = Zobrazit další komentáře
reply = Odpovědět
cancel = Zrušit
leave-comment = Napište komentář
name-label = Jméno
comment-label = Komentář
honeypot-label = Toto pole nevyplňujte
post = Odeslat
posting = Odesílání…
sending = odesílá se
awaiting-moderation = čeká na schválení: vidíte jej jen vy
posted = Děkujeme, váš komentář je zveřejněn.
post-failed = Váš komentář nebyl odeslán; text zůstal zachován.
commenting-unavailable = Z této stránky nelze odesílat komentáře.
author-required = Zadejte své jméno.
author-too-long = Jméno může mít nejvýše 80 znaků.
body-required = Napište svůj komentář.
body-too-long = Komentář může mít nejvýše 5 000 znaků.
control-characters = Tento text obsahuje nepovolené znaky.
notify = Upozornit mě e-mailem na odpovědi
email-label = Váš e-mail (nikdy se nezobrazí; pošleme vám odkaz k potvrzení)
email-required = Zadejte adresu pro upozornění.
email-invalid = Tato adresa není platná.
text-size = Velikost textu
text-smaller = Menší text
text-normal = Normální text
text-larger = Větší text
theme = Motiv
theme-auto = Automatický
theme-light = Světlý
theme-dark = Tmavý
theme-sepia = Sépie
delete = Smazat
confirm-delete = Smazat tento komentář natrvalo?
yes-delete = Ano, smazat
deleting = Mazání…
report = Nahlásit
edit = Upravit
edited = upraveno
edit-label = Váš komentář
save = Uložit
edit-waits = Vaše úprava se zobrazí, jakmile ji schválí moderátor.
picks = Výběr redakce
sort-by = Řadit
sort-newest = Nejnovější
sort-oldest = Nejstarší
sort-recommended = Nejdoporučovanější
recommend = Doporučit
report-why = Nahlásit tento komentář jako:
reason-spam = Spam
reason-abuse = Urážlivý
reason-off-topic = Mimo téma
reason-other = Jiné
reported = Nahlášeno, děkujeme: moderátor jej posoudí.
comment-deleted = Komentář smazán.
commenting-as = Komentujete jako
sign-in = Přihlásit se
sign-out = Odhlásit se
sign-in-to-comment = Pro komentování se přihlaste.
verified = Ověřený účet
staff = Redakce
error-sign-in-expired = Vaše relace vypršela: přihlaste se znovu a komentář se odešle.
error-sign-in-invalid = Vaše přihlášení se nepodařilo ověřit. Obnovte stránku.
error-banned = Moderátoři vám odebrali právo komentovat na tomto webu.

## Counts, times and dates.

comments-heading = { $count ->
    [0] Zatím žádné komentáře
    [one] { $count } komentář
    [few] { $count } komentáře
   *[other] { $count } komentářů
}
new-comments = { $count ->
    [one] { $count } nový komentář
    [few] { $count } nové komentáře
   *[other] { $count } nových komentářů
}
reading-time = { $minutes } min čtení
time-now = právě teď
time-minutes = před { $minutes } min
time-hours = před { $hours } h
time-days = před { $days } { $days ->
    [one] dnem
   *[other] dny
}
date = { $day }. { $month ->
    [1] ledna
    [2] února
    [3] března
    [4] dubna
    [5] května
    [6] června
    [7] července
    [8] srpna
    [9] září
    [10] října
    [11] listopadu
   *[12] prosince
} { NUMBER($year, useGrouping: "false") }
exact-time = { $date }, { NUMBER($hour, minimumIntegerDigits: 2) }:{ NUMBER($minute, minimumIntegerDigits: 2) } UTC

## The loader, where the widget cannot run at all.

reader-unavailable = Čtečku článků se zde nepodařilo načíst.
